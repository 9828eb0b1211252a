// Progress as cron, CI and a person at a terminal see it, through the real process: regular
// progress lines when stderr is not a terminal, none with --quiet, the pause and its reason while
// the API throttles or cannot be reached, and a live bar on a pseudo-terminal.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, closedPort, ROOT, runCli } from './cli.js';
import { writeRows } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'progress-key-3b7e';
const env = { DOUBLETICK_API_KEY: KEY };

interface LogLine {
  level: string;
  msg: string;
  progress?: { done: number; total?: number; totalExact: boolean; succeeded: number; retriesWaiting: number; pause?: { kind: string; why: string } };
}

function jsonLines(stderr: string): LogLine[] {
  return stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
}
const progressLines = (stderr: string): LogLine[] => jsonLines(stderr).filter((l) => l.progress);


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

  it('writes no progress line with --quiet, nor with --no-progress', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 20);
    for (const flag of ['--quiet', '--no-progress']) {
      const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, flag), '--rate', '10', '--progress-interval', '0.2', flag], { env });
      expect(result.code, result.stderr).toBe(0);
      expect(progressLines(result.stderr)).toEqual([]);
      expect(result.stderr).toMatch(/Done: 20 rows/);
    }
  });

  it('says the run is paused, and why, while the API cannot be reached', async () => {
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 2);
    const url = `http://127.0.0.1:${await closedPort()}`;
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

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('progress on a terminal', () => {
  const harness = useHarness(KEY);

  it.skipIf(!hasScript)('draws a live bar with pretty logs above it, never a JSON line', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 20);
    // A terminal of 160 columns: room for every figure, the per-status breakdown included.
    const command = `stty cols 160 rows 24; ${process.execPath} ${BIN} run ${input} --base-url ${sandbox.url} --out ${join(work, 'o')} --rate 10`;
    // script(1) gives the CLI a pseudo-terminal for stdin, stdout and stderr, and copies what it drew to our stdout.
    const screen = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, ...env, TERM: 'xterm-256color' } });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    const plain = screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain).toMatch(/█+░* \d+\/20 rows \d+% \|/);
    expect(plain).toMatch(/█{24} 20\/20 rows 100% \| 20 ok, 0 failed, 0 invalid/);
    expect(plain).toMatch(/INFO: run started/);
    expect(plain).not.toContain('{"level"');
    expect(plain).toMatch(/Done: 20 rows in \d+s: 20 succeeded\./);
  });
});
