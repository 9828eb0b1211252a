// Faults outside the rows that a run must stop on in time: an API that cannot be reached, and a
// full disk under results.csv. Each ends in one sentence, the right exit code, and every row
// accounted for. The faults checked by counts alone are in faults-untimed.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unusedLoopbackPort } from '../support/loopback-port.js';
import { readCsvRaw, runCli } from './cli.js';
import { writeRows } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'faults-key-7c20';
const env = { DOUBLETICK_API_KEY: KEY };


describe('collab-bulk run faults', () => {
  const harness = useHarness(KEY);

  it('stops within 30 s with exit 3 when the API cannot be reached, naming the URL and the error', async () => {
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 100);
    const baseUrl = `http://127.0.0.1:${await unusedLoopbackPort()}`;
    const started = Date.now();
    const result = await runCli(['run', input, '--base-url', baseUrl, '--out', join(work, 'o'), '--rate', '0'], { env, timeoutMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`the API at ${baseUrl} could not be reached (network error: ECONNREFUSED)`);
    expect(JSON.parse(readFileSync(join(work, 'o/summary.json'), 'utf8')).stoppedBecause).toBe('api_unreachable');
    expect(readCsvRaw(join(work, 'o/retry.csv'))).toEqual(readCsvRaw(input));
  }, 70_000);

  it('stops sending at once when results.csv hits a full disk, and keeps every answer in the journal', async () => {
    const sandbox = await harness.sandbox({ latencyMs: 30 });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 400);
    mkdirSync(join(work, 'o'));
    // /dev/full takes the first write's bytes into a buffer and fails when they are flushed.
    spawnSync('ln', ['-s', '/dev/full', join(work, 'o/results.csv')]);
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '100'], { env });
    expect([1, 3]).toContain(result.code);
    expect(result.stderr).toMatch(/cannot write \S+results\.csv \(the disk is full\)/);
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(sandbox.state().requests).toBeLessThan(100);
    const journal = readFileSync(join(work, 'o/journal.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const succeeded = journal.filter((entry) => entry.status === 'succeeded').length;
    expect(succeeded).toBe(sandbox.state().collaborators.length);
  });
});
