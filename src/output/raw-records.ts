// Reads back a retry.csv this tool wrote, as the text of each record (line ending included), so
// `collab-bulk merge` can join shards' retry files byte for byte, as one run would have written them.
import { createReadStream } from 'node:fs';
import type { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import { RecordFramer, frameText } from '../input/framing.js';
import { splitLines } from '../input/lines.js';
import { MAX_ROW_CHARS } from '../input/reader.js';
import { utf8Decoder } from '../input/utf8.js';

export interface RawFile {
  /** The file starts with a byte-order mark. */
  bom: boolean;
  /** The header's text, with Excel's `sep=` line above it when the file has one: call first. */
  header(): Promise<string | undefined>;
  /** The next record's text, undefined at the end. */
  next(): Promise<string | undefined>;
}

/** Excel's "sep=;" hint line, which retry.csv keeps above the header as the input had it. */
const SEP_LINE = /^sep=.(?:\r\n|\n|\r)?$/i;

export async function openRawRecords(path: string, encoding: string, delimiter: string): Promise<RawFile> {
  const bom = await startsWithBom(path);
  const decoder = /^utf-?8$/i.test(encoding) ? utf8Decoder() : (iconv.decodeStream(encoding, { stripBOM: true }) as unknown as Transform);
  const stream = createReadStream(path);
  stream.on('error', (error) => decoder.destroy(error));
  const framer = new RecordFramer(splitLines(stream.pipe(decoder), MAX_ROW_CHARS), MAX_ROW_CHARS, delimiter);
  const next = async (): Promise<string | undefined> => {
    const frame = await framer.next();
    if (frame === undefined) return undefined;
    if (frame.kind === 'cut') throw new Error(`${path}: line ${frame.line.number} is longer than a row may be`);
    return frameText(frame.lines) + (frame.lines[frame.lines.length - 1]?.end ?? '');
  };
  return {
    bom,
    async header() {
      const first = await next();
      if (first === undefined || !SEP_LINE.test(first)) return first;
      const header = await next();
      return header === undefined ? first : first + header;
    },
    next,
  };
}

async function startsWithBom(path: string): Promise<boolean> {
  for await (const chunk of createReadStream(path, { start: 0, end: 2 })) {
    const head = chunk as Buffer;
    return (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) || (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  }
  return false;
}
