// Stopping early on purpose: a file that mostly fails permanently trips --max-error-rate, and a
// second Ctrl-C quits at once while the files written so far stay readable CSV.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, runCli, waitFor } from './cli.js';
import { customer, WABA } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'stopping-key-c4e2';
const env = { DOUBLETICK_API_KEY: KEY };

describe('collab-bulk run stopping early', () => {
  const harness = useHarness(KEY);

  it('stops with exit 3 once more than --max-error-rate of sent rows failed permanently', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    // Two rows in three name an agent who is not in the team. --no-team-check sends them, so the API
    // itself answers them failed (with the directory they would cost no request and count as unsent).
    const lines = ['customer_phone,agent_phone,waba_number'];
    for (let i = 0; i < 400; i++) lines.push(`+${customer(i)},${i % 3 === 0 ? '+919811100001' : '+919811199999'},${WABA}`);
    writeFileSync(input, `${lines.join('\n')}\n`);
    const args = ['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0', '--max-error-rate', '20', '--no-team-check'];
    const result = await runCli(args, { env });
    expect(result.code).toBe(3);
    const rows = readCsvFile(join(work, 'o/results.csv'));
    expect(rows).toHaveLength(400);
    const sent = rows.filter((r) => Number(r.attempts) > 0).length;
    expect(sent).toBeGreaterThanOrEqual(100);
    expect(sent).toBeLessThan(200);
    expect(rows.slice(250).every((r) => r.status === 'not_attempted')).toBe(true);
    const summary = JSON.parse(readFileSync(join(work, 'o/summary.json'), 'utf8'));
    expect(summary.stoppedBecause).toBe('error_rate_exceeded');
    expect(summary.exitCode).toBe(3);
  });

  it('quits at once on a second Ctrl-C, leaving the rows already written as whole CSV records', async () => {
    const sandbox = await harness.sandbox({ latencyMs: 400 });
    const dir = harness.dir();
    const input = join(dir, 'in.csv');
    const lines = ['customer_phone,agent_phone,waba_number'];
    for (let i = 0; i < 100; i++) lines.push(`+${customer(i)},+919811100001,${WABA}`);
    writeFileSync(input, `${lines.join('\n')}\n`);
    let signalled = 0;
    // The first Ctrl-C comes after some rows are done; the second while answers (400 ms) are still due.
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(dir, 'o'), '--rate', '20'], {
      env,
      onSpawn: (child) =>
        void waitFor(() => sandbox.state().collaborators.length >= 8).then(() => {
          signalled = Date.now();
          child.kill('SIGINT');
          setTimeout(() => child.kill('SIGINT'), 100);
        }),
    });
    expect(result.code).toBe(130);
    // Neither the in-flight answers nor the 10 s grace time were waited for (slack for a loaded machine).
    expect(Date.now() - signalled).toBeLessThan(5000);
    const rows = readCsvFile(join(dir, 'o/results.csv'));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    // What was written is a prefix of the input, one whole record per row, each true to the sandbox.
    expect(rows.map((r) => Number(r.row))).toEqual(rows.map((_, i) => i + 1));
    const applied = new Set(sandbox.state().collaborators.map((c) => c.customer));
    expect(rows[0]!.status).toBe('succeeded');
    for (const row of rows) {
      expect(['succeeded', 'not_attempted']).toContain(row.status);
      if (row.status === 'succeeded') expect(applied.has(row.customer_phone!.slice(1))).toBe(true);
    }
  });
});
