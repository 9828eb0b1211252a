// What --resume takes from the journal: the rows that already have a final result (kept as they
// are, whatever this session's planning says), the pairs already applied of rows that are not
// final (not sent again), and what the earlier sessions did. A row not sent, or one that ended
// retryable, is sent again whatever stopped the run (Ctrl-C, a rejected key, a crash). Memory stays
// flat in the file's size: the journal is streamed once and only the byte offset of each such
// row's line is kept (8 bytes a row); the line is read back from the journal when needed.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import type { PairOutcome } from '../rows/pair.js';
import type { RowResult } from '../rows/row-result.js';
import { addCounts, NO_PRIOR_SESSIONS, type PriorSessions } from './summary.js';
import type { JournalLine, JournalPair, RowLine, SessionRecord } from './journal.js';

const CHUNK = 1024 * 1024;

/** A result the rerun must not redo: it went through, or failed for a reason a resend will not fix. */
export function isFinal(result: RowResult): boolean {
  return result.status !== 'not_attempted' && !result.retryable;
}

export class ResumeState {
  /** offsets[row] = byte offset + 1 of the row's final line; minus that for a row not final with pairs applied; 0 = nothing to keep. */
  private offsets = new Float64Array(0);
  private fd: number | undefined;
  finalRows = 0;
  prior: PriorSessions = { ...NO_PRIOR_SESSIONS, httpStatuses: {} };

  static empty(): ResumeState {
    return new ResumeState();
  }

  /** Streams the journal once; a torn or foreign line is skipped (that row simply runs again). */
  static load(path: string): ResumeState {
    const state = new ResumeState();
    if (!existsSync(path)) return state;
    state.fd = openSync(path, 'r');
    const tally = new SessionTally();
    forEachLine(state.fd, (text, offset) => {
      const entry = parse(text);
      if (!entry) return;
      if ('sessionStart' in entry) tally.start(entry.sessionStart);
      else if ('sessionEnd' in entry) tally.end(entry.sessionEnd);
      else {
        tally.row(entry);
        state.record(entry, offset);
      }
    });
    state.prior = tally.finish();
    return state;
  }

  /** The row's final result from an earlier session, read back from the journal. */
  finalResult(row: number): RowLine | undefined {
    const at = this.offsetOf(row);
    return at > 0 ? this.lineAt(at) : undefined;
  }

  /** For a row not final: the pairs an earlier session applied, by agent digits (not sent again). */
  carried(row: number): ReadonlyMap<string, PairOutcome> | undefined {
    const at = this.offsetOf(row);
    if (at >= 0) return undefined;
    const applied = (this.lineAt(-at)?.pairs ?? []).filter((pair) => pair.outcome.kind === 'applied');
    return new Map(applied.map((pair) => [pair.agent, pair.outcome]));
  }

  private offsetOf(row: number): number {
    return row < this.offsets.length && this.fd !== undefined ? this.offsets[row]! : 0;
  }

  private lineAt(at: number): RowLine | undefined {
    const entry = parse(readLineAt(this.fd!, at - 1));
    return entry && 'row' in entry ? entry : undefined;
  }

  /** Bytes held for the rows: 8 per row up to the last final one (doubling as it grows), nothing per result. */
  get byteLength(): number {
    return this.offsets.byteLength;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private record(line: RowLine, offset: number): void {
    const { row } = line;
    const final = isFinal(line);
    const keep = final || carriesPairs(line.pairs);
    if (row >= this.offsets.length) {
      if (!keep) return;
      const grown = new Float64Array(Math.max(1024, row + 1, this.offsets.length * 2));
      grown.set(this.offsets);
      this.offsets = grown;
    }
    // A later line for the same row (a later session, or a revised result) replaces the earlier one.
    const was = this.offsets[row]! > 0;
    this.offsets[row] = keep ? (final ? offset + 1 : -(offset + 1)) : 0;
    this.finalRows += Number(final) - Number(was);
  }
}

function carriesPairs(pairs: readonly JournalPair[] | undefined): boolean {
  return pairs?.some((pair) => pair.outcome.kind === 'applied') ?? false;
}

/** Adds up the sessions; one killed before its end line is counted from the rows it journaled. */
class SessionTally {
  private readonly totals: PriorSessions = { ...NO_PRIOR_SESSIONS, httpStatuses: {} };
  private open = false;
  private openAttempts = 0;
  private sawRows = false;

  start(at: string): void {
    this.close();
    this.totals.sessions++;
    this.totals.startedAt ??= at;
    this.open = true;
  }

  row(result: RowResult): void {
    this.sawRows = true;
    this.openAttempts += result.attempts;
  }

  end(record: SessionRecord): void {
    const t = this.totals;
    if (!this.open) t.sessions++;
    t.startedAt ??= record.startedAt;
    t.requests += record.requests;
    t.retries += record.retries;
    t.rateLimited += record.rateLimited;
    t.httpStatuses = addCounts(t.httpStatuses, record.httpStatuses);
    t.durationSeconds += Math.max(0, (Date.parse(record.finishedAt) - Date.parse(record.startedAt)) / 1000);
    t.sendSeconds += record.sendSeconds;
    this.open = false;
    this.openAttempts = 0;
  }

  finish(): PriorSessions {
    this.close();
    // A journal from before session lines existed is one session.
    if (this.totals.sessions === 0 && this.sawRows) this.totals.sessions = 1;
    return this.totals;
  }

  private close(): void {
    if (this.open) this.totals.requests += this.openAttempts;
    this.open = false;
    this.openAttempts = 0;
  }
}

function parse(text: string): JournalLine | undefined {
  if (!text) return undefined;
  try {
    const entry = JSON.parse(text) as unknown;
    if (!entry || typeof entry !== 'object') return undefined;
    if ('sessionStart' in entry || 'sessionEnd' in entry) return entry as JournalLine;
    const result = entry as RowResult;
    return Number.isInteger(result.row) && result.row > 0 && typeof result.status === 'string' ? result : undefined;
  } catch {
    return undefined;
  }
}

function forEachLine(fd: number, each: (text: string, offset: number) => void): void {
  const buffer = Buffer.alloc(CHUNK);
  let carry = Buffer.alloc(0);
  let carryAt = 0;
  let position = 0;
  for (;;) {
    const read = readSync(fd, buffer, 0, CHUNK, position);
    if (read === 0) break;
    let chunk = buffer.subarray(0, read);
    let chunkAt = position;
    if (carry.length > 0) {
      chunk = Buffer.concat([carry, chunk]);
      chunkAt = carryAt;
    }
    position += read;
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      each(chunk.toString('utf8', start, nl), chunkAt + start);
      start = nl + 1;
    }
    carry = Buffer.from(chunk.subarray(start));
    carryAt = chunkAt + start;
  }
  if (carry.length > 0) each(carry.toString('utf8'), carryAt);
}

function readLineAt(fd: number, offset: number): string {
  let size = 4096;
  for (;;) {
    const buffer = Buffer.alloc(size);
    const read = readSync(fd, buffer, 0, size, offset);
    const nl = buffer.subarray(0, read).indexOf(0x0a);
    if (nl !== -1) return buffer.toString('utf8', 0, nl);
    if (read < size) return buffer.toString('utf8', 0, read);
    size *= 4;
  }
}
