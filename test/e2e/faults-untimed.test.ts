// Faults outside the rows whose checks are counts, not clock time (split from faults.test.ts, which
// keeps the ones that judge how soon a run stops, so these can run in the parallel e2e pool): a
// wrong --base-url, an output that cannot be written, a second run on the same --out, a stale lock.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, readCsvRaw, runCli, waitFor } from './cli.js';
import { writeRows } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'faults-key-7c20';
const env = { DOUBLETICK_API_KEY: KEY };

describe('collab-bulk run faults', () => {
  const harness = useHarness(KEY);

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
