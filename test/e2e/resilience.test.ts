// Issue 4 through the real process: a faulty, throttling API still gets every row applied, paced
// against a server limit below --rate (counts only: no pace is measured). A rejected key, 403s and
// an interrupt are in resilience-untimed.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, runCli } from './cli.js';
import { pairsOf, writeRows } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'resilience-key-90d1';
const env = { DOUBLETICK_API_KEY: KEY };

describe('collab-bulk run when things go wrong', () => {
  const harness = useHarness(KEY);

  it('applies every row despite 20% 5xx, 5% dropped connections and a server limit below --rate', async () => {
    const sandbox = await harness.sandbox({ failRate: 0.2, resetRate: 0.05, rateLimit: 30, burst: 10, seed: 42 });
    const work = harness.dir();
    const input = join(work, 'in.csv');
    const pairs = writeRows(input, 150);
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '50', '--max-retries', '10'], { env });
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.code).toBe(0);
    const rows = readCsvFile(join(work, 'o/results.csv'));
    expect(rows.map((r) => r.status)).toEqual(Array(150).fill('succeeded'));
    const state = sandbox.state();
    expect(pairsOf(state)).toEqual([...pairs].sort());
    expect(state.statusCounts['429'] ?? 0).toBeGreaterThan(0);
    expect((state.statusCounts['500'] ?? 0) + (state.statusCounts['502'] ?? 0) + (state.statusCounts['503'] ?? 0)).toBeGreaterThan(0);
    expect(state.statusCounts.reset ?? 0).toBeGreaterThan(0);
    // attempts counts real sends: the retried rows show more than one.
    expect(rows.some((r) => Number(r.attempts) > 1)).toBe(true);
    const summary = JSON.parse(readFileSync(join(work, 'o/summary.json'), 'utf8'));
    expect(summary.rateLimited).toBe(state.statusCounts['429']);
    expect(summary.requestsSent).toBe(state.requests);
  });
});
