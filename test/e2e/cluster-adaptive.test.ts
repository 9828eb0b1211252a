// --rate auto (the default) in several real processes on one Redis, against a sandbox process whose
// limit nobody told them: each hears the answers the others get, so together they settle under the
// one limit instead of each probing for all of it. Counts are asserted, not seconds.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxState } from '../../src/sandbox/index.js';
import { useRedis } from '../support/redis-server.js';
import { runCli, startSandboxProcess, tempDir, type SandboxProcess } from './cli.js';
import { openOrg, pairsOf, writeRows } from './generated.js';

const KEY = 'cluster-adaptive-key-5c1e';
const env = { DOUBLETICK_API_KEY: KEY };
const LIMIT = 20;
const MAX_RATE = 40;
const ROWS = 240;

describe('processes on one Redis with --rate auto', () => {
  const redis = useRedis();
  const out = tempDir();
  let server: SandboxProcess;
  let input: string;
  let pairs: string[];

  beforeAll(async () => {
    input = join(out.path, 'in.csv');
    pairs = writeRows(input, ROWS);
    const orgFile = join(out.path, 'org.json');
    writeFileSync(orgFile, JSON.stringify(openOrg()));
    server = await startSandboxProcess(['--api-key', KEY, '--org', orgFile, '--rate-limit', String(LIMIT)]);
  });

  afterAll(async () => {
    // Unset when redis-server is missing: the file then fails on that sentence alone.
    await server?.stop();
    out.remove();
  });

  it('find one pace together: every row applied, the shared ceiling held, few 429s', async () => {
    const results = await Promise.all(
      [1, 2].map((i) =>
        runCli(['run', input, '--base-url', server.url, '--max-rate', String(MAX_RATE), '--shard', `${i}/2`, '--redis-url', redis().url, '--limiter-id', 'adaptive-pair', '--out', join(out.path, `s${i}`), '--progress', 'false'], { env, timeoutMs: 90_000 }),
      ),
    );
    expect(results.map((r) => r.code), results.map((r) => r.stderr.slice(-1500)).join('\n----\n')).toEqual([0, 0]);
    const state = (await server.state()) as unknown as SandboxState;
    expect(pairsOf(state)).toEqual([...pairs].sort());
    expect(state.maxRequestsInOneSecond).toBeLessThanOrEqual(MAX_RATE);
    const summaries = [1, 2].map((i) => JSON.parse(readFileSync(join(out.path, `s${i}/summary.json`), 'utf8')));
    expect(summaries.every((s) => s.rateAuto === true)).toBe(true);
    // They had to cross the limit to find it; sharing what they learn keeps the refusals few.
    expect(state.statusCounts['429'] ?? 0).toBeGreaterThan(0);
    expect(state.statusCounts['429'] ?? 0).toBeLessThan(0.2 * state.requests);
  });
});
