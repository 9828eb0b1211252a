// The crash-safe record of rows that reached the API: one JSON line per settled row with the pairs
// it owns and how each ended (as data: resume never reads a message). A row that sent a request is
// written synchronously at the end of the event-loop turn whose answer settled it, so a kill -9 loses
// only the answers being handled at that moment and at most a torn last line; a row that sent
// nothing (unchanged, invalid, a duplicate) is gathered for up to 20 ms first, since a resume plans
// it again to the same result, and a night of 200,000 unchanged rows would otherwise cost 200,000
// writes (2.5 s of a 14 s run, measured). Each session also
// writes a line when it starts and one with its request counts when it ends, so a resumed run can
// report on the whole job. --resume reads it back through resume-state.ts.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { PairAction, PairOutcome } from '../rows/pair.js';
import type { RowResult } from '../rows/row-result.js';

export const JOURNAL_FILE = 'journal.jsonl';

/** What one session did, written as its last journal line. */
export interface SessionRecord {
  startedAt: string;
  finishedAt: string;
  requests: number;
  retries: number;
  rateLimited: number;
  httpStatuses: Record<string, number>;
  sendSeconds: number;
}

/** One pair the row owns, as it settled: the record resume, merge and the nightly state read. */
export interface JournalPair {
  /** The agent's E.164 digits. */
  agent: string;
  /** The agent as written in the cell. */
  raw: string;
  /** A reassignment row's from-agent (removed); the row's action otherwise. */
  action?: PairAction;
  outcome: PairOutcome;
}

/** A settled row: its result, and the pairs it owns with the chat they belong to. */
export type RowLine = RowResult & { waba?: string; customer?: string; action?: PairAction; pairs?: JournalPair[] };

export type JournalLine = RowLine | { sessionStart: string } | { sessionEnd: SessionRecord };

export interface Journal {
  append(line: RowLine): void;
  endSession(record: SessionRecord): void;
  /** Writes what is pending and closes the file; returns the write error, if the journal could not be completed. */
  close(): Error | undefined;
}

/**
 * `onError` hears the first failed write (a full disk, a file that went away): the run must stop
 * sending. Lines that could not be written are kept and tried again at close, so an answer already
 * received is not dropped while there is any chance to record it.
 */
export function openJournal(path: string, startedAt: Date, onError: (error: Error) => void = () => undefined): Journal {
  let fd: number;
  try {
    fd = openSync(path, 'a+');
  } catch (error) {
    throw new UsageError(`cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): choose another --out`);
  }
  let failure: Error | undefined;
  let pending = '';
  const tryWrite = (): Error | undefined => {
    if (pending === '') return undefined;
    try {
      writeSync(fd, pending);
      pending = '';
      return undefined;
    } catch (error) {
      return error as Error;
    }
  };
  const write = (): void => {
    if (failure) return;
    failure = tryWrite();
    if (failure) onError(failure);
  };
  pending = tornLineEnd(fd) + line({ sessionStart: startedAt.toISOString() });
  write();
  let writeQueued: NodeJS.Immediate | undefined;
  let gathering: NodeJS.Timeout | undefined;
  const writeNow = (): void => {
    clearImmediate(writeQueued);
    writeQueued = undefined;
    clearTimeout(gathering);
    gathering = undefined;
    write();
  };
  return {
    append(result) {
      pending += line(result);
      if (failure) return;
      if (result.attempts > 0) {
        // Rows settled by the answers of one turn of the event loop share one write, made as soon as
        // those answers are handled (setImmediate runs right after the turn's I/O callbacks): one
        // write per answer cost 4% of an unthrottled run's CPU (20 us each), and a kill -9 still
        // loses only answers being handled at that moment, as it did with a write per answer.
        writeQueued ??= setImmediate(writeNow);
      } else if (pending.length >= GATHER_BYTES) writeNow();
      else gathering ??= setTimeout(writeNow, GATHER_MS);
    },
    endSession(record) {
      pending += line({ sessionEnd: record });
    },
    close() {
      clearImmediate(writeQueued);
      clearTimeout(gathering);
      gathering = undefined;
      const error = tryWrite();
      closeSync(fd);
      return error;
    },
  };
}

/** How long, and up to how many bytes, lines of rows that sent nothing wait to share one write. */
const GATHER_MS = 20;
const GATHER_BYTES = 64 * 1024;

function line(entry: JournalLine): string {
  return `${JSON.stringify(entry)}\n`;
}

/** A crash can leave half a line at the end; without a newline the next entry would be glued to it and lost. */
function tornLineEnd(fd: number): string {
  const size = fstatSync(fd).size;
  if (size === 0) return '';
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a ? '' : '\n';
}
