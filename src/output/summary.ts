// Counts what happened in a run and turns it into summary.json and the exit code. Pure
// counting; the pipeline feeds it one row result and one request answer at a time.
import { writeFile } from 'node:fs/promises';
import type { SendOutcome } from '../api/classify.js';
import type { ColumnsRecord } from '../input/mapping.js';
import { ROW_STATUSES, type RowResult, type RowStatus } from '../rows/row-result.js';

export const EXIT = { ok: 0, usage: 1, incomplete: 2, stopped: 3 } as const;

export type StopReason = 'interrupted' | 'credentials_rejected' | 'error_rate_exceeded' | 'input_unreadable';

export interface RunCounts {
  rows: number;
  statuses: Record<RowStatus, number>;
  errorCodes: Record<string, number>;
  requests: number;
  retries: number;
  rateLimited: number;
  httpStatuses: Record<string, number>;
}

export function createCounts(): RunCounts {
  const statuses = Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])) as Record<RowStatus, number>;
  return { rows: 0, statuses, errorCodes: {}, requests: 0, retries: 0, rateLimited: 0, httpStatuses: {} };
}

export function countRow(counts: RunCounts, result: RowResult): void {
  counts.rows++;
  counts.statuses[result.status]++;
  if (result.errorCode) counts.errorCodes[result.errorCode] = (counts.errorCodes[result.errorCode] ?? 0) + 1;
}

export function countRequest(counts: RunCounts, outcome: SendOutcome, isRetry: boolean): void {
  counts.requests++;
  if (isRetry) counts.retries++;
  const key = outcome.httpStatus === undefined ? outcome.kind === 'error' ? outcome.code : 'none' : String(outcome.httpStatus);
  counts.httpStatuses[key] = (counts.httpStatuses[key] ?? 0) + 1;
  if (outcome.httpStatus === 429) counts.rateLimited++;
}

export function exitCodeFor(counts: RunCounts, stop: StopReason | undefined, dryRun = false): number {
  if (stop) return EXIT.stopped;
  // A dry run sends nothing by design: it passes when every row would be sent.
  if (dryRun) return counts.statuses.invalid > 0 ? EXIT.incomplete : EXIT.ok;
  // Report furniture (skipped) is not a row that failed.
  const done = counts.statuses.succeeded + counts.statuses.duplicate + counts.statuses.skipped;
  return done === counts.rows ? EXIT.ok : EXIT.incomplete;
}

export interface Summary {
  input: string;
  outDir: string;
  action: string;
  dryRun: boolean;
  resumed: boolean;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  rows: number;
  statuses: Record<RowStatus, number>;
  errorCodes: Record<string, number>;
  requestsSent: number;
  retries: number;
  rateLimited: number;
  httpStatuses: Record<string, number>;
  requestsPerSecond: number;
  rateLimit: number;
  stoppedBecause: StopReason | null;
  /** Which column was used for each role, and the mapping line as printed. */
  columns?: ColumnsRecord;
  /** Why the input could not be read to its end, when that stopped the run. */
  inputError?: string;
  /** A run of one shard (--shard i/n): what `collab-bulk merge` needs to join it with the others. */
  shard?: ShardInfo;
  exitCode: number;
}

export interface ShardInfo {
  index: number;
  count: number;
  /** How retry.csv is written (the input's own delimiter and encoding). */
  delimiter: string;
  encoding: string;
}

export function buildSummary(
  counts: RunCounts,
  run: { input: string; outDir: string; action: string; dryRun: boolean; resumed: boolean; rate: number; started: Date; finished: Date; stop?: StopReason; inputError?: string; sendSeconds: number; columns?: ColumnsRecord; shard?: ShardInfo },
): Summary {
  const duration = (run.finished.getTime() - run.started.getTime()) / 1000;
  return {
    input: run.input,
    outDir: run.outDir,
    action: run.action,
    dryRun: run.dryRun,
    resumed: run.resumed,
    startedAt: run.started.toISOString(),
    finishedAt: run.finished.toISOString(),
    durationSeconds: round(duration),
    rows: counts.rows,
    statuses: counts.statuses,
    errorCodes: counts.errorCodes,
    requestsSent: counts.requests,
    retries: counts.retries,
    rateLimited: counts.rateLimited,
    httpStatuses: counts.httpStatuses,
    requestsPerSecond: run.sendSeconds > 0 ? round(counts.requests / run.sendSeconds) : 0,
    rateLimit: run.rate,
    stoppedBecause: run.stop ?? null,
    ...(run.columns ? { columns: run.columns } : {}),
    ...(run.inputError ? { inputError: run.inputError } : {}),
    ...(run.shard ? { shard: run.shard } : {}),
    exitCode: exitCodeFor(counts, run.stop, run.dryRun),
  };
}

export async function writeSummary(path: string, summary: Summary): Promise<void> {
  await writeFile(path, `${JSON.stringify(summary, null, 2)}\n`);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
