// Several real collab-bulk processes sharing one rate limit through a real redis-server: the
// sandbox (its own process, so its clock is not the test's) counts arrivals from all of them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { useRedis } from '../support/redis-server.js';
import { readCsvFile, runCli, startSandboxProcess, tempDir, type CliResult, type SandboxProcess } from './cli.js';
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

  it('names the shared limiter in Redis after a hash of the key and base URL, never the key itself', async () => {
    const result = await runCli(['run', input, '--base-url', server.url, '--rate', '30', '--shard', '1/40', '--redis-url', redis().url, '--out', join(out.path, 'named'), '--progress', 'false', '--log-level', 'debug'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(KEY);
    const client = new Redis(redis().url);
    try {
      const keys = await client.keys('*');
      const settings = keys.filter((key) => /^b_collab-bulk-[0-9a-f]{24}_settings$/.test(key));
      expect(settings).toHaveLength(1);
      const stored = [...keys, ...Object.values(await client.hgetall(settings[0]!))].join('\n');
      expect(stored).not.toContain(KEY);
    } finally {
      client.disconnect();
    }
  });

  it('three shards on one Redis, merged, equal a single process run row for row', async () => {
    const shards = await runShards(3, 'merge', true);
    expect(shards.map((r) => r.code)).toEqual([0, 0, 0]);
    const merged = await runCli(['merge', ...[1, 2, 3].map((i) => join(out.path, 'merge', `s${i}`)), '--out', join(out.path, 'merge', 'all')]);
    expect(merged.code).toBe(0);
    const fresh = await startSandbox({ port: 0, apiKey: KEY, org: openOrg() });
    try {
      const single = await runCli(['run', input, '--base-url', fresh.url, '--rate', '0', '--out', join(out.path, 'single'), '--progress', 'false'], { env });
      expect(single.code).toBe(0);
    } finally {
      await fresh.close();
    }
    const rows = readCsvFile(join(out.path, 'merge', 'all', 'results.csv'));
    expect(rows).toHaveLength(ROWS);
    expect(rows).toEqual(readCsvFile(join(out.path, 'single', 'results.csv')));
    expect(readFileSync(join(out.path, 'merge', 'all', 'retry.csv'), 'utf8')).toBe(readFileSync(join(out.path, 'single', 'retry.csv'), 'utf8'));
  });
});
