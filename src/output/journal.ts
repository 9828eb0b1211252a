// The crash-safe record of rows that reached the API: one JSON line per settled row, written
// synchronously as the row settles, so a kill -9 loses at most a torn last line. --resume reads
// it back; rows that never reached the API are recomputed from the input instead.
import { closeSync, createReadStream, existsSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RowResult } from '../rows/row-result.js';

export const JOURNAL_FILE = 'journal.jsonl';

export interface Journal {
  append(result: RowResult): void;
  close(): void;
}

export function openJournal(path: string): Journal {
  const fd = openSync(path, 'a+');
  endTornLine(fd);
  // Rows that settle in the same answer (coalesced rows of one chat) share one write: they are
  // gathered while that answer is handled, and a microtask writes them before any other I/O runs.
  let pending = '';
  const write = (): void => {
    if (pending === '') return;
    const lines = pending;
    pending = '';
    writeSync(fd, lines);
  };
  return {
    append(result) {
      if (pending === '') queueMicrotask(write);
      pending += `${JSON.stringify(result)}\n`;
    },
    close() {
      write();
      closeSync(fd);
    },
  };
}

/** A crash can leave half a line at the end; without a newline the next entry would be glued to it and lost. */
function endTornLine(fd: number): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] !== 0x0a) writeSync(fd, '\n');
}

/** Rows already settled by an earlier run in the same out dir. A torn or foreign line is skipped. */
export async function loadJournal(path: string): Promise<Map<number, RowResult>> {
  const settled = new Map<number, RowResult>();
  if (!existsSync(path)) return settled;
  // Line by line: the journal of a million-row run is ~100 MB, not something to hold as one string.
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    try {
      const result = JSON.parse(line) as RowResult;
      if (Number.isInteger(result.row) && typeof result.status === 'string') settled.set(result.row, result);
    } catch {
      // A line torn by a crash: that row simply runs again.
    }
  }
  return settled;
}
