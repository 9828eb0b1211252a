// Read-only questions to a state that are not on the run's hot path: how many pairs stand where,
// the last runs, and one pair's history. `collab-bulk state` prints these; the run asks `counts`
// once for the removal guard's denominator. Each is one query; the counts scan the pairs table once.
import type Database from 'better-sqlite3';
import type { RowErrorCode } from '../errors.js';
import type { PairAction } from '../rows/pair.js';
import type { PairKey } from './pair-state.js';

export interface StateCounts {
  /** Pairs the state holds (each has had something sent for it). */
  pairs: number;
  /** Last action add, applied: not sent again. */
  applied: number;
  /** Collaborators through collab-bulk (last applied action add): what --mirror may remove, and --max-removals N% is of. */
  added: number;
  /** Last action remove, applied. */
  removed: number;
  /** Last action failed (sent again by the next run that names the pair), by action. */
  failedAdds: number;
  failedRemovals: number;
  /** Of the failed, those a rerun may fix. */
  failedRetryable: number;
}

export function readCounts(db: Database.Database): StateCounts {
  const row = db
    .prepare(
      `SELECT count(*) AS pairs,
         coalesce(sum(action = 'add' AND outcome = 'applied'), 0) AS applied,
         coalesce(sum(added), 0) AS added,
         coalesce(sum(action = 'remove' AND outcome = 'applied'), 0) AS removed,
         coalesce(sum(action = 'add' AND outcome = 'failed'), 0) AS failedAdds,
         coalesce(sum(action = 'remove' AND outcome = 'failed'), 0) AS failedRemovals,
         coalesce(sum(outcome = 'failed' AND retryable = 1), 0) AS failedRetryable
       FROM pairs`,
    )
    .get() as StateCounts;
  return { ...row };
}

export interface RunLine {
  id: number;
  startedAt: Date;
  /** Absent while the run goes on, or when it was killed before it could end. */
  endedAt?: Date;
  input: string;
  outDir?: string;
  action: PairAction;
  mirror: boolean;
  shard?: string;
  pid: number;
  counts?: Record<string, unknown>;
  exitCode?: number;
}

interface RunRow {
  id: number;
  started_at: number;
  ended_at: number | null;
  input: string;
  out_dir: string | null;
  action: PairAction;
  mirror: number;
  shard: string | null;
  pid: number;
  counts: string | null;
  exit_code: number | null;
}

/** The last `limit` runs, newest first. */
export function readRuns(db: Database.Database, limit: number): RunLine[] {
  const rows = db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit) as RunRow[];
  return rows.map((row) => {
    const run: RunLine = { id: row.id, startedAt: new Date(row.started_at), input: row.input, action: row.action, mirror: row.mirror === 1, pid: row.pid };
    if (row.ended_at !== null) run.endedAt = new Date(row.ended_at);
    if (row.out_dir !== null) run.outDir = row.out_dir;
    if (row.shard !== null) run.shard = row.shard;
    if (row.counts !== null) run.counts = JSON.parse(row.counts) as Record<string, unknown>;
    if (row.exit_code !== null) run.exitCode = row.exit_code;
    return run;
  });
}

export interface PairEvent {
  runId: number;
  at: Date;
  /** The data row of that run's input that owned the pair. */
  row: number;
  action: PairAction;
  outcome: 'applied' | 'failed';
  code?: RowErrorCode;
  httpStatus?: number;
  retryable?: boolean;
  message?: string;
}

interface EventRow {
  run_id: number;
  at: number;
  row: number;
  action: PairAction;
  outcome: 'applied' | 'failed';
  code: string | null;
  http_status: number | null;
  retryable: number | null;
  message: string | null;
}

/** Every event the state keeps for one pair, oldest first. */
export function readHistory(db: Database.Database, key: PairKey): PairEvent[] {
  const rows = db.prepare('SELECT * FROM pair_events WHERE waba = ? AND customer = ? AND agent = ? ORDER BY id').all(...key) as EventRow[];
  return rows.map((row) => {
    const event: PairEvent = { runId: row.run_id, at: new Date(row.at), row: row.row, action: row.action, outcome: row.outcome };
    if (row.code !== null) event.code = row.code as RowErrorCode;
    if (row.http_status !== null) event.httpStatus = row.http_status;
    if (row.retryable !== null) event.retryable = row.retryable === 1;
    if (row.message !== null) event.message = row.message;
    return event;
  });
}
