// --rate through the real CLI against a sandbox process (so the test worker's pauses cannot bunch
// arrivals): the busiest second at the server stays at or under it. Split from run-basics.test.ts
// into the rate project (vitest.config.ts): on a loaded machine, in the parallel pool, it once counted 21.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, startSandboxProcess, tempDir } from './cli.js';
import { openOrg, writeRows } from './generated.js';

const KEY = 'basics-key-51c2';
const env = { DOUBLETICK_API_KEY: KEY };

describe('collab-bulk run', () => {
  let out: ReturnType<typeof tempDir>;

  beforeEach(() => {
    out = tempDir();
  });

  afterEach(() => out.remove());

  it('keeps the busiest second at or under --rate 20', async () => {
    const input = join(out.path, 'in.csv');
    writeRows(input, 70);
    const orgFile = join(out.path, 'org.json');
    writeFileSync(orgFile, JSON.stringify(openOrg()));
    const server = await startSandboxProcess(['--api-key', KEY, '--org', orgFile]);
    const started = Date.now();
    try {
      const result = await runCli(['run', input, '--base-url', server.url, '--out', join(out.path, 'o'), '--rate', '20'], { env });
      expect(result.code).toBe(0);
      const state = await server.state();
      expect(state.requests).toBe(70);
      expect(state.maxRequestsInOneSecond).toBeLessThanOrEqual(20);
    } finally {
      await server.stop();
    }
    // 70 requests at 20/s cannot take much less than 3.5 s; this bounds the limiter from the other side.
    expect(Date.now() - started).toBeGreaterThan(3000);
    const summary = JSON.parse(readFileSync(join(out.path, 'o/summary.json'), 'utf8'));
    expect(summary.requestsSent).toBe(70);
    // The achieved rate it reports never reads above the --rate it kept.
    expect(summary.requestsPerSecond).toBeGreaterThan(0);
    expect(summary.requestsPerSecond).toBeLessThanOrEqual(20);
  });
});
