// Progress as cron and CI see it, through the real process: regular progress lines when stderr is
// not a terminal, and the pause and its reason while the API throttles or cannot be reached. These
// judge lines per interval (with margins a loaded machine does not reach); --quiet and the live bar on a
// terminal are in progress-untimed.test.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unusedLoopbackPort } from '../support/loopback-port.js';
import { runCli } from './cli.js';
import { writeRows } from './generated.js';
import { useHarness } from './harness.js';
import { progressLines } from './progress-lines.js';

const KEY = 'progress-key-3b7e';
const env = { DOUBLETICK_API_KEY: KEY };

describe('progress off a terminal (cron, CI, a pipe)', () => {
  const harness = useHarness(KEY);

  it('writes a progress line every --progress-interval seconds, with rows settled of the total and the counts', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 30);
    // 30 requests at 10/s take about 3 s: several 0.4 s intervals.
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '10', '--progress-interval', '0.4'], { env });
    expect(result.code, result.stderr).toBe(0);
    const lines = progressLines(result.stderr);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect(line.level).toBe('info');
      expect(line.msg).toMatch(/^progress: \d+\/30 rows \d+% \| \d+ ok, 0 failed, 0 invalid \| \d+ retr(y|ies) waiting \| [\d.]+ req\/s \(limit [\d.]+\/s.*\) \| ETA /);
      expect(line.progress).toMatchObject({ total: 30, totalExact: true });
    }
    const done = lines.map((l) => l.progress!.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)!).toBeGreaterThan(done[0]!);
  });

  it('says the run is paused, and why, while the API cannot be reached', async () => {
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 2);
    const url = `http://127.0.0.1:${await unusedLoopbackPort()}`;
    const result = await runCli(['run', input, '--base-url', url, '--out', join(work, 'o'), '--max-retries', '4', '--progress-interval', '0.2'], { env });
    expect(result.code, result.stderr).toBe(2);
    const paused = progressLines(result.stderr).filter((l) => l.progress!.pause);
    expect(paused.length).toBeGreaterThan(0);
    for (const line of paused) expect(line.msg).toMatch(/PAUSED: cannot reach the API \(ECONNREFUSED\)/);
    // A line can fall in the instant a retry is on the wire (none waiting) while the pause lasts;
    // what must show is that the pause is spent with retries waiting.
    expect(paused.some((line) => line.progress!.retriesWaiting > 0)).toBe(true);
  });

  it('says the run is paused, and why, while the API throttles with 429', async () => {
    const sandbox = await harness.sandbox({ rateLimit: 1, retryAfter: 1 });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 4);
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '20', '--progress-interval', '0.2'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(sandbox.state().statusCounts['429']).toBeGreaterThan(0);
    const paused = progressLines(result.stderr).filter((l) => l.progress!.pause?.kind === 'rate_limited');
    expect(paused.length).toBeGreaterThan(0);
    expect(paused[0]!.msg).toMatch(/PAUSED: the API is throttling us \(429 Too Many Requests, Retry-After 1 s\)/);
  });
});
