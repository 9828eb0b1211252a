// Several real collab-bulk processes sharing one rate limit through a real redis-server: the
// sandbox (its own process, so its clock is not the test's) counts arrivals from all of them.
// The checks that are not about pace (the limiter's name, shards merged) are in redis-limiter.test.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useRedis } from '../support/redis-server.js';
import { runCli, startSandboxProcess, tempDir, type CliResult, type SandboxProcess } from './cli.js';
import { openOrg, writeRows } from './generated.js';

const KEY = 'cluster-key-8d21';
const env = { DOUBLETICK_API_KEY: KEY };
const RATE = 30;
const ROWS = 240;

describe('processes sharing one limiter through Redis', () => {
  const redis = useRedis();
  const out = tempDir();
  let server: SandboxProcess;
  let input: string;

  beforeAll(async () => {
    input = join(out.path, 'in.csv');
    writeRows(input, ROWS);
    const orgFile = join(out.path, 'org.json');
    writeFileSync(orgFile, JSON.stringify(openOrg()));
    server = await startSandboxProcess(['--api-key', KEY, '--org', orgFile]);
  });

  afterEach(async () => {
    await fetch(`${server.url}/__sandbox/reset`, { method: 'POST' });
  });

  afterAll(async () => {
    // Unset when redis-server is missing: the file then fails on that sentence alone.
    await server?.stop();
    out.remove();
  });

  const runShards = (count: number, name: string, shared: boolean): Promise<CliResult[]> =>
    Promise.all(
      Array.from({ length: count }, (_, i) => {
        const cluster = shared ? ['--redis-url', redis().url, '--limiter-id', `test-${name}`] : [];
        const args = ['run', input, '--base-url', server.url, '--rate', String(RATE), '--shard', `${i + 1}/${count}`, '--out', join(out.path, name, `s${i + 1}`), '--progress', 'false', ...cluster];
        return runCli(args, { env, timeoutMs: 90_000 });
      }),
    );

  it.each([2, 3])('%i processes with --rate 30 keep the busiest second at or under 30 and together reach at least 27 in it', async (count) => {
    const results = await runShards(count, `shared-${count}`, true);
    expect(results.map((r) => r.code)).toEqual(Array(count).fill(0));
    const state = await server.state();
    expect(state.requests).toBe(ROWS);
    expect(state.maxRequestsInOneSecond).toBeLessThanOrEqual(RATE);
    expect(state.maxRequestsInOneSecond).toBeGreaterThanOrEqual(0.9 * RATE);
  });

  it('is what keeps them under it: without --redis-url the same two processes go over 30', async () => {
    const results = await runShards(2, 'alone', false);
    expect(results.map((r) => [r.code, r.code === 0 ? "" : r.stderr.slice(-600)])).toEqual([[0, ""], [0, ""]]);
    expect((await server.state()).maxRequestsInOneSecond).toBeGreaterThan(RATE);
  });
});
