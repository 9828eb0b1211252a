// Batches the state's writes into one transaction, committed every `maxWrites` writes or
// `maxAgeMs` after the first, whichever comes first, and at close. A commit is what makes records
// durable: WAL with synchronous=NORMAL survives a killed process (kill -9) once committed, and a kill
// before the commit loses only the open batch, whose pairs the state then does not hold as applied,
// so the next run simply sends them again. One commit per pair would cost a WAL write per pair.
// Lookups run inside the open batch too: in WAL mode a statement outside a transaction opens and
// ends a read transaction of its own, which costs about twice the lookup itself.
import type Database from 'better-sqlite3';

export interface WriteBatchOptions {
  maxWrites: number;
  maxAgeMs: number;
}

export const BATCH_DEFAULTS: WriteBatchOptions = { maxWrites: 1000, maxAgeMs: 50 };

/**
 * `begin` is BEGIN IMMEDIATE for a run (it takes the write lock at once, waiting out a starting
 * run's brief look at the lock table) and plain BEGIN for a read-only plan, which writes only
 * its temp tables. A commit that fails on the timer (a full disk) goes to `onError`, once; the
 * batch then writes nothing more, and close() returns that error.
 */
export class WriteBatch {
  private writes = 0;
  private timer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly begin: 'BEGIN IMMEDIATE' | 'BEGIN',
    private readonly onError: (error: Error) => void,
    private readonly options: WriteBatchOptions = BATCH_DEFAULTS,
  ) {}

  /**
   * Runs `write` inside the open batch (opening one if needed); reads on this connection see it at
   * once. `rows`: how many rows the write holds, so that a batch holds about `maxWrites` rows
   * however they were written, and its dirty pages stay few.
   */
  write(write: () => void, rows = 1): void {
    if (this.failure) return;
    try {
      if (!this.db.inTransaction) this.open();
      write();
      if ((this.writes += rows) >= this.options.maxWrites) this.commit();
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /**
   * Runs `read` inside the open batch (opening one if needed) and returns what it read. A read does
   * not count towards `maxWrites`: it holds nothing that a commit makes durable.
   */
  read<T>(read: () => T): T {
    if (!this.failure && !this.db.inTransaction) {
      try {
        this.open();
      } catch (error) {
        // The read still happens, in a transaction of its own.
        this.fail(error as Error);
      }
    }
    return read();
  }

  /** Commits the open batch; returns the first failure of this batch's life, if any. */
  commit(): Error | undefined {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writes = 0;
    try {
      if (!this.failure && this.db.inTransaction) this.db.exec('COMMIT');
    } catch (error) {
      this.fail(error as Error);
    }
    return this.failure;
  }

  private open(): void {
    this.db.exec(this.begin);
    // unref: a pending commit never keeps the process alive; close() and the exit hook commit it.
    this.timer = setTimeout(() => this.commit(), this.options.maxAgeMs).unref();
  }

  private fail(error: Error): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    if (this.failure) return;
    this.failure = error;
    this.onError(error);
  }
}
