// Input stage: when bytes are not UTF-8, names the encoding they most likely are, so the message
// says which --encoding to pass instead of always windows-1252. Western exports put a lone accented
// byte inside ASCII words ("Jos\xE9"); Cyrillic and Greek ones write whole words in high bytes, told
// apart by how many of the decoded letters are that alphabet's vowels.
import iconv from 'iconv-lite';
import { ESCAPED_BYTE } from './utf8.js';

const VOWELS: ReadonlyArray<{ encoding: string; vowels: RegExp }> = [
  { encoding: 'windows-1251', vowels: /[аеёиоуыэюяАЕЁИОУЫЭЮЯіїєІЇЄ]/gu },
  { encoding: 'iso-8859-7', vowels: /[αεηιουωάέήίόύώΑΕΗΙΟΥΩΆΈΉΊΌΎΏ]/gu },
];
const LETTERS = /\p{L}/gu;

/** The likeliest single-byte encoding of text that is not UTF-8. */
export function guessEncoding(bytes: Buffer): string {
  let high = 0;
  let inRuns = 0;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] ?? 0) < 0x80) continue;
    high++;
    if ((bytes[i - 1] ?? 0) >= 0x80 || (bytes[i + 1] ?? 0) >= 0x80) inRuns++;
  }
  // Accents inside Latin words stand alone; a non-Latin alphabet fills whole words with high bytes.
  if (high === 0 || inRuns < high * 0.6) return 'windows-1252';
  let best = { encoding: 'windows-1252', share: 0.2 };
  for (const { encoding, vowels } of VOWELS) {
    const text = iconv.decode(bytes, encoding);
    const letters = text.match(LETTERS)?.length ?? 0;
    const share = letters === 0 ? 0 : (text.match(vowels)?.length ?? 0) / letters;
    if (share > best.share) best = { encoding, share };
  }
  return best.encoding;
}

/** The bytes of a decoded row whose undecodable bytes were escaped (utf8.ts), for guessing. */
function bytesOf(text: string): Buffer {
  const parts: Buffer[] = [];
  let plain = '';
  for (const ch of text) {
    if (ESCAPED_BYTE.test(ch)) {
      parts.push(Buffer.from(plain, 'utf8'), Buffer.from([ch.charCodeAt(0) - 0xdc00]));
      plain = '';
    } else plain += ch;
  }
  parts.push(Buffer.from(plain, 'utf8'));
  return Buffer.concat(parts);
}

/** The per-row message for bytes that are not UTF-8: what, where, and the flag that reads them. */
export function badEncodingMessage(line: number, raw: string): string {
  const encoding = guessEncoding(bytesOf(raw));
  return `line ${line} has bytes that are not UTF-8; if the file was saved as ${encoding}, run it again with --encoding ${encoding}`;
}
