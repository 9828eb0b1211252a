// Runs the built collab-bulk CLI on a CSV as a measured child process and reads its summary.json.
// It is started as users start it, the binary itself (its first lines exec node in the
// environment the build chose); with node flags of the bench's own (a profile), as node with those
// flags, in that same environment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from './paths.mjs';
import { runMeasured } from './proc.mjs';

/**
 * flags: { baseUrl, rate, concurrency?, coalesce?, dryRun?, out, nodeArgs? }
 * Resolves with the child's figures plus `summary` (summary.json) and `rows` (rows in results).
 */
export async function runCollab(csv, flags) {
  const cli = ['run', csv, '--out', flags.out, '--rate', String(flags.rate ?? 0), '--log-level', 'warn', '--no-progress'];
  const [command, args] = flags.nodeArgs?.length ? [process.execPath, [...flags.nodeArgs, BIN, ...cli]] : [BIN, cli];
  if (flags.baseUrl) args.push('--base-url', flags.baseUrl);
  if (flags.concurrency) args.push('--concurrency', String(flags.concurrency));
  if (flags.coalesce === false) args.push('--no-coalesce');
  if (flags.dryRun) args.push('--dry-run');
  if (flags.args) args.push(...flags.args);
  const run = await runMeasured(command, args, { env: { ...launcherEnv(), DOUBLETICK_API_KEY: 'sandbox-key' }, timeoutMs: flags.timeoutMs ?? 900_000 });
  let summary;
  try {
    summary = JSON.parse(readFileSync(join(flags.out, 'summary.json'), 'utf8'));
  } catch {
    throw new Error(`collab-bulk wrote no summary.json (exit ${run.code}): ${run.stderr.slice(-2000)}`);
  }
  if (run.code !== 0) console.error(`bench: collab-bulk exited ${run.code}: ${run.stderr.slice(-500)}`);
  return { ...run, summary };
}

/** The environment the binary's launcher line gives node (scripts/bundle-cli.mjs): NAME="${NAME:-value}". */
function launcherEnv() {
  const line = readFileSync(BIN, 'utf8').split('\n', 2)[1] ?? '';
  return Object.fromEntries([...line.matchAll(/(\w+)="\$\{\w+:-([^}]*)\}"/g)].map(([, name, value]) => [name, process.env[name] ?? value]));
}
