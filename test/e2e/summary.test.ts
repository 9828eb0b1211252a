// The end-of-run summary on stderr, through the real process: counts per status, the reasons rows
// did not go through with example rows, where the files are, and a next command that works as printed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, readCsvFile, ROOT, runCli } from './cli.js';
import { writeRows } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'summary-key-8e2f';
const env = { DOUBLETICK_API_KEY: KEY };

/** Runs a command line as a person would paste it, with `collab-bulk` standing for the built binary. */
function shell(command: string, extraEnv: Record<string, string>): Promise<number | null> {
  const line = command.replace(/^collab-bulk /, `'${process.execPath}' '${BIN}' `);
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], { cwd: ROOT, env: { ...process.env, ...extraEnv }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

describe('the summary at the end of a run', () => {
  const harness = useHarness(KEY);

  it('counts rows per status, lists the reasons with example rows, and says where the files are', async () => {
    const sandbox = await harness.sandbox({ org: undefined });
    const out = join(harness.dir(), 'o');
    const result = await runCli(['run', fixture('mixed.csv'), '--base-url', sandbox.url, '--out', out, '--log-level', 'warn'], { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('customer ← "customer_phone", agent ← "agent_phone", WABA ← "waba_number"\n');
    const text = result.stderr;
    expect(text).toMatch(/^Done: 10 rows in \d+s: 3 succeeded, 1 partial, 3 failed, 2 invalid, 1 duplicate\.\n/);
    expect(text).toMatch(/\d+ requests \(0 retries, 0 throttled with 429\),\n  \d+(\.\d)? requests\/s achieved \(rate auto, at most 100\/s\)\./);
    expect(text).toMatch(/Why rows did not go through:\n {2}agent_not_found +2 {2}\(rows 3, 8\): /);
    expect(text).toMatch(/\n {2}chat_not_found +1 {2}\(row 4\): /);
    expect(text).toMatch(/\n {2}forbidden +1 {2}\(row 9\): /);
    expect(text).toContain(`results: ${join(out, 'results.csv')}`);
    expect(text).toContain(`retry:   ${join(out, 'retry.csv')} (0 rows)`);
    expect(text).toMatch(/Next: nothing to rerun: the 6 rows not done need a fix in the data/);
  });

  it('prints a next command that reruns retry.csv as it stands', async () => {
    const failing = await harness.sandbox({ failRate: 1 });
    const healthy = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 5);
    const out = join(work, 'first');
    const first = await runCli(['run', input, '--out', out, '--max-retries', '0', '--log-level', 'warn'], { env: { ...env, DOUBLETICK_BASE_URL: failing.url } });
    expect(first.code).toBe(2);
    const command = /\nNext: rerun the 5 rows worth sending again:\n {2}(.+)\n$/.exec(first.stderr)?.[1];
    expect(command).toBe(`collab-bulk run ${join(out, 'retry.csv')} --max-retries 0`);
    expect(await shell(`${command!} --out ${join(work, 'second')}`, { ...env, DOUBLETICK_BASE_URL: healthy.url })).toBe(0);
    expect(readCsvFile(join(work, 'second/results.csv')).map((r) => r.status)).toEqual(Array(5).fill('succeeded'));
  });
});
