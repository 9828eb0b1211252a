// The shell loop a user might write instead: xargs -P 16 running one curl per row. No retries, so
// a row answered 429 (or anything but 2xx) is simply lost. curl is installed with apt if missing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aptInstall, has, runMeasured } from '../lib/proc.mjs';

const SCRIPT = `#!/bin/sh
# usage: loop.sh <csv> <base url>; prints one HTTP status per row
tail -n +2 "$1" | tr ',' ' ' | xargs -P 16 -n 3 sh -c '
  curl -s -o /dev/null -w "%{http_code}\\n" -X POST "$0/collaborators/add" \\
    -H "Authorization: sandbox-key" -H "Content-Type: application/json" \\
    -d "{\\"from\\":\\"$3\\",\\"to\\":\\"$1\\",\\"agentNumbers\\":[\\"$2\\"]}"' "$2"
`;

export function ensureCurl() {
  if (!has('curl')) aptInstall(['curl']);
}

/** Resolves with the child's figures plus statusCounts of the answers curl saw. */
export async function runCurlLoop(dir, baseUrl, csv) {
  ensureCurl();
  const script = join(dir, 'loop.sh');
  writeFileSync(script, SCRIPT, { mode: 0o755 });
  const run = await runMeasured('/bin/sh', [script, csv, baseUrl], { timeoutMs: 600_000 });
  const statusCounts = {};
  for (const code of run.stdout.split('\n').filter(Boolean)) statusCounts[code] = (statusCounts[code] ?? 0) + 1;
  return { ...run, statusCounts };
}
