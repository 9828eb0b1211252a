import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeColumns } from '../../src/input/mapping.js';
import { formatReport, validateFile, type ValidateReport } from '../../src/run/validate.js';

const HEADER = 'customer_phone,agent_phone,waba_number';

async function validate(text: string, flags: Record<string, string> = {}): Promise<ValidateReport> {
  return validateFile({ input: '-', ...flags }, { stdin: Readable.from([Buffer.from(text)]) });
}

describe('validateFile', () => {
  it('counts rows, invalid rows by code with their first row numbers, and duplicates apart', async () => {
    const report = await validate(
      [HEADER, '+919876500001,+919811100001,919800000001', '12,+919811100001,919800000001', '+919876500001,+919811100001,919800000001', ',+919811100001,919800000001', '+919876500002,+919811100001'].join('\n'),
    );
    expect(report).toMatchObject({ rows: 5, invalid: 3, exitCode: 2, delimiter: ',', encoding: 'utf8' });
    expect(report.problems.map((p) => [p.kind, p.rows, p.samples])).toEqual([
      ['invalid_phone', 1, [2]],
      ['malformed_row', 1, [5]],
      ['missing_value', 1, [4]],
    ]);
    expect(report.duplicates).toMatchObject({ rows: 1, samples: [3], example: 'row 3: same chat and agent as row 1' });
  });

  it('exits 0 when the only findings are duplicates', async () => {
    const row = '+919876500001,+919811100001,919800000001';
    expect((await validate([HEADER, row, row].join('\n'))).exitCode).toBe(0);
  });

  it('applies --default-country as run does', async () => {
    const report = await validate(`${HEADER}\n98765 43210,98111 00001,98000 00001\n`, { defaultCountry: 'IN' });
    expect([report.invalid, report.exitCode]).toEqual([0, 0]);
  });

  it('needs no API key', async () => {
    await expect(validate(`${HEADER}\n+919876500001,+919811100001,919800000001\n`)).resolves.toMatchObject({ exitCode: 0 });
  });
});

describe('formatReport', () => {
  const columns = describeColumns(['Mobile', 'Phone', 'Owner Mobile'], { customer: 0, agent: 2, waba: undefined, alsoCustomer: [1], alsoAgent: [] }, true);
  const base: ValidateReport = { input: 'in.csv', delimiter: '\t', encoding: 'utf16le', columns, rows: 12, invalid: 0, problems: [], partial: undefined, duplicates: undefined, skipped: undefined, exitCode: 0 };

  it('names the input, its delimiter and encoding, and says when every row is valid', () => {
    expect(formatReport(base)).toBe(
      'customer ← "Mobile" (also phone-like: "Phone"), agent ← "Owner Mobile", WABA ← --waba\nin.csv (delimiter tab, utf16le): 12 rows read\ntotal: all 12 rows are valid\n',
    );
  });

  it('lines up the kinds, counts, samples and first messages in columns', () => {
    const report: ValidateReport = {
      ...base,
      invalid: 9,
      exitCode: 2,
      problems: [
        { kind: 'invalid_phone', rows: 7, samples: [2, 3, 5, 8, 9], example: 'row 2: customer_phone "12" too short (2 digits)' },
        { kind: 'malformed_row', rows: 2, samples: [10, 11], example: 'row 10: line 11 has 2 fields where the header has 3' },
      ],
    };
    expect(formatReport(report).split('\n').slice(1)).toEqual([
      'in.csv (delimiter tab, utf16le): 12 rows read',
      '  problem        rows  first rows        first message',
      '  invalid_phone     7  2, 3, 5, 8, 9, …  row 2: customer_phone "12" too short (2 digits)',
      '  malformed_row     2  10, 11            row 10: line 11 has 2 fields where the header has 3',
      'total: 9 of 12 rows invalid; 3 valid',
      '',
    ]);
  });

  it('never cuts a first message, so the flag it names is printed whole', () => {
    const example = `row 1: Mobile "(415) 555-0132" has no country code: pass --default-country (e.g. --default-country US)${' '.repeat(80)}x`;
    const report: ValidateReport = { ...base, invalid: 1, exitCode: 2, problems: [{ kind: 'invalid_phone', rows: 1, samples: [1], example }] };
    expect(formatReport(report).split('\n')[3]).toContain('(e.g. --default-country US)');
    expect(formatReport(report).split('\n')[3]).toMatch(/ x$/);
  });
});
