// Redis going away under a clustered run, through the real CLI and a real redis-server that the
// test kills: sending pauses, the cause is said once, and the run either goes on when Redis is
// back or stops as interrupted with every row accounted for and --resume to finish it. A Redis
// that cannot be reached at the start is in redis-unreachable.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { useRedis } from '../support/redis-server.js';
import { readCsvFile, runCli } from './cli.js';
import { pairsOf, writeRows } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'outage-key-3b7e';
const env = { DOUBLETICK_API_KEY: KEY };
const ROWS = 120;
// --rate 20 gives an in-flight cap of 10: at most that many sends were granted before Redis went.
const GRANTED_AHEAD = 10;

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!check()) throw new Error('waited 30 s in vain');
};
const count = (text: string, pattern: RegExp): number => text.split('\n').filter((line) => pattern.test(line)).length;

describe('a clustered run when Redis goes away', () => {
  const redis = useRedis();
  const harness = useHarness(KEY);

  const start = (sandbox: Sandbox, out: string, extra: string[] = []) => {
    const args = ['run', join(out, '..', 'in.csv'), '--base-url', sandbox.url, '--rate', '20', '--redis-url', redis().url, '--out', out, '--progress', 'false', ...extra];
    return runCli(args, { env, timeoutMs: 90_000 });
  };

  it('pauses while Redis is down, says so once, goes on when it is back, and loses or repeats no row', async () => {
    const sandbox = await harness.sandbox();
    const dir = harness.dir();
    const pairs = writeRows(join(dir, 'in.csv'), ROWS);
    const run = start(sandbox, join(dir, 'out'));
    await until(() => sandbox.state().requests >= 30);
    await redis().kill();
    const atKill = sandbox.state().requests;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const beforeBack = sandbox.state().requests;
    await redis().restart();
    const result = await run;

    expect(beforeBack - atKill).toBeLessThanOrEqual(GRANTED_AHEAD);
    expect(result.code).toBe(0);
    expect(count(result.stderr, /went away/)).toBe(1);
    expect(count(result.stderr, /answers again/)).toBe(1);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(readCsvFile(join(dir, 'out', 'results.csv')).map((r) => r.status)).toEqual(Array(ROWS).fill('succeeded'));
    expect(pairsOf(sandbox.state())).toEqual([...pairs].sort());
    expect(Object.values(sandbox.state().addCalls).every((n) => n === 1)).toBe(true);
  });

  it('stops as interrupted (exit 3) when Redis stays away past --redis-wait, every row accounted for, and --resume finishes', async () => {
    const sandbox = await harness.sandbox();
    const dir = harness.dir();
    const pairs = writeRows(join(dir, 'in.csv'), ROWS);
    const out = join(dir, 'out');
    const run = start(sandbox, out, ['--redis-wait', '2']);
    await until(() => sandbox.state().requests >= 30);
    await redis().kill();
    const result = await run;
    await redis().restart();

    expect(result.code).toBe(3);
    expect(count(result.stderr, /went away/)).toBe(1);
    expect(result.stderr).toMatch(/unreachable for 2 s/);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    const rows = readCsvFile(join(out, 'results.csv'));
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: ROWS }, (_, i) => String(i + 1)));
    const notDone = rows.filter((r) => r.status !== 'succeeded');
    expect(notDone.length).toBeGreaterThan(0);
    expect(notDone.every((r) => r.retryable === 'true')).toBe(true);
    expect(readCsvFile(join(out, 'retry.csv'))).toHaveLength(notDone.length);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.stoppedBecause).toBe('redis_unavailable');
    expect(summary.exitCode).toBe(3);

    const resumed = await start(sandbox, out, ['--resume']);
    expect(resumed.code).toBe(0);
    expect(readCsvFile(join(out, 'results.csv')).map((r) => r.status)).toEqual(Array(ROWS).fill('succeeded'));
    expect(pairsOf(sandbox.state())).toEqual([...pairs].sort());
    expect(Object.values(sandbox.state().addCalls).every((n) => n === 1)).toBe(true);
  });
});
