// Input stage: decodes UTF-8 input without ever inventing a replacement character. A byte that is
// not part of valid UTF-8 becomes a lone surrogate (U+DC80 + byte, as Python's "surrogateescape"),
// so the reader can tell the rows holding one (they become `bad_encoding`, naming --encoding),
// while a U+FFFD that the file itself holds passes through as the character it is.
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

const ESCAPE_BASE = 0xdc00;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** A lone low surrogate: what an undecodable byte became (a decoded pair never leaves one alone). */
export const ESCAPED_BYTE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;
const ESCAPED_BYTES = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g;

/** A stream of UTF-8 bytes to text (BOM dropped), undecodable bytes escaped rather than replaced. */
export function utf8Decoder(): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let first = true;
  return new Transform({
    // Strings go out as they are: a byte stream would re-encode the escapes as U+FFFD.
    readableObjectMode: true,
    // One decoded chunk ahead is enough (the file is read 64 KB at a time, from the page cache);
    // objectMode's default of 16 held a megabyte of text waiting behind a full row window.
    readableHighWaterMark: 2,
    decodeStrings: true,
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      let bytes = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      if (first) {
        // Too few bytes yet to tell a BOM from text: wait for more.
        if (bytes.length < 3 && BOM.subarray(0, bytes.length).equals(bytes)) {
          pending = Buffer.from(bytes);
          return done();
        }
        first = false;
        if (bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
      }
      const cut = incompleteTail(bytes);
      pending = Buffer.from(bytes.subarray(cut));
      done(null, decodeEscaped(bytes.subarray(0, cut)));
    },
    flush(done: TransformCallback) {
      done(null, pending.length > 0 && !(first && BOM.subarray(0, pending.length).equals(pending)) ? decodeEscaped(pending) : undefined);
    },
  });
}

/** Where a character cut short by the end of the chunk starts (the bytes from there wait for the next chunk). */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Valid UTF-8 decodes natively; otherwise each character is checked and a bad byte escaped. */
export function decodeEscaped(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let text = '';
  let start = 0; // first byte of the valid run not yet decoded
  for (let i = 0; i < bytes.length; ) {
    const length = validSequence(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    text += bytes.toString('utf8', start, i) + String.fromCharCode(ESCAPE_BASE + (bytes[i] ?? 0));
    i++;
    start = i;
  }
  return text + bytes.toString('utf8', start);
}

/** Length of the valid UTF-8 character at `at`, or 0 when the byte there starts none. */
function validSequence(bytes: Buffer, at: number): number {
  const lead = bytes[at] ?? 0;
  const length = sequenceLength(lead);
  if (length <= 1) return length;
  if (at + length > bytes.length) return 0;
  const second = bytes[at + 1] ?? 0;
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
  const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
  const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const next = bytes[at + k] ?? 0;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/** The bytes escaped in `text`, as hex ("0xE9, 0x92"), for the message. */
export function escapedBytes(text: string): string[] {
  return [...new Set((text.match(ESCAPED_BYTES) ?? []).map((ch) => `0x${(ch.charCodeAt(0) - ESCAPE_BASE).toString(16).toUpperCase().padStart(2, '0')}`))];
}

/** Escaped bytes shown as the Windows-1252 character they most likely were, never as U+FFFD. */
export function showEscaped(text: string): string {
  return text.replace(ESCAPED_BYTES, (ch) => {
    const byte = ch.charCodeAt(0) - ESCAPE_BASE;
    const guess = iconv.decode(Buffer.from([byte]), 'windows-1252');
    return guess === '\uFFFD' ? String.fromCharCode(byte) : guess;
  });
}
