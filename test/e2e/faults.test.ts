// Faults outside the rows: an API that cannot be reached, a wrong --base-url, an output that cannot
// be written, a second run on the same --out. Each ends in one sentence, the right exit code, and
// every row accounted for in results.csv and retry.csv.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort, readCsvFile, readCsvRaw, runCli, waitFor } from './cli.js';
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
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const result = await runCli(['run', input, '--base-url', baseUrl, '--out', join(work, 'o'), '--rate', '0'], { env, timeoutMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`the API at ${baseUrl} could not be reached (network error: ECONNREFUSED)`);
    expect(JSON.parse(readFileSync(join(work, 'o/summary.json'), 'utf8')).stoppedBecause).toBe('api_unreachable');
    expect(readCsvRaw(join(work, 'o/retry.csv'))).toEqual(readCsvRaw(input));
  }, 70_000);

  it('stops early with exit 3 when every request answers 404, every row in retry.csv', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 200);
    const baseUrl = `${sandbox.url}/not-the-api`;
    const result = await runCli(['run', input, '--base-url', baseUrl, '--out', join(work, 'o'), '--rate', '0'], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`every request to ${baseUrl} answered 404 Not Found`);
    expect(sandbox.state().statusCounts['404']).toBeLessThanOrEqual(20);
    expect(readCsvRaw(join(work, 'o/retry.csv'))).toEqual(readCsvRaw(input));
    expect(JSON.parse(readFileSync(join(work, 'o/summary.json'), 'utf8')).stoppedBecause).toBe('endpoint_not_found');
  });

  it('refuses with exit 1, sending nothing, when results.csv cannot be written', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 20);
    mkdirSync(join(work, 'o/results.csv'), { recursive: true });
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^collab-bulk: cannot write \S+results\.csv \(it is a folder\): choose another --out\n$/);
    expect(sandbox.state().requests).toBe(0);
  });

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

  it('refuses a second run on the same --out at once, naming the pid of the first', async () => {
    const sandbox = await harness.sandbox({ latencyMs: 200 });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 100);
    const args = ['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '10'];
    let firstPid = 0;
    let second: Awaited<ReturnType<typeof runCli>> | undefined;
    const first = await runCli(args, {
      env,
      onSpawn: (child) => {
        firstPid = child.pid ?? 0;
        void waitFor(() => sandbox.state().requests >= 1)
          .then(async () => (second = await runCli([...args, '--resume'], { env })))
          .finally(() => child.kill('SIGINT'));
      },
    });
    expect(first.code).toBe(3);
    expect(second?.code).toBe(1);
    expect(second?.stderr).toContain(`is in use by another collab-bulk run (pid ${firstPid})`);
  });

  it('takes over a lock left by a run that was killed', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 5);
    mkdirSync(join(work, 'o'));
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(work, 'o/run.lock'), `${dead}\n`);
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0'], { env });
    expect(result.code).toBe(0);
    expect(readCsvFile(join(work, 'o/results.csv')).map((r) => r.status)).toEqual(Array(5).fill('succeeded'));
  });
});
