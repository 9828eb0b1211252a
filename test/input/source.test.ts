import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { openInput, type InputSource } from '../../src/input/source.js';

const dir = mkdtempSync(join(tmpdir(), 'collab-bulk-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CSV = 'customer_phone,agent_phone,waba_number,name\n+919876500001,+919811100001,919800000001,José\n';

function file(name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function textOf(source: InputSource): Promise<string> {
  let text = '';
  for await (const chunk of source.text) text += String(chunk);
  return text;
}

async function failure(path: string, options = { encoding: 'utf8' }, stdin?: Readable): Promise<Error> {
  try {
    await openInput(path, options, stdin);
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

describe('openInput', () => {
  it('reads a plain UTF-8 file and finds a comma delimiter', async () => {
    const source = await openInput(file('plain.csv', CSV), { encoding: 'utf8' });
    expect([source.delimiter, source.encoding, source.gzip]).toEqual([',', 'utf8', false]);
    expect(await textOf(source)).toBe(CSV);
  });

  it('strips a UTF-8 BOM and finds a semicolon delimiter', async () => {
    const source = await openInput(file('excel.csv', `\uFEFF${CSV.replaceAll(',', ';')}`), { encoding: 'utf8' });
    expect(source.delimiter).toBe(';');
    expect(await textOf(source)).toBe(CSV.replaceAll(',', ';'));
  });

  it('lets a UTF-8 BOM outrank --encoding', async () => {
    const source = await openInput(file('bom-latin1.csv', `\uFEFF${CSV}`), { encoding: 'latin1' });
    expect(source.encoding).toBe('utf8');
    expect(await textOf(source)).toContain('José');
  });

  it('decodes UTF-16LE with a BOM whatever --encoding says, and finds a tab delimiter', async () => {
    const tsv = CSV.replaceAll(',', '\t');
    const source = await openInput(file('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')])), { encoding: 'utf8' });
    expect([source.encoding, source.delimiter]).toEqual(['utf16le', '\t']);
    expect(await textOf(source)).toBe(tsv);
  });

  it('decodes UTF-16LE saved without a BOM', async () => {
    const source = await openInput(file('utf16-nobom.csv', Buffer.from(CSV, 'utf16le')), { encoding: 'utf8' });
    expect(source.encoding).toBe('utf16le');
    expect(await textOf(source)).toBe(CSV);
  });

  it('decodes Windows-1252 when told to', async () => {
    const source = await openInput(file('cp1252.csv', iconv.encode(CSV, 'windows-1252')), { encoding: 'windows-1252' });
    expect(await textOf(source)).toContain('José');
  });

  it('refuses Windows-1252 bytes read as UTF-8, naming the line and the flag', async () => {
    const error = await failure(file('cp1252-as-utf8.csv', iconv.encode(CSV, 'windows-1252')));
    expect(error.message).toMatch(/cp1252-as-utf8\.csv is not UTF-8 text \(line 2 has bytes UTF-8 does not allow\); .*--encoding windows-1252$/);
  });

  it('gunzips gzip input, whatever the file is called', async () => {
    const source = await openInput(file('rows.data', gzipSync(CSV)), { encoding: 'utf8' });
    expect(source.gzip).toBe(true);
    expect(await textOf(source)).toBe(CSV);
  });

  it('reads standard input for -', async () => {
    const source = await openInput('-', { encoding: 'utf8' }, Readable.from([Buffer.from(CSV)]));
    expect(await textOf(source)).toBe(CSV);
  });

  it('takes the delimiter from --delimiter over the header', async () => {
    const source = await openInput(file('forced.csv', CSV), { encoding: 'utf8', delimiter: ';' });
    expect(source.delimiter).toBe(';');
  });

  it('takes the delimiter from an Excel "sep=" line', async () => {
    const source = await openInput(file('sep.csv', `sep=|\n${CSV}`), { encoding: 'utf8' });
    expect(source.delimiter).toBe('|');
  });

  it('finds the delimiter on the header even below blank lines', async () => {
    const source = await openInput(file('blank-top.csv', `\n\n${CSV.replaceAll(',', ';')}`), { encoding: 'utf8' });
    expect(source.delimiter).toBe(';');
  });

  it('refuses an empty file', async () => {
    expect((await failure(file('empty.csv', ''))).message).toMatch(/empty\.csv is empty: there is no header line and no rows$/);
  });

  it('refuses an empty standard input', async () => {
    expect((await failure('-', undefined, Readable.from([]))).message).toBe('standard input is empty: there is no header line and no rows');
  });

  it('refuses to wait on a terminal for -', async () => {
    const tty = Object.assign(Readable.from([]), { isTTY: true });
    expect((await failure('-', undefined, tty)).message).toMatch(/^"-" reads the CSV from standard input, but nothing is piped in/);
  });

  it('refuses a PNG renamed .csv, naming what it is', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect((await failure(file('photo.csv', png))).message).toMatch(/photo\.csv is not a CSV file: it is a PNG image$/);
  });

  it('refuses a missing file', async () => {
    expect((await failure(join(dir, 'nope.csv'))).message).toMatch(/^cannot read .*nope\.csv: no such file$/);
  });

  it('refuses a folder', async () => {
    mkdirSync(join(dir, 'folder.csv'));
    expect((await failure(join(dir, 'folder.csv'))).message).toMatch(/folder\.csv is a folder, not a CSV file$/);
  });

  it('refuses an empty file name', async () => {
    expect((await failure('')).message).toBe('the input file name is empty: name a CSV file, or - for standard input');
  });

  it('refuses an encoding it does not know, as a usage error', async () => {
    const error = await failure(file('any.csv', CSV), { encoding: 'klingon' });
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^--encoding "klingon" is not an encoding/);
  });
});

describe('openInput on damaged gzip', () => {
  it('says the gzip data is damaged, naming the file', async () => {
    const whole = gzipSync(CSV.repeat(50));
    const error = await failure(file('cut.csv.gz', whole.subarray(0, whole.length - 20)));
    expect(error.message).toMatch(/^cannot read .*cut\.csv\.gz \(the gzip data is damaged\): unexpected end of file$/);
  });
});
