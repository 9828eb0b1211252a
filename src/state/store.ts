// The nightly state (--state FILE): what collab-bulk has done to every (WABA, customer, agent) pair
// across runs, in one SQLite file. The run asks it which pairs are already applied (not sent again),
// records each pair as it settles, and for --mirror lists the pairs it added that the input no longer
// names. Durability: records are committed in batches (write-batch.ts); a killed run leaves a true
// state that lacks at most its last ~50 ms of records, whose pairs the next run sends again.
import type Database from 'better-sqlite3';
import { realpathSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { pairKey, type Pair, type PairAction, type PairRecord } from '../rows/pair.js';
import { shardLabel, type Shard } from '../run/shard.js';
import { openStateFile, type StateMode } from './open-file.js';
import { isAppliedState, PAIR_COLUMNS, pairFromKey, stateFromRow, storedKey, type PairKey, type PairRow, type PairState } from './pair-state.js';
import { NamedPairs } from './named-pairs.js';
import { readCounts, readHistory, readRuns, type PairEvent, type RunLine, type StateCounts } from './readings.js';
import { acquireStateLock, type StateLock } from './state-lock.js';
import { BATCH_DEFAULTS, WriteBatch, type WriteBatchOptions } from './write-batch.js';

export interface OpenStateOptions {
  /** The run's --shard; a state is bound to the shard (or none) it was created with. */
  shard?: Shard;
  /**
   * run (default): created on first use, one run at a time, writable. plan: read only, no lock; a
   * state that does not exist yet reads as empty. read: read only, no lock, any shard; must exist.
   */
  mode?: StateMode;
  /** How messages name the file; default `--state <path>`. */
  label?: string;
  /** Hears the first write that failed (a full disk): the run should stop sending. */
  onError?: (error: Error) => void;
  batch?: WriteBatchOptions;
}

export interface RunStart {
  input: string;
  outDir?: string;
  action: PairAction;
  mirror?: boolean;
  startedAt?: Date;
}

export interface RemovalFigures {
  /** Pairs --mirror would remove. */
  planned: number;
  /** Pairs the state holds as added (what a --max-removals percentage is of). */
  added: number;
}

/** Events (pair history) are kept for this many runs; the pairs table keeps every pair's last state for good. */
export const HISTORY_RUNS = 100;
const PAGE_SIZE = 1000;
const NO_RUN = -1;

export function openState(path: string, options: OpenStateOptions = {}): StateStore {
  const mode = options.mode ?? 'run';
  const label = options.label ?? `--state ${path}`;
  const wanted = options.shard === undefined ? '' : shardLabel(options.shard);
  const now = Date.now();
  const file = openStateFile(path, mode, label, wanted, now);
  try {
    if (mode !== 'read') checkShard(file.shard, wanted, label);
    const lock = mode === 'run' ? acquireStateLock(file.db, realpathSync(path), label, now) : undefined;
    return new StateStore(file.db, mode, file.shard, lock, options);
  } catch (error) {
    file.db.close();
    throw error;
  }
}

function checkShard(stored: string, wanted: string, label: string): void {
  if (stored === wanted) return;
  const owner = stored === '' ? 'a run without --shard' : `shard ${stored}`;
  const asked = wanted === '' ? 'a run without --shard' : `--shard ${wanted}`;
  throw new UsageError(`${label} belongs to ${owner}, not ${asked}: each shard keeps its own state, so name the state file of this shard (or a new file)`);
}

export class StateStore {
  private readonly batch: WriteBatch;
  private readonly select: Database.Statement;
  private readonly named: NamedPairs;
  private readonly upsert: Database.Statement | undefined;
  private readonly insertEvent: Database.Statement | undefined;
  private failure: Error | undefined;
  private closed = false;
  private readonly closeOnExit = (): void => void this.close();

  /** Use openState. */
  constructor(
    private readonly db: Database.Database,
    readonly mode: StateMode,
    /** The shard this state belongs to, as i/n, or '' for none. */
    readonly shard: string,
    private readonly lock: StateLock | undefined,
    options: OpenStateOptions,
  ) {
    const onError = (error: Error): void => {
      this.failure ??= error;
      options.onError?.(error);
    };
    this.batch = new WriteBatch(db, mode === 'run' ? 'BEGIN IMMEDIATE' : 'BEGIN', onError, options.batch ?? BATCH_DEFAULTS);
    // raw: an array per row rather than an object with named keys, a third cheaper per lookup.
    this.select = db.prepare(`SELECT ${PAIR_COLUMNS.join(', ')} FROM pairs WHERE waba = ? AND customer = ? AND agent = ?`).raw();
    this.named = new NamedPairs(db, (write, rows) => this.batch.write(write, rows));
    if (mode === 'run') {
      this.upsert = db.prepare(
        `INSERT INTO pairs (waba, customer, agent, action, outcome, code, http_status, retryable, added, at, run_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (waba, customer, agent) DO UPDATE SET action = excluded.action, outcome = excluded.outcome,
           code = excluded.code, http_status = excluded.http_status, retryable = excluded.retryable,
           added = CASE WHEN excluded.outcome = 'applied' THEN excluded.added ELSE pairs.added END,
           at = excluded.at, run_id = excluded.run_id`,
      );
      this.insertEvent = db.prepare(
        `INSERT INTO pair_events (waba, customer, agent, run_id, at, row, action, outcome, code, http_status, retryable, message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      process.on('exit', this.closeOnExit);
    }
  }

  /** Starts a run's line in the runs table (committed at once) and returns its id. */
  beginRun(info: RunStart): number {
    this.writable();
    this.batch.commit();
    const startedAt = info.startedAt ?? new Date();
    const shard = this.shard === '' ? null : this.shard;
    const id = this.db
      .prepare('INSERT INTO runs (started_at, input, out_dir, action, mirror, shard, pid) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(startedAt.getTime(), info.input, info.outDir ?? null, info.action, info.mirror ? 1 : 0, shard, process.pid).lastInsertRowid;
    this.pruneHistory();
    return Number(id);
  }

  /** The pair's last recorded action and outcome, or undefined when nothing was ever sent for it. */
  lookup(pair: Pair): PairState | undefined {
    const key = storedKey(pair);
    return key === undefined ? undefined : this.lookupKey(key);
  }

  private lookupKey(key: PairKey): PairState | undefined {
    const row = this.batch.read(() => this.select.get(key[0], key[1], key[2])) as PairRow | undefined;
    return row === undefined ? undefined : stateFromRow(row);
  }

  /** A pair whose last action is an applied add: not sent again. */
  isApplied(pair: Pair): boolean {
    return isAppliedState(this.lookup(pair));
  }

  /** lookup() for a pair the input names, also remembering that it was named (call it for every pair when --mirror). */
  see(pair: Pair): PairState | undefined {
    // Per pair of every night's input: the key is made once for both statements.
    const key = storedKey(pair);
    if (key === undefined) return undefined;
    const state = this.lookupKey(key);
    // A pair the state did not add is never removed by --mirror, so it needs no mark.
    if (state?.added) this.named.add(key);
    return state;
  }

  /** Marks every pair the state added in a chat as named (a row names the chat but its agents cannot be read): --mirror leaves the chat alone. */
  seeChat(waba: string, customer: string): void {
    const key = storedKey({ waba, customer, agent: '1' });
    if (key === undefined) return;
    this.named.addChat(key[0], key[1]);
  }

  /**
   * Records a settled pair (batched; durable at the next commit). A not_attempted outcome changes
   * nothing: nothing was sent, so the pair keeps its last state and is simply sent next time.
   */
  recordPair(record: PairRecord, runId: number): void {
    this.writable();
    const outcome = record.outcome;
    if (outcome.kind === 'not_attempted') return;
    const key = storedKey(record);
    if (key === undefined) throw new Error(`pair ${pairKey(record)} is not three E.164 numbers`);
    const at = Date.now();
    const code = outcome.kind === 'failed' ? outcome.code : null;
    const retryable = outcome.kind === 'failed' ? (outcome.retryable ? 1 : 0) : null;
    const added = outcome.kind === 'applied' && record.action === 'add' ? 1 : 0;
    const status = outcome.httpStatus ?? null;
    const message = outcome.kind === 'failed' ? outcome.message : null;
    const upsert = this.upsert as Database.Statement;
    const insertEvent = this.insertEvent as Database.Statement;
    this.batch.write(() => {
      upsert.run(...key, record.action, outcome.kind, code, status, retryable, added, at, runId);
      insertEvent.run(...key, runId, at, record.row, record.action, outcome.kind, code, status, retryable, message);
    });
  }

  /** Commits the records written so far; returns the first write failure, if any. */
  flush(): Error | undefined {
    return this.batch.commit() ?? this.failure;
  }

  /** How many pairs stand where (one scan of the pairs table). */
  counts(): StateCounts {
    this.batch.commit();
    return readCounts(this.db);
  }

  /** Pairs whose last action is an applied add (one scan). */
  countApplied(): number {
    return this.counts().applied;
  }

  /** Pairs --mirror would remove: added by collab-bulk, not named by this input (see()), not settled by this run. */
  removalCount(runId: number = NO_RUN): number {
    return this.removalFigures(runId).planned;
  }

  /** What the removal guard weighs, in one scan of the pairs table: removalCount() and the pairs the state holds as added. */
  removalFigures(runId: number = NO_RUN): RemovalFigures {
    const removable = this.removable();
    this.batch.commit();
    const [planned, added] = this.db.prepare(`SELECT count(*) FILTER (WHERE ${removable}), coalesce(sum(added), 0) FROM pairs p`).raw().get(runId) as [number, number];
    return { planned, added };
  }

  /** The pairs removalCount() counts, in key order, read a page at a time (never all in memory). */
  removalCandidates(runId: number = NO_RUN, pageSize = PAGE_SIZE): Generator<Pair> {
    return this.pages(`${this.removable()} AND`, [runId], pageSize);
  }

  /** Every pair collab-bulk added and has not removed since, a page at a time. */
  addedPairs(pageSize = PAGE_SIZE): Generator<Pair> {
    return this.pages('added = 1 AND', [], pageSize);
  }

  /** Ends the run's line: its counts (as summary.json has them) and exit code. */
  endRun(runId: number, counts: Readonly<Record<string, unknown>>, exitCode: number, endedAt = new Date()): void {
    this.writable();
    this.batch.commit();
    this.db.prepare('UPDATE runs SET ended_at = ?, counts = ?, exit_code = ? WHERE id = ?').run(endedAt.getTime(), JSON.stringify(counts), exitCode, runId);
  }

  /** The last `limit` runs, newest first. */
  runs(limit = 10): RunLine[] {
    return readRuns(this.db, limit);
  }

  /** What the state kept of one pair, oldest first (the last HISTORY_RUNS runs). */
  history(pair: Pair): PairEvent[] {
    const key = storedKey(pair);
    return key === undefined ? [] : readHistory(this.db, key);
  }

  /** Commits what is pending, gives the lock back and closes the file; returns the first write failure. */
  close(): Error | undefined {
    if (this.closed) return this.failure;
    this.closed = true;
    process.off('exit', this.closeOnExit);
    this.batch.commit();
    try {
      this.lock?.release();
    } finally {
      this.db.close();
    }
    return this.failure;
  }

  private *pages(where: string, params: number[], pageSize: number): Generator<Pair> {
    this.batch.commit();
    // Keyset paging with a fresh query per page: no statement stays open between pages, so the run
    // can record removals on this connection while it walks the list.
    const page = this.db.prepare(
      `SELECT waba, customer, agent FROM pairs p WHERE ${where} (waba, customer, agent) > (?, ?, ?) ORDER BY waba, customer, agent LIMIT ?`,
    );
    let after: PairKey = [0, 0, 0];
    for (;;) {
      const rows = page.all(...params, ...after, pageSize) as { waba: number; customer: number; agent: number }[];
      for (const row of rows) yield pairFromKey(row);
      const last = rows.at(-1);
      if (last === undefined || rows.length < pageSize) return;
      after = [last.waba, last.customer, last.agent];
    }
  }

  private pruneHistory(): void {
    const cutoff = this.db.prepare('SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?').pluck().get(HISTORY_RUNS) as number | undefined;
    if (cutoff === undefined) return;
    // Event ids grow with the runs (one run at a time), so the old events are a prefix of the table.
    const firstKept = this.db.prepare('SELECT id FROM pair_events WHERE run_id > ? ORDER BY id LIMIT 1').pluck().get(cutoff) as number | undefined;
    if (firstKept === undefined) this.db.prepare('DELETE FROM pair_events WHERE run_id <= ?').run(cutoff);
    else this.db.prepare('DELETE FROM pair_events WHERE id < ?').run(firstKept);
  }

  /** The SQL condition, on `pairs p` and a run id, that --mirror removes p. */
  private removable(): string {
    return `added = 1 AND run_id <> ? AND NOT ${this.named.condition()}`;
  }

  private writable(): void {
    if (this.mode !== 'run') throw new Error(`the state was opened for ${this.mode}, not to record a run`);
    if (this.closed) throw new Error('the state is closed');
  }
}

