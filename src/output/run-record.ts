// What a person reads about a run besides the counts of summary.json: rows settled so far (for
// the progress bar), the per-second answers (report.html's chart), the error reasons with example
// rows, the first failed rows and how many rows went to retry.csv. Pure: fed by the run's hooks.
import type { SendOutcome } from '../api/classify.js';
import { ROW_STATUSES, type RowResult, type RowStatus } from '../rows/row-result.js';
import { createActivity, recordAnswer, type Activity } from '../run/activity.js';

/** One reason rows did not go through, with how many and the first rows it hit. */
export interface ErrorReason {
  code: string;
  status: RowStatus;
  count: number;
  /** The first row's message: the others with this code say much the same. */
  example: string;
  rows: number[];
}

export interface RunRecord {
  readonly activity: Activity;
  /** Rows settled so far, by status, in whatever order they finished. */
  readonly settled: Record<RowStatus, number>;
  /** Rows not done, grouped by error code, in the order first seen (input order). */
  readonly reasons: Map<string, ErrorReason>;
  /** The first rows not done, in input order, with their reasons. */
  readonly firstFailed: RowResult[];
  /** Rows written to retry.csv. */
  retryRows: number;
  /** In a dry run every valid row is not_attempted by design: not a failure. */
  readonly dryRun: boolean;
}

const EXAMPLE_ROWS = 5;
const FIRST_FAILED = 20;
const DONE: ReadonlySet<RowStatus> = new Set(['succeeded', 'duplicate', 'skipped', 'unchanged']);

export function createRunRecord(startedAt: number, dryRun = false): RunRecord {
  const settled = Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])) as Record<RowStatus, number>;
  return { activity: createActivity(startedAt), settled, reasons: new Map(), firstFailed: [], retryRows: 0, dryRun };
}

export function recordSettled(record: RunRecord, result: RowResult): void {
  record.settled[result.status]++;
}

export function recordAnswerAt(record: RunRecord, outcome: SendOutcome, at: number): void {
  recordAnswer(record.activity, outcome, at);
}

/** A row as written to results.csv (input order, so example rows come out sorted). */
export function recordWritten(record: RunRecord, result: RowResult): void {
  if (result.retryable) record.retryRows++;
  if (DONE.has(result.status) || (record.dryRun && result.status === 'not_attempted')) return;
  if (record.firstFailed.length < FIRST_FAILED) record.firstFailed.push(result);
  const code = result.errorCode ?? result.status;
  const reason = record.reasons.get(code);
  if (reason) {
    reason.count++;
    if (reason.rows.length < EXAMPLE_ROWS) reason.rows.push(result.row);
  } else {
    record.reasons.set(code, { code, status: result.status, count: 1, example: result.errorMessage ?? result.status, rows: [result.row] });
  }
}

/** The reasons hitting the most rows first. */
export function topReasons(record: RunRecord, limit = 5): ErrorReason[] {
  return [...record.reasons.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}
