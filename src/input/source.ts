// Opens the input as decoded text: a file or stdin, gunzipped when it is gzip, decoded from the
// chosen encoding (BOMs stripped; a BOM, or UTF-16's telltale NULs, outrank --encoding), with the
// header line's delimiter detected from the first bytes. Files that are plainly not CSV text in
// that encoding fail here, with one sentence, before any row is read or any request sent.
import { createReadStream, ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, type Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { InputError, UsageError } from '../errors.js';
import { detectDelimiter, type Delimiter } from './delimiter.js';
import { encodingFromBom, firstNonUtf8Line, notText, utf16WithoutBom } from './sniff.js';
import { guessEncoding } from './guess-encoding.js';
import { utf8Decoder } from './utf8.js';

export interface SourceOptions {
  encoding: string;
  delimiter?: Delimiter;
}

export interface InputSource {
  /** Decoded text chunks, BOM removed. */
  text: Readable;
  delimiter: Delimiter;
  encoding: string;
  /** The input started with a byte-order mark (retry.csv starts with one too). */
  bom: boolean;
  gzip: boolean;
  /** The file's size in bytes (undefined for standard input), and the bytes read from it so far: for progress. */
  size?: number;
  bytesRead(): number;
}

const PEEK_BYTES = 64 * 1024;

export async function openInput(path: string, options: SourceOptions, stdin: Readable = process.stdin): Promise<InputSource> {
  if (!iconv.encodingExists(options.encoding)) {
    throw new UsageError(`--encoding "${options.encoding}" is not an encoding collab-bulk knows (try utf8, windows-1252, windows-1251, iso-8859-7 or utf16le)`);
  }
  if (path === '-' && (stdin as { isTTY?: boolean }).isTTY) {
    throw new InputError('"-" reads the CSV from standard input, but nothing is piped in (for example: gunzip -c rows.csv.gz | collab-bulk run -)');
  }
  const raw = path === '-' ? stdin : await openFile(path);
  let bytes = await peek(raw, PEEK_BYTES, path);
  const gzip = bytes.head[0] === 0x1f && bytes.head[1] === 0x8b;
  if (gzip) bytes = await peek(bytes.stream.pipe(createGunzip()), PEEK_BYTES, path);
  if (bytes.head.length === 0) throw new InputError(`${describe(path)} is empty: there is no header line and no rows`);
  const bom = encodingFromBom(bytes.head);
  const encoding = bom ?? utf16WithoutBom(bytes.head) ?? options.encoding;
  const notCsv = notText(bytes.head, encoding);
  if (notCsv !== undefined) throw new InputError(`${describe(path)} is not a CSV file: ${notCsv}`);
  checkUtf8(path, bytes, encoding);
  const headText = iconv.decode(bytes.head, encoding);
  const delimiter = options.delimiter ?? delimiterOf(firstLine(headText));
  // UTF-8 is decoded by our own decoder, which marks bytes it cannot decode instead of replacing them.
  const decoder = isUtf8Name(encoding) ? utf8Decoder() : (iconv.decodeStream(encoding, { stripBOM: true }) as unknown as Transform);
  bytes.stream.on('error', (error) => decoder.destroy(readFailure(path, error)));
  const file = raw instanceof ReadStream ? raw : undefined;
  return { text: bytes.stream.pipe(decoder), delimiter, encoding, bom: bom !== undefined, gzip, size: file ? await fileSize(path) : undefined, bytesRead: () => file?.bytesRead ?? 0 };
}

async function fileSize(path: string): Promise<number | undefined> {
  return (await stat(path).catch(() => undefined))?.size;
}

async function openFile(path: string): Promise<Readable> {
  if (path.trim() === '') throw new InputError('the input file name is empty: name a CSV file, or - for standard input');
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(`${path} is a folder, not a CSV file`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return createReadStream(path, { highWaterMark: PEEK_BYTES });
}

function readFailure(path: string, error: Error): InputError {
  const gz = /incorrect header|unexpected end|invalid/i.test(error.message) ? ' (the gzip data is damaged)' : '';
  return new InputError(`cannot read ${describe(path)}${gz}: ${error.message}`, { cause: error });
}

function describe(path: string): string {
  return path === '-' ? 'standard input' : path;
}

/**
 * Windows-1252 accents read as UTF-8 turn into U+FFFD, and retry.csv could no longer give the
 * names back as they were: better to stop and say which flag reads the file right.
 */
function isUtf8Name(encoding: string): boolean {
  return /^utf-?8$/i.test(encoding);
}

function checkUtf8(path: string, bytes: { head: Buffer; ended: boolean }, encoding: string): void {
  if (!isUtf8Name(encoding)) return;
  const line = firstNonUtf8Line(bytes.head, bytes.ended);
  if (line === undefined) return;
  const likely = guessEncoding(bytes.head);
  throw new InputError(
    `${describe(path)} is not UTF-8 text (line ${line} has bytes UTF-8 does not allow); it looks like ${likely}: pass --encoding ${likely}`,
  );
}

/** Excel's "sep=;" hint line names the delimiter; otherwise the header line shows it. */
function delimiterOf(line: string): Delimiter {
  const hint = /^sep=(.)$/i.exec(line)?.[1];
  return hint === ',' || hint === ';' || hint === '\t' || hint === '|' ? hint : detectDelimiter(line);
}

/** The first line with something on it: blank lines above the header are skipped by the reader too. */
function firstLine(text: string): string {
  const clean = text.replace(/^\uFEFF/, '').replace(/^(?:[ \t]*\r?\n)+/, '');
  const end = clean.search(/[\r\n]/);
  return end === -1 ? clean : clean.slice(0, end);
}

/** Reads at least `min` bytes (or all there is) and hands back a stream that replays them first. */
async function peek(readable: Readable, min: number, path: string): Promise<{ head: Buffer; ended: boolean; stream: Readable }> {
  const iterator = readable[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  try {
    while (size < min) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch (error) {
    throw readFailure(path, error as Error);
  }
  const head = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, ended, stream: Readable.from(replay(), { objectMode: false }) };
}
