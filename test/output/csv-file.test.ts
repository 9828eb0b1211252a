import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { createCsvFile } from '../../src/output/csv-file.js';

const special = fc.constantFrom('a', ' ', ',', ';', '\t', '|', '"', '\n', '\r', '=', "'", 'é', '9');
const record = fc.array(fc.string({ unit: special, maxLength: 8 }), { minLength: 2, maxLength: 5 });

describe('createCsvFile', () => {
  const dirs: string[] = [];
  const file = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-file-'));
    dirs.push(dir);
    return join(dir, 'out.csv');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes records that csv-parse reads back cell for cell, across chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 300 }), fc.constantFrom(',', ';', '\t', '|'), async (records, delimiter) => {
        const path = file();
        const width = records[0]!.length;
        const rows = records.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const csv = createCsvFile(path, { delimiter });
        for (const row of rows) csv.write(row);
        await csv.close();
        expect(parse(readFileSync(path), { delimiter, relax_quotes: false })).toEqual(rows);
      }),
      { numRuns: 40 },
    );
  });

  it('quotes a lone carriage return so the record is not split there', async () => {
    const path = file();
    const csv = createCsvFile(path);
    csv.write(['x\ry', 'plain']);
    await csv.close();
    expect(readFileSync(path, 'utf8')).toBe('"x\ry",plain\n');
  });

  it('starts the file with a byte-order mark when asked, in UTF-8 and UTF-16', async () => {
    const utf8 = file();
    const a = createCsvFile(utf8, { bom: true });
    a.write(['é']);
    await a.close();
    expect([...readFileSync(utf8).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const utf16 = file();
    const b = createCsvFile(utf16, { bom: true, encoding: 'utf16le' });
    b.write(['é', 'x']);
    await b.close();
    const bytes = readFileSync(utf16);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(iconv.decode(bytes, 'utf16le')).toBe('é,x\n');
  });

  it('writes windows-1252 bytes for accents when that is the encoding', async () => {
    const path = file();
    const csv = createCsvFile(path, { encoding: 'windows-1252' });
    csv.write(['José']);
    await csv.close();
    expect([...readFileSync(path)]).toEqual([0x4a, 0x6f, 0x73, 0xe9, 0x0a]);
  });
});
