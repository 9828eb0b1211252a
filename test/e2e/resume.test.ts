// Crash safety: kill -9 at several points, then --resume in the same out dir, ends with the same
// complete outputs as an uninterrupted run, and only rows that were in flight are sent twice.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, readCsvRaw, runCli, waitFor, type CliOptions } from './cli.js';
import { pairsOf, writeRows } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'resume-key-3e8b';
const env = { DOUBLETICK_API_KEY: KEY };
const CONCURRENCY = 6;

describe('collab-bulk run --resume', () => {
  const harness = useHarness(KEY);

  it('finishes a run killed twice with kill -9, sending again only what was in flight', async () => {
    const sandbox = await harness.sandbox({ latencyMs: 40 });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    const out = join(work, 'out');
    const pairs = writeRows(input, 150);
    const args = ['run', input, '--base-url', sandbox.url, '--out', out, '--rate', '40', '--concurrency', String(CONCURRENCY)];
    // Killed once some rows went through in this session (counted at the sandbox, not timed).
    const killAfter = (applied: number): CliOptions => ({
      env,
      onSpawn: (child) => void waitFor(() => sandbox.state().collaborators.length >= applied).then(() => child.kill('SIGKILL')),
    });

    const first = await runCli(args, killAfter(20));
    expect(first.signal).toBe('SIGKILL');
    const second = await runCli([...args, '--resume'], killAfter(sandbox.state().collaborators.length + 20));
    expect(second.signal).toBe('SIGKILL');
    const applied = sandbox.state().collaborators.length;
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThan(150);

    const last = await runCli([...args, '--resume'], { env });
    expect(last.code).toBe(0);
    const rows = readCsvFile(join(out, 'results.csv'));
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 150 }, (_, i) => String(i + 1)));
    expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
    expect(readCsvRaw(join(out, 'retry.csv'))).toEqual([readCsvRaw(input)[0]]);

    const state = sandbox.state();
    expect(pairsOf(state)).toEqual([...pairs].sort());
    const resent = Object.values(state.addCalls).reduce((sum, n) => sum + (n - 1), 0);
    expect(resent).toBeLessThanOrEqual(2 * CONCURRENCY);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.resumed).toBe(true);
    expect(summary.statuses.succeeded).toBe(150);
  });

  it('after Ctrl-C, --resume sends every row not yet sent, once, and the summary covers both sessions', async () => {
    const sandbox = await harness.sandbox({ latencyMs: 20 });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    const out = join(work, 'out');
    const pairs = writeRows(input, 300);
    const args = ['run', input, '--base-url', sandbox.url, '--out', out, '--rate', '50'];
    const first = await runCli(args, { env, onSpawn: (child) => void waitFor(() => sandbox.state().collaborators.length >= 30).then(() => child.kill('SIGINT')) });
    expect(first.code).toBe(3);
    const sentFirst = sandbox.state().collaborators.length;
    expect(sentFirst).toBeLessThan(300);

    const last = await runCli([...args, '--resume'], { env });
    expect(last.code).toBe(0);
    const state = sandbox.state();
    expect(pairsOf(state)).toEqual([...pairs].sort());
    // Nothing was in flight unanswered (the grace time covered it), so nothing went twice.
    expect(Object.values(state.addCalls).every((n) => n === 1)).toBe(true);
    const rows = readCsvFile(join(out, 'results.csv'));
    expect(rows.map((r) => r.status)).toEqual(Array(300).fill('succeeded'));
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ sessions: 2, resumed: true, requestsSent: state.requests, exitCode: 0 });
  });

  it('after a stop for a rejected key, --resume with the right key sends the rejected rows too', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    const out = join(work, 'out');
    const pairs = writeRows(input, 40);
    const args = ['run', input, '--base-url', sandbox.url, '--out', out, '--rate', '0'];
    expect((await runCli(args, { env: { DOUBLETICK_API_KEY: 'a-wrong-key' } })).code).toBe(3);
    const resumed = await runCli([...args, '--resume'], { env });
    expect(resumed.code).toBe(0);
    expect(pairsOf(sandbox.state())).toEqual([...pairs].sort());
  });

  it('--resume in a folder that holds no run starts a fresh run there and says so', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    const pairs = writeRows(input, 5);
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'new'), '--rate', '0', '--resume'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/holds no run yet, so a fresh run starts there/);
    expect(pairsOf(sandbox.state())).toEqual([...pairs].sort());
  });

  it('refuses to resume with a different input file', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    const out = join(work, 'out');
    writeRows(input, 5);
    const args = ['run', input, '--base-url', sandbox.url, '--out', out, '--rate', '0'];
    expect((await runCli(args, { env })).code).toBe(0);
    appendFileSync(input, '+917000000099,+919811100001,919800000001\n');
    const requestsBefore = sandbox.state().requests;
    const resumed = await runCli([...args, '--resume'], { env });
    expect(resumed.code).toBe(1);
    expect(resumed.stderr).toMatch(/not the file this run started with/);
    expect(sandbox.state().requests).toBe(requestsBefore);
  });

  it('refuses to reuse an out dir that holds a run unless --resume is given', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 3);
    const args = ['run', input, '--base-url', sandbox.url, '--out', join(work, 'out'), '--rate', '0'];
    expect((await runCli(args, { env })).code).toBe(0);
    const again = await runCli(args, { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a run/);
  });
});
