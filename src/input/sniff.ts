// Input stage: pure checks on the first bytes of the input, so that a file which is not CSV text
// in the expected encoding fails with one sentence before any row is read or any request is sent.

/** Files people pick by mistake, recognised by their first bytes. */
const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; what: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'it is a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'it is a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'it is a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'it is a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'it is a ZIP archive, such as an Excel .xlsx workbook (save the sheet as CSV)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'it is an old Excel .xls workbook (save the sheet as CSV)' },
];

/** The encoding a byte-order mark declares; a BOM outranks --encoding, since it cannot be mistaken. */
export function encodingFromBom(head: Buffer): string | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  return undefined;
}

/** UTF-16 saved without a BOM: ASCII text with a NUL beside every character. No other text looks like that. */
export function utf16WithoutBom(head: Buffer): string | undefined {
  const sample = head.subarray(0, 1024 - (Math.min(head.length, 1024) % 2));
  if (sample.length < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = sample.length / 2;
  if (oddNul > pairs * 0.9 && evenNul === 0) return 'utf16le';
  if (evenNul > pairs * 0.9 && oddNul === 0) return 'utf16be';
  return undefined;
}

/** Why the head is not CSV text, or undefined when it may be: a known file signature, NUL bytes, or many control characters. */
export function notText(head: Buffer, encoding: string): string | undefined {
  const known = SIGNATURES.find((signature) => signature.bytes.every((byte, i) => head[i] === byte));
  if (known) return known.what;
  if (/^(utf-?16|ucs-?2)/i.test(encoding)) return undefined;
  const sample = head.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return 'it holds binary data';
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control > sample.length * 0.1 ? 'it holds binary data' : undefined;
}

/** The 1-based line of the first byte sequence UTF-8 does not allow, or undefined when the head is valid UTF-8. */
export function firstNonUtf8Line(head: Buffer, complete: boolean): number | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  while (start < head.length) {
    const end = head.indexOf(0x0a, start);
    const last = end === -1;
    try {
      // The head may stop inside a character; only a finished file must end on a whole one.
      decoder.decode(head.subarray(start, last ? head.length : end), { stream: last && !complete });
    } catch {
      return line;
    }
    if (last) break;
    start = end + 1;
    line++;
  }
  return undefined;
}
