// The odd files real CRM exports and spreadsheets produce (fixtures/odd/), each run through the real
// CLI as a dry run: the exit code, each row's status, code and message, and what results.csv and
// retry.csv hold. Malformed rows and refused files are in odd-files-malformed.test.ts; phone
// numbers, repeats, formula cells and big, gzipped and piped input in odd-files-input.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dryRun, freshOut, inputRows, odd, out, refused, retryRows, statuses, useOut } from './odd-files.js';

useOut();

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
    expect(readFileSync(join(out(), 'o/results.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    freshOut();
    await dryRun(odd('crm-export-semicolon-bom.csv'));
    expect(readFileSync(join(out(), 'o/results.csv')).subarray(0, 1).toString()).toBe('C');
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
    expect(readFileSync(join(out(), 'o/retry.csv')).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
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
