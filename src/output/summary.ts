// Counts what happened in a run and turns it into summary.json and the exit code. Pure
// counting; the pipeline feeds it one row result and one request answer at a time.
import { writeFile } from 'node:fs/promises';
import type { SendOutcome } from '../api/classify.js';
import type { ColumnsRecord } from '../input/mapping.js';
import { ROW_STATUSES, type RowResult, type RowStatus } from '../rows/row-result.js';

export const EXIT = { ok: 0, usage: 1, incomplete: 2, stopped: 3 } as const;

export type StopReason =
  | 'interrupted'
  | 'credentials_rejected'
  | 'error_rate_exceeded'
  | 'input_unreadable'
  /** Nothing went through and every request failed at the network level (refused, DNS, TLS). */
  | 'api_unreachable'
  /** Every request answered 404: the base URL does not lead to the collaborators API. */
  | 'endpoint_not_found'
  /** results.csv, retry.csv or the journal could not be written. */
  | 'output_unwritable'
  /** The server asked for a pause longer than collab-bulk will wait (MAX_SERVER_WAIT_MS). */
  | 'server_wait_too_long'
  /** --redis-url: the shared rate limit stayed unreachable for --redis-wait seconds. */
  | 'redis_unavailable'
  /** --mirror planned more removals than --max-removals allows: none was sent (the adds ran). */
  | 'too_many_removals';

/** What --mirror did with the pairs the state added that the input no longer names. */
export interface RemovalCounts {
  planned: number;
  removed: number;
  failed: number;
  /** Not sent: the guard held them, or the run stopped (or the input was not read to its end). */
  held: number;
}

/** What earlier sessions of a resumed run did: the summary covers the whole job. */
export interface PriorSessions {
  sessions: number;
  startedAt?: string;
  requests: number;
  retries: number;
  rateLimited: number;
  httpStatuses: Record<string, number>;
  durationSeconds: number;
  sendSeconds: number;
}

export const NO_PRIOR_SESSIONS: PriorSessions = { sessions: 0, requests: 0, retries: 0, rateLimited: 0, httpStatuses: {}, durationSeconds: 0, sendSeconds: 0 };

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

/** Counted when a request leaves, so one that never gets an answer (a stop, a crash) still counts. */
export function countSend(counts: RunCounts, isRetry: boolean): void {
  counts.requests++;
  if (isRetry) counts.retries++;
}

export function countAnswer(counts: RunCounts, outcome: SendOutcome): void {
  const key = outcome.httpStatus === undefined ? outcome.kind === 'error' ? outcome.code : 'none' : String(outcome.httpStatus);
  counts.httpStatuses[key] = (counts.httpStatuses[key] ?? 0) + 1;
  if (outcome.httpStatus === 429) counts.rateLimited++;
}

export function exitCodeFor(counts: RunCounts, stop: StopReason | undefined, dryRun = false): number {
  // Outputs that cannot be written before anything was sent are a usage problem: nothing happened.
  if (stop === 'output_unwritable' && counts.requests === 0) return EXIT.usage;
  if (stop) return EXIT.stopped;
  // A dry run sends nothing by design: it passes when every row would be sent.
  if (dryRun) return counts.statuses.invalid > 0 ? EXIT.incomplete : EXIT.ok;
  // Report furniture (skipped) is not a row that failed.
  const done = counts.statuses.succeeded + counts.statuses.duplicate + counts.statuses.skipped + counts.statuses.unchanged;
  return done === counts.rows ? EXIT.ok : EXIT.incomplete;
}

export interface Summary {
  input: string;
  outDir: string;
  action: string;
  dryRun: boolean;
  resumed: boolean;
  /** Sessions this job took (1 + each --resume); the counts below cover all of them. */
  sessions: number;
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
  /** Requests per second never exceeded: --rate N, or --max-rate under --rate auto; 0 = no limit. */
  rateLimit: number;
  /** --rate auto: the pace was found from the API's answers, up to rateLimit. */
  rateAuto: boolean;
  stoppedBecause: StopReason | null;
  /** Which column was used for each role, and the mapping line as printed. */
  columns?: ColumnsRecord;
  /** The sentence that says why the run stopped and what to do, when the reason alone is not enough. */
  stopMessage?: string;
  /** Why the input could not be read to its end, when that stopped the run. */
  inputError?: string;
  /** A run of one shard (--shard i/n): what `collab-bulk merge` needs to join it with the others. */
  shard?: ShardInfo;
  /** What the team directory (GET /team, read before the first send) gave this session. */
  teamDirectory?: TeamDirectoryRecord;
  /** --mirror: the removals planned and what became of them (also in removals.csv). */
  removals?: RemovalCounts;
  exitCode: number;
}

/**
 * read: agents were checked against `members` team members; unavailable: it could not be read
 * (phones were sent as given); rejected: it answered 401; not_checked: --no-team-check or --dry-run.
 */
export type TeamDirectoryRecord =
  | { status: 'read'; members: number }
  | { status: 'unavailable' | 'rejected'; reason: string }
  | { status: 'not_checked' };

export interface ShardInfo {
  index: number;
  count: number;
  /** How retry.csv is written (the input's own delimiter and encoding). */
  delimiter: string;
  encoding: string;
}

export interface RunFacts {
  input: string;
  outDir: string;
  action: string;
  dryRun: boolean;
  resumed: boolean;
  rate: number;
  rateAuto?: boolean;
  started: Date;
  finished: Date;
  stop?: StopReason;
  stopMessage?: string;
  inputError?: string;
  sendSeconds: number;
  prior?: PriorSessions;
  columns?: ColumnsRecord;
  shard?: ShardInfo;
  teamDirectory?: TeamDirectoryRecord;
  removals?: RemovalCounts;
}

export function buildSummary(counts: RunCounts, run: RunFacts): Summary {
  const prior = run.prior ?? NO_PRIOR_SESSIONS;
  const duration = (run.finished.getTime() - run.started.getTime()) / 1000;
  const requests = prior.requests + counts.requests;
  const sendSeconds = prior.sendSeconds + run.sendSeconds;
  return {
    input: run.input,
    outDir: run.outDir,
    action: run.action,
    dryRun: run.dryRun,
    resumed: run.resumed,
    sessions: prior.sessions + 1,
    startedAt: prior.startedAt ?? run.started.toISOString(),
    finishedAt: run.finished.toISOString(),
    durationSeconds: round(prior.durationSeconds + duration),
    rows: counts.rows,
    statuses: counts.statuses,
    errorCodes: counts.errorCodes,
    requestsSent: requests,
    retries: prior.retries + counts.retries,
    rateLimited: prior.rateLimited + counts.rateLimited,
    httpStatuses: addCounts(prior.httpStatuses, counts.httpStatuses),
    requestsPerSecond: sendSeconds > 0 ? round(requests / sendSeconds) : 0,
    rateLimit: run.rate,
    rateAuto: run.rateAuto ?? false,
    stoppedBecause: run.stop ?? null,
    ...(run.columns ? { columns: run.columns } : {}),
    ...(run.stopMessage ? { stopMessage: run.stopMessage } : {}),
    ...(run.inputError ? { inputError: run.inputError } : {}),
    ...(run.shard ? { shard: run.shard } : {}),
    ...(run.teamDirectory ? { teamDirectory: run.teamDirectory } : {}),
    ...(run.removals ? { removals: run.removals } : {}),
    exitCode: exitCodeFor(counts, run.stop, run.dryRun),
  };
}

export function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum = { ...a };
  for (const [key, n] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}

export async function writeSummary(path: string, summary: Summary): Promise<void> {
  await writeFile(path, `${JSON.stringify(summary, null, 2)}\n`);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
