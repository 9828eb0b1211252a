import { describe, expect, it } from 'vitest';
import { encodingFromBom, firstNonUtf8Line, notText, utf16WithoutBom } from '../../src/input/sniff.js';

const text = 'customer_phone,agent_phone,waba_number\n+919876500001,+919811100001,919800000001\n';

describe('encodingFromBom', () => {
  it.each([
    [[0xef, 0xbb, 0xbf], 'utf8'],
    [[0xff, 0xfe], 'utf16le'],
    [[0xfe, 0xff], 'utf16be'],
  ])('reads the byte-order mark %j as %s', (bom, encoding) => {
    expect(encodingFromBom(Buffer.from([...bom, 0x61, 0x00]))).toBe(encoding);
  });

  it('finds nothing in text without a BOM', () => {
    expect(encodingFromBom(Buffer.from(text))).toBeUndefined();
  });
});

describe('utf16WithoutBom', () => {
  it('recognises UTF-16LE text saved without a BOM', () => {
    expect(utf16WithoutBom(Buffer.from(text, 'utf16le'))).toBe('utf16le');
  });

  it('recognises UTF-16BE text saved without a BOM', () => {
    expect(utf16WithoutBom(Buffer.from(text, 'utf16le').swap16())).toBe('utf16be');
  });

  it('does not take UTF-8 text for UTF-16', () => {
    expect(utf16WithoutBom(Buffer.from(text))).toBeUndefined();
  });
});

describe('notText', () => {
  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'it is a PNG image'],
    [[0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'it is a ZIP archive, such as an Excel .xlsx workbook (save the sheet as CSV)'],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], 'it is an old Excel .xls workbook (save the sheet as CSV)'],
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], 'it is a PDF document'],
  ])('names a file by its signature %j', (bytes, what) => {
    expect(notText(Buffer.from(bytes), 'utf8')).toBe(what);
  });

  it('calls a file with NUL bytes binary', () => {
    expect(notText(Buffer.from('a,b\n\u0000\u0001,c'), 'utf8')).toBe('it holds binary data');
  });

  it('calls a file full of control characters binary', () => {
    expect(notText(Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 0x02 : 0x41))), 'utf8')).toBe('it holds binary data');
  });

  it('accepts CSV text', () => {
    expect(notText(Buffer.from(text), 'utf8')).toBeUndefined();
  });

  it('accepts UTF-16 text, whose NULs are part of the encoding', () => {
    expect(notText(Buffer.from(text, 'utf16le'), 'utf16le')).toBeUndefined();
  });
});

describe('firstNonUtf8Line', () => {
  it('finds nothing wrong in UTF-8 text', () => {
    expect(firstNonUtf8Line(Buffer.from('name\nJosé\n'), true)).toBeUndefined();
  });

  it('names the first line holding a byte UTF-8 does not allow', () => {
    expect(firstNonUtf8Line(Buffer.from('name\nok\nJos\xe9\n', 'latin1'), true)).toBe(3);
  });

  it('does not blame a character cut in two at the end of an unfinished head', () => {
    const cut = Buffer.from('name\nJosé').subarray(0, -1);
    expect(firstNonUtf8Line(cut, false)).toBeUndefined();
  });

  it('blames a character cut in two at the very end of a file', () => {
    const cut = Buffer.from('name\nJosé').subarray(0, -1);
    expect(firstNonUtf8Line(cut, true)).toBe(2);
  });
});
