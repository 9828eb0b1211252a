// Phone numbers, repeats, formula cells and big, gzipped and piped input (fixtures/odd/, plus big
// ones made here), run through the real CLI as a dry run: each row's status and message, and what
// results.csv and retry.csv hold.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dryRun, inputRows, odd, out, retryRows, useOut } from './odd-files.js';

useOut();

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
    const input = join(out(), 'export.csv.gz');
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
