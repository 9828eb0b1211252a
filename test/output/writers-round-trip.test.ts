// Property: whatever a cell holds, results.csv gives it back (made formula-safe) and retry.csv gives
// it back exactly, in the input's delimiter and encoding. Written with the real writers, read back
// with csv-parse.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { excelSafe } from '../../src/output/csv-safety.js';
import { createResultsWriter, resultRecord } from '../../src/output/results-writer.js';
import { createRetryWriter, retryRecord } from '../../src/output/retry-writer.js';
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
  it.each([
    ['utf8', ',', anyText],
    ['utf8', ';', anyText],
    ['utf16le', '\t', anyText],
    ['windows-1252', ';', cp1252Text],
  ] as const)('gives back every cell exactly in %s with delimiter %j', async (encoding, delimiter, cell) => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(cell, cell, cell), rowsOf(cell), async (header, rows) => {
        const path = nextPath();
        const file = createRetryWriter(path, header, { delimiter, encoding, agentColumn: 1 });
        for (const fields of rows) {
          const again = retryRecord(fields, notSent, 1);
          if (again) file.write(again);
        }
        await file.close();
        expect(readBack(path, encoding, delimiter)).toEqual([header, ...rows]);
      }),
      { numRuns: 100 },
    );
  });
});
