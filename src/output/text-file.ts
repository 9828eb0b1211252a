// A text file written as rows finish, for files whose lines are already text (retry.csv gives
// back the input's records as they were read): gathered a chunk at a time, encoded in the input's
// encoding, with backpressure surfaced to the caller and a close that resolves once every byte is on disk.
import { createWriteStream, openSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';

export interface TextFile {
  /** Returns false when the caller should await `drained()` before writing more. */
  write(text: string): boolean;
  drained(): Promise<void>;
  close(): Promise<void>;
}

/** Characters gathered before they are written; a quieter run flushes after FLUSH_MS instead. */
const CHUNK_CHARS = 64 * 1024;
const FLUSH_MS = 100;

export function createTextFile(path: string, options: { encoding: string; bom: boolean; onError?(error: Error): void }): TextFile {
  const plainUtf8 = /^utf-?8$/i.test(options.encoding);
  // Opened here, not in the stream, so a path that cannot be written throws before anything is sent.
  const file = createWriteStream(path, { fd: openSync(path, 'w') });
  let failure: Error | undefined;
  file.on('error', (error) => {
    if (failure) return;
    failure = error;
    options.onError?.(error);
  });
  let pending = '';
  let first = true;
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;

  const flush = (): boolean => {
    clearTimeout(timer);
    timer = undefined;
    if ((pending === '' && !first) || failure) return !failure && !file.writableNeedDrain;
    const bom = first && options.bom;
    first = false;
    const text = pending;
    pending = '';
    if (text === '' && !bom) return !file.writableNeedDrain;
    return file.write(plainUtf8 ? (bom ? `\uFEFF${text}` : text) : iconv.encode(text, options.encoding, { addBOM: bom }));
  };

  return {
    write(text) {
      pending += text;
      if (pending.length >= CHUNK_CHARS) return flush();
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
