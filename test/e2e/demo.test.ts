// `collab-bulk demo` (npm run demo) end to end: the sample's rows of each kind against a sandbox that
// throttles and fails a few requests, a summary that names the bad rows, and a report.html to open.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, runCli, tempDir } from './cli.js';

describe('collab-bulk demo', () => {
  it('shows an unknown agent, a bad number and a duplicate, retries through 429s and 5xx, and exits 0', async () => {
    const dir = tempDir();
    try {
      const out = join(dir.path, 'demo');
      const result = await runCli(['demo', '--out', out]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/Why rows did not go through:\n {2}invalid_phone +1 {2}\(row 5\)[^\n]*\n {2}agent_not_found +1 {2}\(row 9\)/);
      expect(result.stderr).toContain(`report:  ${join(out, 'report.html')}`);
      expect(existsSync(join(out, 'report.html'))).toBe(true);
      const rows = readCsvFile(join(out, 'results.csv'));
      expect([rows[4]!.status, rows[8]!.status, rows[13]!.status]).toEqual(['invalid', 'failed', 'duplicate']);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(summary.retries).toBeGreaterThan(0);
      expect(summary.rateLimited).toBeGreaterThan(0);
    } finally {
      dir.remove();
    }
  });
});
