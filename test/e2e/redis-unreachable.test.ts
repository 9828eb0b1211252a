// A clustered run whose Redis cannot be reached at the start (split from cluster-outage.test.ts,
// whose outages are timed; this one needs no redis-server and runs in the parallel e2e pool).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, runCli } from './cli.js';
import { writeRows } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'outage-key-3b7e';
const env = { DOUBLETICK_API_KEY: KEY };
const count = (text: string, pattern: RegExp): number => text.split('\n').filter((line) => pattern.test(line)).length;

describe('a clustered run when Redis goes away', () => {
  const harness = useHarness(KEY);

  it('sends nothing when Redis cannot be reached at the start, says why once, and exits 3 with every row to retry', async () => {
    const sandbox = await harness.sandbox();
    const dir = harness.dir();
    writeRows(join(dir, 'in.csv'), 20);
    const out = join(dir, 'out');
    const result = await runCli(['run', join(dir, 'in.csv'), '--base-url', sandbox.url, '--rate', '20', '--redis-url', 'redis://127.0.0.1:1', '--redis-wait', '1', '--out', out, '--progress', 'false'], { env });
    expect(result.code).toBe(3);
    expect(count(result.stderr, /cannot be reached/)).toBe(1);
    expect(sandbox.state().requests).toBe(0);
    expect(readCsvFile(join(out, 'results.csv')).map((r) => r.status)).toEqual(Array(20).fill('not_attempted'));
    expect(readCsvFile(join(out, 'retry.csv'))).toHaveLength(20);
  });
});
