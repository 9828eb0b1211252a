// Opens the input as decoded text: a file or stdin, gunzipped when it is gzip, decoded from the
// chosen encoding (BOMs stripped, UTF-16 recognised by its BOM), with the header line's
// delimiter detected from the first bytes. Files that are plainly not text fail here, before any request.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, type Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { InputError, UsageError } from '../errors.js';
import { detectDelimiter, type Delimiter } from './delimiter.js';

export interface SourceOptions {
  encoding: string;
  delimiter?: Delimiter;
}

export interface InputSource {
  /** Decoded text chunks, BOM removed. */
  text: Readable;
  delimiter: Delimiter;
  encoding: string;
  gzip: boolean;
}

const PEEK_BYTES = 64 * 1024;

export async function openInput(path: string, options: SourceOptions, stdin: Readable = process.stdin): Promise<InputSource> {
  if (!iconv.encodingExists(options.encoding)) {
    throw new UsageError(`--encoding "${options.encoding}" is not an encoding collab-bulk knows (try utf8, latin1, windows-1252 or utf16le)`);
  }
  let bytes = await peek(path === '-' ? stdin : await openFile(path), PEEK_BYTES);
  const gzip = bytes.head[0] === 0x1f && bytes.head[1] === 0x8b;
  if (gzip) bytes = await peek(bytes.stream.pipe(createGunzip()), PEEK_BYTES);
  const encoding = encodingFromBom(bytes.head) ?? options.encoding;
  if (bytes.head.length === 0) throw new InputError(`${describe(path)} is empty: there is no header line and no rows`);
  if (looksBinary(bytes.head, encoding)) throw new InputError(`${describe(path)} is not a CSV file: it holds binary data`);
  const headText = iconv.decode(bytes.head, encoding);
  const delimiter = options.delimiter ?? detectDelimiter(firstLine(headText));
  const decoder = iconv.decodeStream(encoding, { stripBOM: true }) as unknown as Transform;
  bytes.stream.on('error', (error) => decoder.destroy(readFailure(path, error)));
  return { text: bytes.stream.pipe(decoder), delimiter, encoding, gzip };
}

async function openFile(path: string): Promise<Readable> {
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

function encodingFromBom(head: Buffer): string | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  return undefined;
}

/** NUL bytes (outside UTF-16) or many control characters mean this is not a text export. */
function looksBinary(head: Buffer, encoding: string): boolean {
  if (encoding.startsWith('utf16') || encoding.startsWith('ucs2')) return false;
  const sample = head.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control > sample.length * 0.1;
}

function firstLine(text: string): string {
  const clean = text.replace(/^\uFEFF/, '');
  const end = clean.search(/\r?\n/);
  return end === -1 ? clean : clean.slice(0, end);
}

/** Reads at least `min` bytes (or all there is) and hands back a stream that replays them first. */
async function peek(readable: Readable, min: number): Promise<{ head: Buffer; stream: Readable }> {
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
    throw readFailure('input', error as Error);
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
  return { head, stream: Readable.from(replay(), { objectMode: false }) };
}
