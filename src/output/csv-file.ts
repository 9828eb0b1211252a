// A CSV file written as rows finish: records are gathered and turned into text by csv-stringify a
// chunk at a time, so a busy run makes one file write per chunk instead of one per row, optionally
// re-encoded, with backpressure surfaced to the caller and a close that resolves once every byte
// is on disk.
import { createWriteStream, openSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { stringify, type Options } from 'csv-stringify/sync';
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
  /** Hears the first write error (a full disk): the run must stop sending rather than find out at the end. */
  onError?(error: Error): void;
}

/** Records gathered before they are written; a quieter run flushes after FLUSH_MS instead. */
const CHUNK_RECORDS = 128;
const FLUSH_MS = 100;

export function createCsvFile(path: string, options: CsvFileOptions = {}): CsvFile {
  const delimiter = options.delimiter ?? ',';
  const encoding = options.encoding ?? 'utf8';
  const plainUtf8 = /^utf-?8$/i.test(encoding);
  // Opened here, not in the stream, so a path that cannot be written (a folder, no permission)
  // throws before the run sends anything.
  const file = createWriteStream(path, { fd: openSync(path, 'w') });
  let failure: Error | undefined;
  file.on('error', (error) => {
    if (failure) return;
    failure = error;
    options.onError?.(error);
  });
  const format = csvOptions(delimiter);
  let pending: (readonly string[])[] = [];
  let first = true;
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;

  const flush = (): boolean => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0 || failure) return !failure && !file.writableNeedDrain;
    const text = stringify(pending, format);
    pending = [];
    const bom = first && Boolean(options.bom);
    first = false;
    return file.write(plainUtf8 ? (bom ? `\uFEFF${text}` : text) : iconv.encode(text, encoding, { addBOM: bom }));
  };

  return {
    write(record) {
      pending.push(record);
      if (failure) return true;
      if (pending.length >= CHUNK_RECORDS) return flush();
      timer ??= setTimeout(flush, FLUSH_MS);
      return !file.writableNeedDrain;
    },
    drained() {
      if (!file.writableNeedDrain || failure) return Promise.resolve();
      draining ??= new Promise<void>((resolve) => {
        const done = (): void => {
          file.off('drain', done).off('error', done);
          draining = undefined;
          resolve();
        };
        file.on('drain', done).on('error', done);
      });
      return draining;
    },
    async close() {
      flush();
      file.end();
      await finished(file);
      if (failure) throw failure;
    },
  };
}

/** How every collab-bulk CSV is written; a lone CR is quoted too, so no reader takes it for a line break. */
function csvOptions(delimiter: string): Options {
  return { delimiter, eof: true, record_delimiter: '\n', quote_record_delimiter: true };
}
