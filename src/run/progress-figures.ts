// The figures a person watching a run wants, computed from what the run knows at one moment:
// rows settled (in any order) of the total, the total estimated from the bytes read until reading
// ends, the counts so far, retries waiting, the request rate and its limit, the ETA, and the pause
// holding the run up, if any. Pure: the terminal bar and the cron log line both print these.
import type { RowStatus } from '../rows/row-result.js';
import type { Pause } from './activity.js';

/** What the pipeline can say about a run in progress; a display polls it. */
export interface LiveRun {
  readonly rowsRead: number;
  readonly readDone: boolean;
  /** The input file's size in bytes; undefined for standard input. */
  readonly inputBytes: number | undefined;
  readonly bytesRead: number;
  readonly retriesWaiting: number;
  /** Requests per second the limiter allows now (0: no limit). */
  readonly rateLimit: number;
}

export interface ProgressFigures {
  done: number;
  /** Undefined while the total cannot be known (standard input still being read). */
  total?: number;
  totalExact: boolean;
  percent?: number;
  succeeded: number;
  failed: number;
  invalid: number;
  retriesWaiting: number;
  requestsPerSecond: number;
  rateLimit: number;
  /** The rate asked for (--rate): the limit sits below it for a while after a 429. */
  rateCeiling: number;
  etaSeconds?: number;
  elapsedSeconds: number;
  pause?: Pause;
}

export interface FigureInputs {
  live: LiveRun;
  settled: Readonly<Record<RowStatus, number>>;
  requestsPerSecond: number;
  pause?: Pause;
  elapsedSeconds: number;
  rateCeiling: number;
}

export function computeFigures({ live, settled, requestsPerSecond, pause, elapsedSeconds, rateCeiling }: FigureInputs): ProgressFigures {
  const done = Object.values(settled).reduce((sum, n) => sum + n, 0);
  const total = estimateTotal(live);
  const percent = total === undefined || total === 0 ? undefined : Math.min(100, Math.floor((done / total) * 100));
  return {
    done,
    total,
    totalExact: live.readDone,
    percent,
    succeeded: settled.succeeded + settled.duplicate,
    failed: settled.failed + settled.partial,
    invalid: settled.invalid,
    retriesWaiting: live.retriesWaiting,
    requestsPerSecond: Math.round(requestsPerSecond * 10) / 10,
    rateLimit: live.rateLimit,
    rateCeiling,
    etaSeconds: eta(done, total, elapsedSeconds),
    elapsedSeconds,
    ...(pause ? { pause } : {}),
  };
}

/**
 * Exact once reading ended; before that, rows read so far scaled by the share of the file read
 * (no second pass over the file). Standard input has no size, so no total until it ends.
 */
export function estimateTotal(live: LiveRun): number | undefined {
  if (live.readDone) return live.rowsRead;
  if (!live.inputBytes || live.bytesRead <= 0) return undefined;
  const share = Math.min(1, live.bytesRead / live.inputBytes);
  return Math.max(live.rowsRead, Math.round(live.rowsRead / share));
}

function eta(done: number, total: number | undefined, elapsed: number): number | undefined {
  if (total === undefined || done === 0 || elapsed <= 0) return undefined;
  if (done >= total) return 0;
  return Math.round((total - done) / (done / elapsed));
}

/** The figures as one line: "412/~1,000 rows 41% | 380 ok, 12 failed, 20 invalid | ...". */
export function formatFigures(f: ProgressFigures): string {
  const total = f.total === undefined ? '' : `/${f.totalExact ? '' : '~'}${f.total.toLocaleString('en-US')}`;
  const percent = f.percent === undefined ? '' : ` ${f.percent}%`;
  const limit = f.rateLimit > 0 ? ` (limit ${rateLimitText(f)})` : '';
  const parts = [
    `${f.done.toLocaleString('en-US')}${total} rows${percent}`,
    `${f.succeeded} ok, ${f.failed} failed, ${f.invalid} invalid`,
    `${f.retriesWaiting} ${f.retriesWaiting === 1 ? 'retry' : 'retries'} waiting`,
    `${f.requestsPerSecond} req/s${limit}`,
    `ETA ${f.etaSeconds === undefined ? '?' : formatDuration(f.etaSeconds)}`,
  ];
  if (f.pause) parts.push(`PAUSED: ${f.pause.why}`);
  return parts.join(' | ');
}

function rateLimitText(f: ProgressFigures): string {
  const now = Math.round(f.rateLimit * 10) / 10;
  // Below the ceiling is where the adaptive rate normally sits (probing up, or just under the API's limit).
  return now < f.rateCeiling ? `now ${now}/s, at most ${f.rateCeiling}/s` : `${now}/s`;
}

/** 75 -> "1m15s", 3700 -> "1h01m", 9 -> "9s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
