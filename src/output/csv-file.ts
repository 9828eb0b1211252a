// A CSV file written as a stream: csv-stringify into a file, optionally re-encoded, with
// backpressure surfaced to the caller and a close that resolves once every byte is on disk.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import iconv from 'iconv-lite';

export interface CsvFile {
  /** Returns false when the caller should await `drained()` before writing more. */
  write(record: readonly string[]): boolean;
  drained(): Promise<void>;
  close(): Promise<void>;
}

export interface CsvFileOptions {
  delimiter?: string;
  /** Text encoding of the file (default utf8). */
  encoding?: string;
  /** Start the file with a byte-order mark (Excel needs it to read UTF-8 accents). */
  bom?: boolean;
}

export function createCsvFile(path: string, options: CsvFileOptions = {}): CsvFile {
  // A lone CR must be quoted too, or a reader splits the record there.
  const stringifier = stringify({ delimiter: options.delimiter ?? ',', bom: false, eof: true, record_delimiter: '\n', quoted_match: /\r/ });
  const encoding = options.encoding ?? 'utf8';
  const plainUtf8 = /^utf-?8$/i.test(encoding);
  // iconv's encoder takes strings only; csv-stringify hands on Buffers unless told otherwise.
  if (!plainUtf8) stringifier.setEncoding('utf8');
  const file = createWriteStream(path);
  if (options.bom && plainUtf8) file.write('\uFEFF');
  const done = plainUtf8
    ? pipeline(stringifier, file)
    : pipeline(stringifier, iconv.encodeStream(encoding, { addBOM: Boolean(options.bom) }) as unknown as Transform, file);
  done.catch(() => undefined);

  return {
    write: (record) => stringifier.write(record),
    drained: () =>
      stringifier.writableNeedDrain ? new Promise((resolve) => stringifier.once('drain', () => resolve())) : Promise.resolve(),
    async close() {
      stringifier.end();
      await done;
    },
  };
}
