// Issue 4 through the real process, the cases whose checks are counts, not clock time (split from
// resilience.test.ts, which keeps the run paced against a server limit, so these can run in the
// parallel e2e pool): a rejected key stops the run after a handful of requests; an interrupt
// leaves valid outputs and a retry file that finishes the job.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, readCsvRaw, runCli, waitFor } from './cli.js';
import { customer, openOrg, pairsOf, WABA, writeRows } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'resilience-key-90d1';
const env = { DOUBLETICK_API_KEY: KEY };

describe('collab-bulk run when things go wrong', () => {
  const harness = useHarness(KEY);

  it('stops with exit 3 after a handful of requests when the API key is rejected', async () => {
    const sandbox = await harness.sandbox({ apiKey: 'the-right-key' });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 200);
    // Without the team check, which would stop it before any collaborator request (test/e2e/team-directory.test.ts).
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0', '--no-team-check'], { env });
    expect(result.code).toBe(3);
    expect(result.stdout + result.stderr).toMatch(/the API key was rejected/);
    expect(sandbox.state().requests).toBeLessThanOrEqual(20);
    const rows = readCsvFile(join(work, 'o/results.csv'));
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['failed', 'not_attempted']));
    expect(rows.filter((r) => r.status === 'failed').every((r) => r.error_code === 'unauthorized')).toBe(true);
    // Fix the key and rerun retry.csv: every row is in it, unchanged.
    expect(readCsvRaw(join(work, 'o/retry.csv'))).toEqual(readCsvRaw(input));
  });

  it('when ten chats in a row answer 403, puts those rows in retry.csv with the rest, as the stop message says', async () => {
    const org = openOrg();
    org.forbiddenChats = Array.from({ length: 30 }, (_, i) => ({ waba: WABA, customer: customer(i) }));
    const sandbox = await harness.sandbox({ org });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 40);
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0', '--concurrency', '1'], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/the API key was rejected .*rerun retry\.csv/);
    const rows = readCsvFile(join(work, 'o/results.csv'));
    const forbidden = rows.filter((r) => r.error_code === 'forbidden');
    expect(forbidden).toHaveLength(10);
    expect(forbidden.every((r) => r.retryable === 'true')).toBe(true);
    expect(readCsvRaw(join(work, 'o/retry.csv'))).toEqual(readCsvRaw(input));
  });

  it('on SIGINT finishes what is in flight, writes valid outputs and a retry.csv that completes the job', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    const pairs = writeRows(input, 120);
    const first = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'a'), '--rate', '20'], {
      env,
      onSpawn: (child) => void waitFor(() => sandbox.state().collaborators.length >= 10).then(() => child.kill('SIGINT')),
    });
    expect(first.code).toBe(3);
    const rows = readCsvFile(join(work, 'a/results.csv'));
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 120 }, (_, i) => String(i + 1)));
    const sent = rows.filter((r) => r.status === 'succeeded').length;
    expect(sent).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status === 'not_attempted').length).toBe(120 - sent);
    expect(sandbox.state().collaborators).toHaveLength(sent);

    const second = await runCli(['run', join(work, 'a/retry.csv'), '--base-url', sandbox.url, '--out', join(work, 'b'), '--rate', '0'], { env });
    expect(second.code).toBe(0);
    expect(pairsOf(sandbox.state())).toEqual([...pairs].sort());
    expect(Object.values(sandbox.state().addCalls).every((n) => n === 1)).toBe(true);
  });
});
