// Property: whatever a cell holds, results.csv gives it back (made formula-safe) and retry.csv gives
// back the records' text byte for byte, in the input's encoding, and only the agent cell of a
// partly done row changes. Written with the real writers, read back with csv-parse.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { excelSafe } from '../../src/output/csv-safety.js';
import { createResultsWriter, resultRecord } from '../../src/output/results-writer.js';
import { stringify } from 'csv-stringify/sync';
import { createRetryWriter, retryText } from '../../src/output/retry-writer.js';
import type { RowResult } from '../../src/rows/row-result.js';

const dir = mkdtempSync(join(tmpdir(), 'collab-bulk-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const nextPath = (): string => join(dir, `out-${files++}.csv`);

const special = fc.constantFrom('a', ' ', ',', ';', '\t', '|', '"', '\n', '\r', '=', '+', '-', '@', "'", 'é', '€', '9');
const anyText = fc.oneof(fc.string({ unit: special, maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 10 }));
// Windows-1252 cannot hold every character; its cells keep to characters it has.
const cp1252Text = fc.string({ unit: special, maxLength: 10 });
const rowsOf = (cell: fc.Arbitrary<string>) => fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 5 });

const notSent: RowResult = { row: 1, status: 'not_attempted', errorMessage: 'dry run', attempts: 0, retryable: true };

function readBack(path: string, encoding: string, delimiter: string): string[][] {
  return parse(iconv.decode(readFileSync(path), encoding), { delimiter, bom: true, relax_column_count: true }) as string[][];
}

describe('results.csv', () => {
  it('gives back any header and cell, with a formula-like cell prefixed and nothing else changed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(anyText, anyText, anyText), rowsOf(anyText), anyText, fc.boolean(), async (header, rows, message, excel) => {
        const path = nextPath();
        const file = createResultsWriter(path, header, { excel });
        rows.forEach((fields, i) => file.write(resultRecord(fields, header.length, { ...notSent, row: i + 1, errorMessage: message })));
        await file.close();
        const [readHeader, ...readRows] = readBack(path, 'utf8', ',');
        expect(readHeader?.slice(0, 3)).toEqual(header.map(excelSafe));
        expect(readRows.map((row) => row.slice(0, 3))).toEqual(rows.map((fields) => fields.map(excelSafe)));
        expect(readRows.map((row) => row[7])).toEqual(rows.map(() => excelSafe(message)));
      }),
      { numRuns: 150 },
    );
  });
});

describe('retry.csv', () => {
  const ending = fc.constantFrom('\n', '\r\n', '\r');
  const record = (cell: fc.Arbitrary<string>, delimiter: string) =>
    fc.tuple(fc.tuple(cell, cell, cell), ending, fc.boolean()).map(([fields, end, quoteAll]) => ({
      fields,
      raw: stringify([fields], { delimiter, record_delimiter: end, quoted: quoteAll, quoted_empty: quoteAll }),
    }));

  it.each([
    ['utf8', ',', anyText, false],
    ['utf8', ';', anyText, true],
    ['utf16le', '\t', anyText, true],
    ['windows-1252', ';', cp1252Text, false],
  ] as const)('gives back the records byte for byte in %s with delimiter %j (BOM %s)', async (encoding, delimiter, cell, bom) => {
    await fc.assert(
      fc.asyncProperty(record(cell, delimiter), fc.array(record(cell, delimiter), { minLength: 1, maxLength: 5 }), async (header, rows) => {
        const path = nextPath();
        const file = createRetryWriter(path, header.raw, { delimiter, encoding, bom, agentColumn: 1 });
        for (const row of rows) {
          const again = retryText(row, notSent, { delimiter, agentColumn: 1 });
          if (again !== undefined) file.write(again);
        }
        await file.close();
        const text = header.raw + rows.map((row) => row.raw).join('');
        expect(readFileSync(path)).toEqual(iconv.encode(text, encoding, { addBOM: bom || (encoding as string) === 'utf16le' }));
      }),
      { numRuns: 100 },
    );
  });

  it('changes only the agent cell of a partly done row, whatever the other cells hold', async () => {
    const oneLine = fc.string({ unit: fc.constantFrom('a', ' ', ',', ';', '"', '=', "'", 'é', '9'), maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(record(oneLine, ','), async (row) => {
        const partial: RowResult = { row: 1, status: 'partial', attempts: 1, retryable: true, retryAgents: ['+91 98111 00009'] };
        const fields = [row.fields[0], 'A1;+91 98111 00009', row.fields[2]];
        const again = retryText({ fields, raw: row.raw }, partial, { delimiter: ',', agentColumn: 1 }) ?? '';
        expect(parse(again, { relax_quotes: true })).toEqual([[row.fields[0], '+91 98111 00009', row.fields[2]]]);
        expect(again.match(/\r?\n?$/)?.[0]).toBe(row.raw.match(/\r?\n?$/)?.[0]);
      }),
      { numRuns: 100 },
    );
  });
});
