// The odd and broken files real CRM exports and spreadsheets produce (fixtures/odd/, plus big ones
// made here), each run through the real CLI as a dry run: the exit code, the one-sentence error or
// each row's status, code and message, and what results.csv and retry.csv hold.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, readCsvFile, runCli, tempDir, type CliResult, type CsvRow } from './cli.js';

const odd = (name: string): string => fixture(`odd/${name}`);

let out: ReturnType<typeof tempDir>;
beforeEach(() => {
  out = tempDir('collab-bulk-odd-');
});
afterEach(() => out.remove());

interface DryRun extends CliResult {
  rows: CsvRow[];
}

async function dryRun(input: string, flags: string[] = [], stdin?: Buffer): Promise<DryRun> {
  const result = await runCli(['run', input, '--dry-run', '--out', join(out.path, 'o'), '--no-progress', '--log-level', 'error', ...flags], { stdin });
  expect(result.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  const results = join(out.path, 'o/results.csv');
  return { ...result, rows: existsSync(results) ? readCsvFile(results) : [] };
}

/** [status, error_code] per row, in row order. */
const statuses = (rows: CsvRow[]): string[][] => rows.map((r) => [r.row ?? '', r.status ?? '', r.error_code ?? '']);

function retryRows(encoding = 'utf8', delimiter = ','): string[][] {
  return parse(iconv.decode(readFileSync(join(out.path, 'o/retry.csv')), encoding), { delimiter, bom: true }) as string[][];
}

/** The input's own records, parsed independently of collab-bulk. */
function inputRows(path: string, encoding = 'utf8', delimiter = ','): string[][] {
  return parse(iconv.decode(readFileSync(path), encoding), { delimiter, bom: true, relax_column_count: true }) as string[][];
}

async function refused(input: string, flags: string[] = []): Promise<string> {
  const result = await dryRun(input, flags);
  expect(result.code).toBe(1);
  expect(existsSync(join(out.path, 'o'))).toBe(false);
  expect(result.stderr.endsWith('\n') && result.stderr.trim().split('\n')).toHaveLength(1);
  return result.stderr.trim();
}

describe('collab-bulk run on exports from spreadsheets and CRMs', () => {
  it('reads a ";" export with a BOM and CRLF, and explains its two bad rows', async () => {
    const { code, rows } = await dryRun(odd('crm-export-semicolon-bom.csv'));
    expect(code).toBe(2);
    expect(statuses(rows)).toEqual([
      ['1', 'not_attempted', ''],
      ['2', 'not_attempted', ''],
      ['3', 'not_attempted', ''],
      ['4', 'invalid', 'missing_value'],
      ['5', 'invalid', 'invalid_phone'],
    ]);
    expect(rows.map((r) => r.error_message).slice(3)).toEqual(['Customer Phone is empty', 'Customer Phone "+91 98765" too short (7 digits)']);
    expect([rows[0]?.['Customer Phone'], rows[0]?.['Customer Name'], rows[1]?.City]).toEqual(['+91 98765-43210', 'José Fernandes', 'Mumbai; Andheri']);
  });

  it('writes retry.csv in the input\'s delimiter with every value as it was', async () => {
    await dryRun(odd('crm-export-semicolon-bom.csv'));
    const input = inputRows(odd('crm-export-semicolon-bom.csv'), 'utf8', ';');
    expect(retryRows('utf8', ';')).toEqual(input.slice(0, 4));
  });

  it('starts results.csv with a UTF-8 BOM only with --excel', async () => {
    await dryRun(odd('crm-export-semicolon-bom.csv'), ['--excel']);
    expect(readFileSync(join(out.path, 'o/results.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    out.remove();
    out = tempDir('collab-bulk-odd-');
    await dryRun(odd('crm-export-semicolon-bom.csv'));
    expect(readFileSync(join(out.path, 'o/results.csv')).subarray(0, 1).toString()).toBe('C');
  });

  it('skips the "sep=;" line Excel writes above the header', async () => {
    const { code, rows } = await dryRun(odd('sep-line-excel.csv'));
    expect([code, rows.map((r) => r.customer_phone)]).toEqual([0, ['+919876500001', '+919876500002']]);
  });

  it('refuses Windows-1252 read as UTF-8 with the flag that fixes it', async () => {
    expect(await refused(odd('windows-1252-names.csv'))).toMatch(
      /^collab-bulk: .*windows-1252-names\.csv is not UTF-8 text \(line 2 has bytes UTF-8 does not allow\); it looks like windows-1252: pass --encoding windows-1252$/,
    );
  });

  it('reads Windows-1252 names with --encoding windows-1252 and gives them back in that encoding', async () => {
    const { code, rows } = await dryRun(odd('windows-1252-names.csv'), ['--encoding', 'windows-1252']);
    expect([code, rows.map((r) => r.customer_name)]).toEqual([0, ['José Müller', 'François Ñandú']]);
    expect(retryRows('windows-1252')).toEqual(inputRows(odd('windows-1252-names.csv'), 'windows-1252'));
  });

  it('reads UTF-16LE with a BOM and tabs (Excel "Unicode Text") and writes retry.csv the same way', async () => {
    const { code, rows } = await dryRun(odd('utf16le-bom-tab.csv'));
    expect([code, rows.map((r) => r.customer_name)]).toEqual([0, ['Şebnem Çelik', '李小龙']]);
    expect(readFileSync(join(out.path, 'o/retry.csv')).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(retryRows('utf16le', '\t')).toEqual(inputRows(odd('utf16le-bom-tab.csv'), 'utf16le', '\t'));
  });

  it('reads quoted cells with line breaks and doubled quotes as one row each', async () => {
    const { code, rows } = await dryRun(odd('quoted-line-breaks.csv'));
    expect([code, rows.length]).toEqual([0, 3]);
    expect(rows[0]?.address).toBe('Flat 2, Sea View\nMG Road\nPune 411001');
    expect(rows[1]?.address).toBe('He said "call me" twice');
  });

  it('skips blank lines and all-empty rows without counting them', async () => {
    const { code, rows } = await dryRun(odd('blank-and-empty-rows.csv'));
    expect([code, rows.map((r) => r.customer_name)]).toEqual([0, ['Meera', 'Sanjay']]);
  });
});

describe('collab-bulk run on malformed rows', () => {
  it('marks ragged rows malformed with their line, and accepts padded ones', async () => {
    const { code, rows } = await dryRun(odd('ragged-rows.csv'));
    expect(code).toBe(2);
    expect(rows.map((r) => [r.status, r.error_message])).toEqual([
      ['not_attempted', 'dry run: valid, not sent'],
      ['invalid', 'line 3 has 2 fields where the header has 4'],
      ['invalid', 'line 4 has 5 fields where the header has 4'],
      ['not_attempted', 'dry run: valid, not sent'],
      ['invalid', 'lines 6-7 (a quoted cell with line breaks) have 3 fields where the header has 4'],
      ['not_attempted', 'dry run: valid, not sent'],
    ]);
  });

  it('blames only the line of an unclosed quote and reads every row after it', async () => {
    const { code, rows } = await dryRun(odd('unclosed-quote.csv'));
    expect(code).toBe(2);
    expect(statuses(rows).map(([, status]) => status)).toEqual(['not_attempted', 'invalid', 'not_attempted', 'not_attempted', 'not_attempted']);
    expect(rows[1]?.error_message).toBe('line 3: the quote (") that opens field 4 (customer_name) is never closed, so line 4 was read as a new row');
    expect(rows[3]?.customer_name).toBe('Ramesh, Jr.');
  });

  it('does not let a stray quote closed by another stray quote swallow the row between', async () => {
    const { rows } = await dryRun(odd('stray-quote-pair.csv'));
    expect(statuses(rows)).toEqual([
      ['1', 'invalid', 'malformed_row'],
      ['2', 'not_attempted', ''],
      ['3', 'not_attempted', ''],
      ['4', 'not_attempted', ''],
    ]);
  });

  it('reads misplaced quotes in a column it does not use as common parsers do, losing no row', async () => {
    const { rows } = await dryRun(odd('bad-quotes.csv'));
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('not_attempted'));
    expect(rows.map((r) => r.customer_name)).toEqual(['O"Brien', 'Ann', '"Dwayne" Johnson', ' "Meera Pillai"', 'Zed']);
  });

  it('marks a 1 MB line malformed by its length and reads the rows after it', async () => {
    const input = join(out.path, 'long-line.csv');
    const row = (n: number, name: string): string => `+9198765000${n}0,+9198111000${n}0,919800000001,${name}`;
    const long = row(2, 'x'.repeat(1 << 20));
    writeFileSync(input, `customer_phone,agent_phone,waba_number,note\n${row(1, 'ok')}\n${long}\n${row(3, 'ok')}\n`);
    const { code, rows, stderr } = await dryRun(input);
    expect(code, stderr).toBe(2);
    expect(rows.map((r) => [r.status, r.error_message])).toEqual([
      ['not_attempted', 'dry run: valid, not sent'],
      ['invalid', `line 3 is ${long.length} characters long, more than the 65536 a row may have`],
      ['not_attempted', 'dry run: valid, not sent'],
    ]);
  });
});

describe('collab-bulk run on files it cannot use', () => {
  it.each([
    ['empty.csv', /^collab-bulk: .*empty\.csv is empty: there is no header line and no rows$/],
    ['header-only.csv', /^collab-bulk: the file has a header but no rows$/],
    ['png-renamed.csv', /^collab-bulk: .*png-renamed\.csv is not a CSV file: it is a PNG image$/],
    ['missing-agent-column.csv', /^collab-bulk: no agent phone column found: expected an owner, agent, assignee or collaborator column such as agent_phone, .*; the header has \(closest first\): customer_phone, waba_number, customer_name$/],
    ['duplicate-header-names.csv', /^collab-bulk: columns phone \(column 1\) and phone \(column 4\) both look like the customer phone column and share one name; rename all but one of them$/],
    ['prose.csv', /^collab-bulk: no customer phone column and no agent phone column and no WABA number column found: .*the header has: /],
    ['no-waba-column.csv', /^collab-bulk: no WABA number column found: .*--waba for one number on every row/],
  ])('refuses %s in one sentence before reading any row', async (name, message) => {
    expect(await refused(odd(name))).toMatch(message);
  });
});

describe('collab-bulk run on phone numbers and repeats', () => {
  it('explains numbers without a country code', async () => {
    const { rows } = await dryRun(odd('no-country-code.csv'));
    expect(rows.map((r) => r.error_message)).toEqual([
      'customer_phone "98765 43210" has no country code: pass --default-country with its country (e.g. --default-country IN), or write it as +<country code> <number>',
      'customer_phone "(0)98765 43211" has no country code: pass --default-country with its country (e.g. --default-country IN), or write it as +<country code> <number>',
      'customer_phone "098765 43212" has no country code: pass --default-country with its country (e.g. --default-country IN), or write it as +<country code> <number>',
    ]);
  });

  it('reads numbers without a country code with --default-country IN', async () => {
    const { code, rows } = await dryRun(odd('no-country-code.csv'), ['--default-country', 'IN']);
    expect([code, rows.map((r) => r.status)]).toEqual([0, ['not_attempted', 'not_attempted', 'not_attempted']]);
  });

  it('runs a sheet without a WABA column with --waba', async () => {
    const { code, rows } = await dryRun(odd('no-waba-column.csv'), ['--waba', '+91 98000 00001']);
    expect([code, rows.map((r) => r.status)]).toEqual([0, ['not_attempted', 'not_attempted']]);
  });

  it('sends a repeated chat and agent once and points later copies at the first row', async () => {
    const { code, rows } = await dryRun(odd('duplicate-rows.csv'));
    expect(code).toBe(0);
    expect(rows.map((r) => [r.status, r.error_message])).toEqual([
      ['not_attempted', 'dry run: valid, not sent'],
      ['not_attempted', 'dry run: valid, not sent'],
      ['duplicate', 'same chat and agent as row 1'],
      ['not_attempted', 'dry run: valid, not sent'],
      ['duplicate', 'same chat and agent as row 2'],
    ]);
  });
});

describe('collab-bulk run output safety', () => {
  it('neutralises formula cells in results.csv but leaves plain phone numbers readable', async () => {
    const { rows } = await dryRun(odd('formula-cells.csv'));
    expect(rows.map((r) => r.customer_name)).toEqual(['\'=HYPERLINK("http://evil.example","click")', "'@SUM(A1:A9)", "'-2+3", "'+1 cmd|calc", 'Meera']);
    expect([rows[3]?.agent_phone, rows[4]?.customer_phone]).toEqual(['+91 98111 00004;+91 98111 00005', "'=1+1"]);
    expect(rows[4]?.error_message).toBe('customer_phone "=1+1" has a "=" in it');
  });

  it('keeps formula cells exactly as they were in retry.csv', async () => {
    await dryRun(odd('formula-cells.csv'));
    expect(retryRows()).toEqual(inputRows(odd('formula-cells.csv')).slice(0, 5));
  });
});

describe('collab-bulk run on big, compressed and piped input', () => {
  const header = 'customer_phone,agent_phone,waba_number';
  const rowsText = (count: number): string =>
    Array.from({ length: count }, (_, i) => `+91700${String(i).padStart(7, '0')},+919811100001,919800000001`).join('\n');

  it('gunzips a .gz export on the fly and gives every row one result line', async () => {
    const input = join(out.path, 'export.csv.gz');
    writeFileSync(input, gzipSync(`${header}\n${rowsText(20_000)}\n+91 123,+919811100001,919800000001\n`));
    const { code, rows } = await dryRun(input);
    expect([code, rows.length, rows.at(-1)?.error_code]).toEqual([2, 20_001, 'invalid_phone']);
    expect(rows.slice(0, -1).every((r, i) => r.row === String(i + 1) && r.status === 'not_attempted')).toBe(true);
  });

  it('reads standard input for -', async () => {
    const { code, rows } = await dryRun('-', [], readFileSync(odd('crm-export-semicolon-bom.csv')));
    expect([code, rows.map((r) => r.status)]).toEqual([2, ['not_attempted', 'not_attempted', 'not_attempted', 'invalid', 'invalid']]);
  });

  it('reads gzip from standard input', async () => {
    const { code, rows } = await dryRun('-', [], gzipSync(`${header}\n${rowsText(3)}\n`));
    expect([code, rows.length]).toEqual([0, 3]);
  });
});
