// Bad flags and bad folders through the real CLI: one sentence on stderr, exit 1, nothing sent,
// never a stack trace or a hang. And a server's wait too long to sit out stops the run, not a timer.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { writeRows } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'bad-flags-key-0b3e';
const env = { DOUBLETICK_API_KEY: KEY };

/** One line on stderr, in collab-bulk's voice, and no stack trace. */
function oneSentence(stderr: string): void {
  expect(stderr).toMatch(/^collab-bulk: [^\n]+\n$/);
  expect(stderr).not.toMatch(/unexpected error|\n\s+at /);
}

const REPEATED: [string, string, string][] = [
  ['--api-key', 'a', 'b'],
  ['--out', 'x', 'y'],
  ['--waba', '919800000001', '919800000002'],
  ['--delimiter', ',', ';'],
  ['--customer-column', 'customer_phone', 'agent_phone'],
  ['--default-country', 'IN', 'GB'],
];

describe('collab-bulk bad flags', () => {
  const harness = useHarness(KEY);

  it.each(REPEATED)('run refuses %s given twice in one sentence, exit 1', async (flag, a, b) => {
    const sandbox = await harness.sandbox();
    const input = join(harness.dir(), 'in.csv');
    writeRows(input, 3);
    const result = await runCli(['run', input, '--base-url', sandbox.url, flag, a, flag, b], { env });
    expect(result.code).toBe(1);
    oneSentence(result.stderr);
    expect(result.stderr).toContain(`${flag} was given more than once`);
    expect(result.stderr).not.toContain(KEY);
    expect(sandbox.state().requests).toBe(0);
  });

  it.each(REPEATED.filter(([flag]) => flag !== '--api-key' && flag !== '--out'))('validate refuses %s given twice', async (flag, a, b) => {
    const input = join(harness.dir(), 'in.csv');
    writeRows(input, 3);
    const result = await runCli(['validate', input, flag, a, flag, b]);
    expect(result.code).toBe(1);
    oneSentence(result.stderr);
  });

  it.each([
    ['--rate', '1e9', '--rate must be a number from 0 to 10000'],
    ['--rate', '5e9', '--rate must be a number from 0 to 10000'],
    ['--timeout', '1e12', '--timeout must be a whole number from 1 to 600000'],
    ['--concurrency', '1e6', '--concurrency must be a whole number from 1 to 1000'],
  ])('refuses %s %s, naming the flag and its range', async (flag, value, message) => {
    const sandbox = await harness.sandbox();
    const input = join(harness.dir(), 'in.csv');
    writeRows(input, 3);
    const result = await runCli(['run', input, '--base-url', sandbox.url, flag, value], { env });
    expect(result.code).toBe(1);
    oneSentence(result.stderr);
    expect(result.stderr).toContain(message);
    expect(sandbox.state().requests).toBe(0);
  });

  it('refuses an API key with a character outside Latin-1 before sending, without printing it', async () => {
    const sandbox = await harness.sandbox();
    const input = join(harness.dir(), 'in.csv');
    writeRows(input, 3);
    const key = 'key-with-a-check-mark-\u2713';
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--api-key', key]);
    expect(result.code).toBe(1);
    oneSentence(result.stderr);
    expect(result.stderr).toMatch(/HTTP header/);
    expect(result.stderr).not.toContain(key);
    expect(sandbox.state().requests).toBe(0);
  });

  it('refuses --out /proc/x in one sentence instead of spinning', async () => {
    const input = join(harness.dir(), 'in.csv');
    writeRows(input, 3);
    const result = await runCli(['run', input, '--dry-run', '--out', '/proc/x'], { timeoutMs: 15_000 });
    expect(result.code).toBe(1);
    oneSentence(result.stderr);
    expect(result.stderr).toContain('--out /proc/x cannot be written');
  });

  it('refuses to resume from a run.json that holds null', async () => {
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 3);
    mkdirSync(join(work, 'o'));
    writeFileSync(join(work, 'o/run.json'), 'null\n');
    const result = await runCli(['run', input, '--dry-run', '--out', join(work, 'o'), '--resume']);
    expect(result.code).toBe(1);
    oneSentence(result.stderr);
    expect(result.stderr).toContain('is not a collab-bulk run record');
  });

  it('stops as server_wait_too_long, exit 3, when Retry-After is past 15 minutes (here past 2^31 ms)', async () => {
    const sandbox = await harness.sandbox({ rateLimit: 1, burst: 1, retryAfter: 3_000_000 });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 20);
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0', '--concurrency', '1'], { env, timeoutMs: 30_000 });
    expect(result.code).toBe(3);
    const summary = JSON.parse(readFileSync(join(work, 'o/summary.json'), 'utf8'));
    expect(summary.stoppedBecause).toBe('server_wait_too_long');
    expect(summary.statuses.succeeded).toBe(1);
    expect(sandbox.state().requests).toBe(2);
  });
});
