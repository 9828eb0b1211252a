// A stop is prompt whatever the run is waiting on: Ctrl-C or SIGTERM ends the run within the 10 s
// grace time (+2 s to write the outputs) of the first signal, even with 40 s answers, thousands of
// rows at --rate 0, a 60 s Retry-After pause, or an input that is still arriving; and a signal
// before the header is read stops the run before anything is sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readCsvFile, readCsvRaw, runCli, waitFor } from './cli.js';
import { writeRows } from './generated.js';
import { useHarness } from './harness.js';
import type { Sandbox } from '../../src/sandbox/index.js';

const KEY = 'prompt-stop-key-51a7';
const env = { DOUBLETICK_API_KEY: KEY };
/** The promise is grace (10 s) + 2 s; the rest is slack for a loaded machine. The old build took 41-69 s. */
const PROMPT_MS = 16_000;

/** Sends `signal` once the sandbox shows `ready`, and remembers when. */
function signalWhen(sandbox: Sandbox, ready: (state: ReturnType<Sandbox['state']>) => boolean, signal: NodeJS.Signals = 'SIGINT') {
  const sent = { at: 0 };
  return {
    sent,
    onSpawn: (child: ChildProcess) =>
      void waitFor(() => ready(sandbox.state())).then(() => {
        sent.at = Date.now();
        child.kill(signal);
      }),
  };
}

describe('collab-bulk run stops promptly', () => {
  const harness = useHarness(KEY);

  it('exits within the grace time of Ctrl-C while answers take 40 s, the unanswered rows retryable', async () => {
    const sandbox = await harness.sandbox({ latencyMs: 40_000 });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 30);
    const stop = signalWhen(sandbox, (s) => s.requests >= 4);
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0', '--concurrency', '4'], { env, timeoutMs: 60_000, onSpawn: stop.onSpawn });
    expect(Date.now() - stop.sent.at).toBeLessThan(PROMPT_MS);
    expect(result.code).toBe(3);
    const rows = readCsvFile(join(work, 'o/results.csv'));
    expect(rows).toHaveLength(30);
    expect(rows.filter((r) => r.status === 'failed').map((r) => [r.attempts, r.retryable])).toEqual(Array(4).fill(['1', 'true']));
    expect(readCsvRaw(join(work, 'o/retry.csv'))).toHaveLength(31);
    // The four requests that never got an answer were sent all the same, and are counted.
    const summary = JSON.parse(readFileSync(join(work, 'o/summary.json'), 'utf8'));
    expect(summary.requestsSent).toBe(sandbox.state().requests);
  }, 70_000);

  it('exits within the grace time of Ctrl-C with 5,000 rows at --rate 0 and slow answers', async () => {
    const sandbox = await harness.sandbox({ latencyMs: 40_000 });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 5_000);
    const stop = signalWhen(sandbox, (s) => s.requests >= 16);
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0'], { env, timeoutMs: 60_000, onSpawn: stop.onSpawn });
    expect(Date.now() - stop.sent.at).toBeLessThan(PROMPT_MS);
    expect(result.code).toBe(3);
    expect(sandbox.state().requests).toBe(16);
  }, 70_000);

  it('exits within the grace time of SIGTERM during a 60 s Retry-After pause', async () => {
    const sandbox = await harness.sandbox({ rateLimit: 1, burst: 1, retryAfter: 60 });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 50);
    const stop = signalWhen(sandbox, (s) => (s.statusCounts['429'] ?? 0) >= 1, 'SIGTERM');
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0'], { env, timeoutMs: 90_000, onSpawn: stop.onSpawn });
    expect(Date.now() - stop.sent.at).toBeLessThan(PROMPT_MS);
    expect(result.code).toBe(3);
    const summary = JSON.parse(readFileSync(join(work, 'o/summary.json'), 'utf8'));
    expect(summary.stoppedBecause).toBe('interrupted');
  }, 100_000);

  it('stops reading at once: an input still arriving on stdin does not hold the stop', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    // More than the 64 KiB read ahead to sniff the file, and then the pipe stays open.
    const lines = ['customer_phone,agent_phone,waba_number'];
    for (let i = 0; i < 2_000; i++) lines.push(`+91700${String(i).padStart(7, '0')},+919811100001,919800000001`);
    const stop = signalWhen(sandbox, (s) => s.requests >= 5);
    const result = await runCli(['run', '-', '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '20'], {
      env,
      stdin: `${lines.join('\n')}\n`,
      keepStdinOpen: true,
      onSpawn: stop.onSpawn,
    });
    expect(result.code).toBe(3);
    expect(Date.now() - stop.sent.at).toBeLessThan(PROMPT_MS);
    const rows = readCsvFile(join(work, 'o/results.csv'));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.map((r) => Number(r.row))).toEqual(rows.map((_, i) => i + 1));
  });

  it('stops on SIGTERM that arrives before the header is read, sending nothing', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    // The header is still on its way: the process waits for the first 64 KiB (or the end) of the pipe.
    const result = await runCli(['run', '-', '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0'], {
      env,
      stdin: 'customer_phone,agent_phone,waba_number\n+917000000001,+919811100001,919800000001\n',
      keepStdinOpen: true,
      timeoutMs: 30_000,
      onSpawn: (child) => void setTimeout(() => child.kill('SIGTERM'), 4_000),
    });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/stopped by an interrupt before the header was read/);
    expect(sandbox.state().requests).toBe(0);
  });
});
