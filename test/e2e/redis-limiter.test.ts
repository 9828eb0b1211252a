// Processes sharing one limiter through a real redis-server, the checks that are not about pace
// (split from cluster-rate.test.ts, which keeps the busiest-second counts, so these can run in the
// parallel e2e pool): the limiter's name in Redis never holds the key, and shards on one Redis,
// merged, equal a single process run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { useRedis } from '../support/redis-server.js';
import { readCsvFile, runCli, tempDir } from './cli.js';
import { openOrg, writeRows } from './generated.js';

const KEY = 'cluster-key-8d21';
const env = { DOUBLETICK_API_KEY: KEY };
const ROWS = 240;

describe('processes sharing one limiter through Redis', () => {
  const redis = useRedis();
  const out = tempDir();
  const sandboxes: Sandbox[] = [];
  let input: string;

  beforeAll(() => {
    input = join(out.path, 'in.csv');
    writeRows(input, ROWS);
  });

  afterAll(async () => {
    for (const sandbox of sandboxes) await sandbox.close();
    out.remove();
  });

  const sandbox = async (): Promise<Sandbox> => {
    const started = await startSandbox({ port: 0, apiKey: KEY, org: openOrg() });
    sandboxes.push(started);
    return started;
  };

  it('names the shared limiter in Redis after a hash of the key and base URL, never the key itself', async () => {
    const server = await sandbox();
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
    // The pace is not what this checks (cluster-rate.test.ts does): the shards share --rate 100,
    // and the single run, on its own sandbox, goes at the same time.
    const [server, fresh] = [await sandbox(), await sandbox()];
    const shardRuns = [1, 2, 3].map((i) =>
      runCli(['run', input, '--base-url', server.url, '--rate', '100', '--shard', `${i}/3`, '--out', join(out.path, 'merge', `s${i}`), '--progress', 'false', '--redis-url', redis().url, '--limiter-id', 'test-merge'], { env, timeoutMs: 90_000 }),
    );
    const singleRun = runCli(['run', input, '--base-url', fresh.url, '--rate', '0', '--out', join(out.path, 'single'), '--progress', 'false'], { env });
    const [shards, single] = await Promise.all([Promise.all(shardRuns), singleRun]);
    expect(shards.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(single.code).toBe(0);
    const merged = await runCli(['merge', ...[1, 2, 3].map((i) => join(out.path, 'merge', `s${i}`)), '--out', join(out.path, 'merge', 'all')]);
    expect(merged.code).toBe(0);
    const rows = readCsvFile(join(out.path, 'merge', 'all', 'results.csv'));
    expect(rows).toHaveLength(ROWS);
    expect(rows).toEqual(readCsvFile(join(out.path, 'single', 'results.csv')));
    expect(readFileSync(join(out.path, 'merge', 'all', 'retry.csv'), 'utf8')).toBe(readFileSync(join(out.path, 'single', 'retry.csv'), 'utf8'));
  });
});
