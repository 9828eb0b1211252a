// A file that breaks part way (a gzip cut short by a failed copy) after requests went out: the
// rows read so far are finished and recorded, and the run says where reading broke (exit 3).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCsvFile, runCli, tempDir } from './cli.js';
import { writeRows } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'truncated-key-77aa';

describe('collab-bulk run on an input that breaks part way', () => {
  const harness = useHarness(KEY);

  it('finishes the rows it read, writes complete outputs for them and exits 3', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const plain = join(work, 'in.csv');
    writeRows(plain, 8_000);
    const gz = gzipSync(readFileSync(plain));
    const input = join(work, 'in.csv.gz');
    writeFileSync(input, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0'], {
      env: { DOUBLETICK_API_KEY: KEY },
    });
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/could not be read to its end/);
    const rows = readCsvFile(join(work, 'o/results.csv'));
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.length).toBeLessThan(8_000);
    expect(rows.map((r) => Number(r.row))).toEqual(rows.map((_, i) => i + 1));
    const summary = JSON.parse(readFileSync(join(work, 'o/summary.json'), 'utf8'));
    expect(summary.stoppedBecause).toBe('input_unreadable');
    expect(summary.inputError).toMatch(/gzip|unexpected end/i);
    expect(summary.rows).toBe(rows.length);
    expect(sandbox.state().collaborators.length).toBe(rows.filter((r) => r.status === 'succeeded').length);
  });
});
