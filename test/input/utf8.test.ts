import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guessEncoding } from '../../src/input/guess-encoding.js';
import { readCsv, type CsvRecord } from '../../src/input/reader.js';
import { decodeEscaped, escapedBytes, showEscaped, utf8Decoder } from '../../src/input/utf8.js';
import iconv from 'iconv-lite';

async function decode(chunks: Buffer[]): Promise<string> {
  let text = '';
  for await (const piece of Readable.from(chunks).pipe(utf8Decoder())) text += String(piece);
  return text;
}

describe('utf8Decoder', () => {
  it('decodes characters split across chunks and drops a BOM split across chunks', async () => {
    const bytes = Buffer.from('\uFEFFJosé ₹ 𝄞', 'utf8');
    const chunks = Array.from(bytes, (byte) => Buffer.from([byte]));
    expect(await decode(chunks)).toBe('José ₹ 𝄞');
  });

  it('escapes a byte that is not UTF-8 instead of inventing U+FFFD, and keeps a U+FFFD the file holds', async () => {
    const text = await decode([Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x20]), Buffer.from('\uFFFD', 'utf8')]);
    expect(text.endsWith(' \uFFFD')).toBe(true);
    expect(escapedBytes(text)).toEqual(['0xE9']);
    expect(showEscaped(text)).toBe('José \uFFFD');
  });

  it('escapes overlong forms and surrogates, which UTF-8 does not allow', () => {
    expect(escapedBytes(decodeEscaped(Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80])))).toEqual(['0xC0', '0xAF', '0xED', '0xA0', '0x80']);
  });
});

describe('guessEncoding', () => {
  it('names windows-1252 for accents inside Latin words', () => {
    expect(guessEncoding(iconv.encode('José Müller, Zoë’s “deal” – ok', 'windows-1252'))).toBe('windows-1252');
  });

  it('names windows-1251 for Cyrillic', () => {
    expect(guessEncoding(iconv.encode('Иван Петров, Москва, менеджер по продажам', 'windows-1251'))).toBe('windows-1251');
  });

  it('names iso-8859-7 for Greek', () => {
    expect(guessEncoding(iconv.encode('Γιώργος Παπαδόπουλος, Αθήνα, πωλήσεις', 'iso-8859-7'))).toBe('iso-8859-7');
  });
});

describe('readCsv on bytes that are not UTF-8 past the first chunk', () => {
  it('makes only that row bad_encoding, naming --encoding, and shows no U+FFFD', async () => {
    const good = Buffer.from('Mobile,Owner Mobile,Name\n+919845010001,+919811100001,Asha\n', 'utf8');
    const bad = Buffer.concat([Buffer.from('+919845010002,+919811100001,Jos', 'utf8'), Buffer.from([0xe9]), Buffer.from('\n+919845010003,+919811100001,Zoë\n', 'utf8')]);
    const { records } = await readCsv(Readable.from([good, bad]).pipe(utf8Decoder()), ',');
    const all: CsvRecord[] = [];
    for await (const record of records) all.push(record);
    expect(all.map((r) => r.badEncoding)).toEqual([undefined, 'line 3 has bytes that are not UTF-8; if the file was saved as windows-1252, run it again with --encoding windows-1252', undefined]);
    expect(all.map((r) => r.fields[2])).toEqual(['Asha', 'José', 'Zoë']);
  });
});
