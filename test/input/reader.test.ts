import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { Delimiter } from '../../src/input/delimiter.js';
import { MAX_ROW_CHARS, readCsv, type CsvRecord } from '../../src/input/reader.js';

const HEADER = 'customer_phone,agent_phone,waba_number,name';

async function read(text: string | string[], delimiter: Delimiter = ','): Promise<{ header: string[]; records: CsvRecord[] }> {
  const { header, records } = await readCsv(Readable.from(Array.isArray(text) ? text : [text]), delimiter);
  const all: CsvRecord[] = [];
  for await (const record of records) all.push(record);
  return { header, records: all };
}

async function rows(text: string | string[]): Promise<CsvRecord[]> {
  return (await read(text)).records;
}

async function failure(text: string): Promise<string> {
  try {
    await read(text);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected an InputError');
}

const good = (n: number): string => `+9198765000${String(n).padStart(2, '0')},+9198111000${String(n).padStart(2, '0')},919800000001,Name ${n}`;

describe('readCsv', () => {
  it('numbers data rows from 1 and gives the line each starts on', async () => {
    const records = await rows(`${HEADER}\n${good(1)}\n${good(2)}\n`);
    expect(records.map((r) => [r.row, r.line, r.fields[3]])).toEqual([
      [1, 2, 'Name 1'],
      [2, 3, 'Name 2'],
    ]);
  });

  it('trims the header names', async () => {
    expect((await read(` customer_phone ,agent_phone, waba_number,name\n${good(1)}\n`)).header).toEqual(HEADER.split(','));
  });

  it('drops unnamed columns at the end of the header', async () => {
    expect((await read(`${HEADER},,\n${good(1)},,\n`)).header).toEqual(HEADER.split(','));
  });

  it('skips blank lines without counting them as rows, keeping line numbers true', async () => {
    const records = await rows(`\n${HEADER}\n\n${good(1)}\n\n\n${good(2)}\n`);
    expect(records.map((r) => [r.row, r.line])).toEqual([
      [1, 4],
      [2, 7],
    ]);
  });

  it('skips rows whose cells are all empty, as spreadsheets export them', async () => {
    const records = await rows(`${HEADER}\n,,,\n${good(1)}\n , ,,\n`);
    expect(records.map((r) => [r.row, r.line])).toEqual([[1, 3]]);
  });

  it('skips the "sep=;" hint line Excel writes above the header', async () => {
    const { header, records } = await read(`sep=;\r\n${HEADER.replaceAll(',', ';')}\r\n${good(1).replaceAll(',', ';')}\r\n`, ';');
    expect(header).toEqual(HEADER.split(','));
    expect(records.map((r) => r.line)).toEqual([3]);
  });

  it('reads a quoted cell with line breaks as one row that starts on its first line', async () => {
    const records = await rows(`${HEADER}\r\n${good(1).replace('Name 1', '"Flat 2\nMG Road, Pune"')}\r\n${good(2)}\r\n`);
    expect(records.map((r) => [r.row, r.line, r.fields[3], r.malformed])).toEqual([
      [1, 2, 'Flat 2\nMG Road, Pune', undefined],
      [2, 4, 'Name 2', undefined],
    ]);
  });

  it('keeps doubled quotes and delimiters inside quoted cells', async () => {
    const [record] = await rows(`${HEADER}\n${good(1).replace('Name 1', '"Meera ""M"", Pillai"')}\n`);
    expect(record?.fields[3]).toBe('Meera "M", Pillai');
  });

  it('reads rows with the same fields whatever the chunk boundaries', async () => {
    const text = `${HEADER}\r\n${good(1).replace('Name 1', '"a\r\nb"')}\r\n${good(2)}\r\n`;
    const whole = await rows(text);
    const byChar = await rows([...text]);
    expect(byChar).toEqual(whole);
  });

  it('marks a row with too few fields malformed, naming its line and both counts', async () => {
    const [record] = await rows(`${HEADER}\n+919876500001,+919811100001\n${good(2)}\n`);
    expect(record?.malformed).toBe('line 2 has 2 fields where the header has 4');
  });

  it('marks a row with an extra non-empty field malformed', async () => {
    const [record] = await rows(`${HEADER}\n${good(1)},extra\n`);
    expect(record?.malformed).toBe('line 2 has 5 fields where the header has 4');
  });

  it('accepts empty trailing cells beyond the header', async () => {
    const [record] = await rows(`${HEADER}\n${good(1)},,\n`);
    expect(record?.malformed).toBeUndefined();
    expect(record?.fields).toHaveLength(4);
  });

  it('names the line range of a ragged row that holds a multi-line cell', async () => {
    const [record] = await rows(`${HEADER}\n+919876500001,+919811100001,"Flat 2\nMG Road"\n${good(2)}\n`);
    expect(record?.malformed).toBe('lines 2-3 (a quoted cell with line breaks) have 3 fields where the header has 4');
  });

  it('reports an unclosed quote on the last row without losing the rows before it', async () => {
    const records = await rows(`${HEADER}\n${good(1)}\n${good(2).replace('Name 2', '"Name 2')}\n`);
    expect(records.map((r) => [r.row, r.malformed])).toEqual([
      [1, undefined],
      [2, 'line 3: the quote (") that opens field 4 (name) is never closed'],
    ]);
  });

  it('reads on at the next line after an unclosed quote, so later rows are not swallowed', async () => {
    const records = await rows(`${HEADER}\n${good(1).replace('Name 1', '"Name 1')}\n${good(2)}\n${good(3)}\n`);
    expect(records.map((r) => [r.row, r.line, r.fields[0], r.malformed])).toEqual([
      [1, 2, '+919876500001', 'line 2: the quote (") that opens field 4 (name) is never closed, so line 3 was read as a new row'],
      [2, 3, '+919876500002', undefined],
      [3, 4, '+919876500003', undefined],
    ]);
  });

  it('reads on when an unclosed quote is followed by a quoted cell further down', async () => {
    const records = await rows(`${HEADER}\n${good(1).replace('Name 1', '"Name 1')}\n${good(2)}\n${good(3).replace('Name 3', '"Mumbai, India"')}\n`);
    expect(records.map((r) => [r.row, r.fields[3], r.malformed === undefined])).toEqual([
      [1, 'Name 1', false],
      [2, 'Name 2', true],
      [3, 'Mumbai, India', true],
    ]);
  });

  it('does not let two stray quotes turn the rows between them into one cell', async () => {
    const text = `${HEADER}\n${good(1).replace('Name 1', '"Bob')}\n${good(2)}\n${good(3).replace('Name 3', `5'11"`)}\n${good(4)}\n`;
    const records = await rows(text);
    expect(records.map((r) => [r.row, r.line, r.malformed?.slice(0, 30)])).toEqual([
      [1, 2, 'line 2: the quote (") that ope'],
      [2, 3, undefined],
      [3, 4, undefined],
      [4, 5, undefined],
    ]);
  });

  it('stops reading a runaway quote at the row cap and reads on after it', async () => {
    const filler = Array.from({ length: 2000 }, (_, i) => good(i % 90)).join('\n');
    const records = await rows(`${HEADER}\n${good(1).replace('Name 1', '"Name 1')}\n${filler}\n`);
    expect(records).toHaveLength(2001);
    expect(records.filter((r) => r.malformed !== undefined).map((r) => r.row)).toEqual([1]);
  });

  it('reads a quote inside an unquoted value as a character, and the next line as the next row', async () => {
    const records = await rows(`${HEADER}\n${good(1).replace('Name 1', `37°36'37.8"N`)}\n${good(2)}\n`);
    expect(records.map((r) => [r.malformed, r.fields[3]])).toEqual([[undefined, `37°36'37.8"N`], [undefined, 'Name 2']]);
  });

  it('reads text after a closing quote and a space before an opening quote as values', async () => {
    const records = await rows(`${HEADER}\n${good(1).replace('Name 1', '"Dwayne" Johnson')}\n${good(2).replace(',Name 2', ', "Name 2"')}\n`);
    expect(records.map((r) => [r.malformed, r.fields[3]])).toEqual([[undefined, '"Dwayne" Johnson'], [undefined, ' "Name 2"']]);
  });

  it('shows the cells of a malformed row as well as it can, so the row can be found', async () => {
    const [record] = await rows(`${HEADER}\n${good(1).replace('Name 1', '"Name 1')}\n`);
    expect(record?.fields).toEqual(['+919876500001', '+919811100001', '919800000001', 'Name 1']);
  });

  it('marks a line over the row cap malformed with its length, and reads on', async () => {
    const long = `${good(1)},${'x'.repeat(MAX_ROW_CHARS)}`;
    const records = await rows([`${HEADER}\n`, long.slice(0, 40_000), long.slice(40_000), `\n${good(2)}\n`]);
    expect(records.map((r) => [r.row, r.line, r.fields.length, r.malformed])).toEqual([
      [1, 2, 0, `line 2 is ${long.length} characters long, more than the ${MAX_ROW_CHARS} a row may have`],
      [2, 3, 4, undefined],
    ]);
  });

  it('refuses a file with a header but no rows', async () => {
    expect(await failure(`${HEADER}\r\n`)).toBe('the file has a header but no rows');
  });

  it('refuses a header followed only by blank lines and empty rows', async () => {
    expect(await failure(`${HEADER}\n\n,,,\n\n`)).toBe('the file has a header but no rows');
  });

  it('refuses a file of blank lines', async () => {
    expect(await failure('\n\r\n\n')).toBe('the file has no header line, only blank lines');
  });

  it('refuses a header that cannot be read as CSV, in one sentence', async () => {
    expect(await failure(`customer_phone,"agent\n${good(1)}\n`)).toBe(
      'the header cannot be read as CSV: line 1: the quote (") that opens field 2 is never closed',
    );
  });

  it('refuses a header of empty names', async () => {
    expect(await failure(` , \n${good(1)}\n`)).toBe('the header line is empty');
  });

  it('splits on the delimiter it is given', async () => {
    const { header, records } = await read(`a;b\tc;d\n1;2\t3;4\n`, ';');
    expect(header).toEqual(['a', 'b\tc', 'd']);
    expect(records[0]?.fields).toEqual(['1', '2\t3', '4']);
  });
});
