// Runs the built collab-bulk CLI on a CSV as a measured child process and reads its summary.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from './paths.mjs';
import { runMeasured } from './proc.mjs';

/**
 * flags: { baseUrl, rate, concurrency?, coalesce?, dryRun?, out, nodeArgs? }
 * Resolves with the child's figures plus `summary` (summary.json) and `rows` (rows in results).
 */
export async function runCollab(csv, flags) {
  const args = [...(flags.nodeArgs ?? []), BIN, 'run', csv, '--out', flags.out, '--rate', String(flags.rate ?? 0), '--log-level', 'warn', '--no-progress'];
  if (flags.baseUrl) args.push('--base-url', flags.baseUrl);
  if (flags.concurrency) args.push('--concurrency', String(flags.concurrency));
  if (flags.coalesce === false) args.push('--no-coalesce');
  if (flags.dryRun) args.push('--dry-run');
  if (flags.args) args.push(...flags.args);
  const run = await runMeasured(process.execPath, args, { env: { DOUBLETICK_API_KEY: 'sandbox-key' }, timeoutMs: flags.timeoutMs ?? 900_000 });
  let summary;
  try {
    summary = JSON.parse(readFileSync(join(flags.out, 'summary.json'), 'utf8'));
  } catch {
    throw new Error(`collab-bulk wrote no summary.json (exit ${run.code}): ${run.stderr.slice(-2000)}`);
  }
  if (run.code !== 0) console.error(`bench: collab-bulk exited ${run.code}: ${run.stderr.slice(-500)}`);
  return { ...run, summary };
}
