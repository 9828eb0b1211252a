// The collab-bulk binary holds V8's young generation at two 8 MB semi-spaces (src/cli/heap-growth.ts),
// whatever way node was started, and leaves the user's own semi-space flags alone. Read from inside
// the real process by a module node loads first (NODE_OPTIONS=--import), which writes V8's heap
// spaces to a file as the process exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEMI_SPACE_MB } from '../../src/cli/heap-growth.js';
import { runCli } from './cli.js';
import { readExitReport, writeExitReporter } from './exit-report.js';
import { writeRows } from './generated.js';

const dir = mkdtempSync(join(tmpdir(), 'collab-heap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REPORTER = writeExitReporter(
  join(dir, 'heap-report.mjs'),
  "import { getHeapSpaceStatistics } from 'node:v8';",
  "getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size",
);
// Enough rows for the young generation to grow past 2 x 8 MB when nothing holds it (measured: 32 MB).
const csv = join(dir, 'rows.csv');
writeRows(csv, 20_000);

/** The young generation's size (both semi-spaces) as a dry run of `csv` ended, in MB. */
async function youngGenerationAfterRun(name: string, nodeOptions: string): Promise<number> {
  const report = join(dir, `${name}.txt`);
  const result = await runCli(['run', csv, '--dry-run', '--out', join(dir, name), '--no-progress'], {
    env: { DOUBLETICK_API_KEY: 'test-key', EXIT_REPORT: report, NODE_OPTIONS: `${REPORTER} ${nodeOptions}` },
    timeoutMs: 60_000,
  });
  expect(result.code, result.stderr).toBe(0);
  return readExitReport<number>(report) / 1_048_576;
}

describe('the young generation', () => {
  it('grows to two 8 MB semi-spaces and no further', async () => {
    expect(await youngGenerationAfterRun('capped', '')).toBe(2 * SEMI_SPACE_MB);
  });

  it("is left to grow as the user's own flag says", async () => {
    expect(await youngGenerationAfterRun('users-flag', '--max-semi-space-size=16')).toBeGreaterThan(2 * SEMI_SPACE_MB);
  });
});
