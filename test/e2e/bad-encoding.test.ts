// A byte that is not UTF-8 past the first 64 KiB (which the up-front check reads): that row alone is
// invalid / bad_encoding naming --encoding, through run and validate, and no output carries a
// replacement character the input did not have.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsvFile, runCli } from './cli.js';
import { AGENTS, customer, WABA } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'encoding-key-91f0';
const harness = useHarness(KEY);

/** 2,000 rows (about 100 KiB); row 1,400 (past 64 KiB) has a Windows-1252 "é"; row 1,500 holds a real U+FFFD. */
function writeInput(dir: string): string {
  const path = join(dir, 'late-latin1.csv');
  const parts: Buffer[] = [Buffer.from('customer_phone,agent_phone,waba_number,name\n')];
  for (let i = 1; i <= 2000; i++) {
    const name = i === 1400 ? Buffer.from([0x4a, 0x6f, 0x73, 0xe9]) : Buffer.from(i === 1500 ? 'Lost \uFFFD sign' : `Name ${i}`, 'utf8');
    parts.push(Buffer.from(`+${customer(i)},+${AGENTS[0]},${WABA},`), name, Buffer.from('\n'));
  }
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

describe('bytes that are not UTF-8 after the first 64 KiB', () => {
  it('make that row invalid / bad_encoding naming --encoding; the rest are sent; no invented U+FFFD', async () => {
    const sandbox = await harness.sandbox();
    const dir = harness.dir();
    const input = writeInput(dir);
    const out = join(dir, 'out');
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', out, '--rate', '0'], { env: { DOUBLETICK_API_KEY: KEY } });
    const rows = readCsvFile(join(out, 'results.csv'));
    const bad = rows.filter((row) => row.status !== 'succeeded');
    expect(bad.map((row) => [row.row, row.status, row.error_code, row.name])).toEqual([['1400', 'invalid', 'bad_encoding', 'José']]);
    expect(bad[0]?.error_message).toBe('line 1401 has bytes that are not UTF-8; if the file was saved as windows-1252, run it again with --encoding windows-1252');
    expect(rows[1499]?.name).toBe('Lost \uFFFD sign');
    expect(sandbox.state().collaborators).toHaveLength(1999);
    for (const file of readdirSync(out)) {
      const text = readFileSync(join(out, file), 'utf8');
      expect([file, text.split('\uFFFD').length - 1]).toEqual([file, file === 'results.csv' ? 1 : 0]);
    }
    expect(result.code).toBe(2);
  });

  it('are reported by validate', async () => {
    const result = await runCli(['validate', writeInput(harness.dir())]);
    expect(result.stdout).toMatch(/\n {2}bad_encoding +1 {2}1400 +row 1400: line 1401 has bytes that are not UTF-8; .*--encoding windows-1252\n/);
    expect(result.code).toBe(2);
  });
});

describe('single-byte exports of other alphabets', () => {
  it.each([
    ['windows-1251', 'Иван Петров', 'Менеджер по продажам'],
    ['iso-8859-7', 'Γιώργος Παπαδόπουλος', 'Υπεύθυνος πωλήσεων'],
  ])('%s: the not-UTF-8 error names it, and with it every name reads and comes back', async (encoding, name, title) => {
    const dir = harness.dir();
    const input = join(dir, `${encoding}.csv`);
    const text = `Mobile,Owner Mobile,Name,Title\r\n+${customer(1)},+${AGENTS[0]},${name},${title}\r\n+${customer(2)},+${AGENTS[1]},${name} 2,${title}\r\n`;
    writeFileSync(input, iconv.encode(text, encoding));
    const refused = await runCli(['validate', input, '--waba', WABA]);
    expect([refused.code, refused.stderr.trim()]).toEqual([1, expect.stringMatching(new RegExp(`pass --encoding ${encoding}$`))]);
    const out = join(dir, 'out');
    const result = await runCli(['run', input, '--dry-run', '--out', out, '--waba', WABA, '--encoding', encoding]);
    expect(result.code).toBe(0);
    expect(readCsvFile(join(out, 'results.csv')).map((row) => [row.Name, row.Title])).toEqual([[name, title], [`${name} 2`, title]]);
    expect(readFileSync(join(out, 'retry.csv'))).toEqual(readFileSync(input));
  });
});
