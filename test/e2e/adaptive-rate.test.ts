// --rate auto (the default) and an explicit --rate against a server whose limit nobody told the
// tool, through the real CLI and a sandbox process (so the test worker's pauses cannot bunch
// arrivals). Counts are asserted, not seconds: speed is the benchmark's job. A --rate that is no
// rate is refused in rate-flag.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxState } from '../../src/sandbox/index.js';
import { readCsvFile, runCli, startSandboxProcess, tempDir } from './cli.js';
import { openOrg, pairsOf, writeRows } from './generated.js';

const KEY = 'adaptive-key-7d41';
const env = { DOUBLETICK_API_KEY: KEY };

describe('collab-bulk run against an unknown rate limit', () => {
  let out: ReturnType<typeof tempDir>;
  let orgFile: string;

  beforeEach(() => {
    out = tempDir();
    orgFile = join(out.path, 'org.json');
    writeFileSync(orgFile, JSON.stringify(openOrg()));
  });

  afterEach(() => out.remove());

  it('with no --rate, finds the limit from 429s without Retry-After, applies every row, and never passes --max-rate', async () => {
    const input = join(out.path, 'in.csv');
    const pairs = writeRows(input, 240);
    const server = await startSandboxProcess(['--api-key', KEY, '--org', orgFile, '--rate-limit', '25']);
    try {
      const result = await runCli(['run', input, '--base-url', server.url, '--out', join(out.path, 'o'), '--max-rate', '40'], { env, timeoutMs: 90_000 });
      expect(result.code).toBe(0);
      const state = (await server.state()) as unknown as SandboxState;
      expect(pairsOf(state)).toEqual([...pairs].sort());
      expect(state.maxRequestsInOneSecond).toBeLessThanOrEqual(40);
      const summary = JSON.parse(readFileSync(join(out.path, 'o/summary.json'), 'utf8'));
      // It had to cross the limit to find it, but backs off: most requests are never refused.
      expect(summary.rateLimited).toBeGreaterThan(0);
      expect(summary.rateLimited).toBeLessThan(0.2 * summary.requestsSent);
      expect(summary.rateLimit).toBe(40);
      expect(summary.rateAuto).toBe(true);
    } finally {
      await server.stop();
    }
    expect(readCsvFile(join(out.path, 'o/results.csv')).every((row) => row.status === 'succeeded')).toBe(true);
  });

  it('adapts under an explicit --rate set above the limit, and no second holds more than that --rate', async () => {
    const input = join(out.path, 'in.csv');
    const pairs = writeRows(input, 150);
    const server = await startSandboxProcess(['--api-key', KEY, '--org', orgFile, '--rate-limit', '15', '--burst', '5']);
    try {
      const result = await runCli(['run', input, '--base-url', server.url, '--out', join(out.path, 'o'), '--rate', '30'], { env, timeoutMs: 90_000 });
      expect(result.code).toBe(0);
      const state = (await server.state()) as unknown as SandboxState;
      expect(pairsOf(state)).toEqual([...pairs].sort());
      expect(state.maxRequestsInOneSecond).toBeLessThanOrEqual(30);
      expect(state.statusCounts['429']).toBeLessThan(0.25 * state.requests);
    } finally {
      await server.stop();
    }
  });
});
