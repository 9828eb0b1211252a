// The file writing both output writers share: items are gathered and turned into text a chunk at a
// time (one file write per chunk, not per row; a quiet run flushes after FLUSH_MS), optionally
// re-encoded, with backpressure surfaced to the caller and a close that resolves once every byte is
// on disk. The first write error is heard at once, so a run stops sending instead of finding out at the end.
import { createWriteStream, openSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';

export interface ChunkedFile<T> {
  /** Returns false when the caller should await `drained()` before writing more. */
  write(item: T): boolean;
  drained(): Promise<void>;
  close(): Promise<void>;
}

export interface ChunkedFileOptions<T> {
  /** Turns a chunk of items into text. */
  format(items: T[]): string;
  /** Items gathered before they are written. */
  chunkItems: number;
  /** Text encoding of the file. */
  encoding: string;
  /** Start the file with a byte-order mark. */
  bom: boolean;
  onError?(error: Error): void;
}

const FLUSH_MS = 100;

export function createChunkedFile<T>(path: string, options: ChunkedFileOptions<T>): ChunkedFile<T> {
  const plainUtf8 = /^utf-?8$/i.test(options.encoding);
  // Opened here, not in the stream, so a path that cannot be written (a folder, no permission)
  // throws before the run sends anything.
  const file = createWriteStream(path, { fd: openSync(path, 'w') });
  let failure: Error | undefined;
  file.on('error', (error) => {
    if (failure) return;
    failure = error;
    options.onError?.(error);
  });
  let pending: T[] = [];
  let first = true;
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;

  const flush = (): boolean => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0 || failure) return !failure && !file.writableNeedDrain;
    const text = options.format(pending);
    pending = [];
    const bom = first && options.bom;
    first = false;
    return file.write(plainUtf8 ? (bom ? `\uFEFF${text}` : text) : iconv.encode(text, options.encoding, { addBOM: bom }));
  };

  return {
    write(item) {
      pending.push(item);
      if (failure) return true;
      if (pending.length >= options.chunkItems) return flush();
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
