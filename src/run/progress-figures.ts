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
  /** As the summary counts them: a duplicate row is not a success of its own. */
  succeeded: number;
  duplicate: number;
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
    succeeded: settled.succeeded,
    duplicate: settled.duplicate,
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

/** The figures as one line: "412/~1,000 rows 41% | 380 ok, 12 failed, 20 invalid | ...". The cron log prints it whole. */
export function formatFigures(f: ProgressFigures): string {
  const parts = [countText(f, false), breakdownText(f, false), retriesText(f, false), rateText(f, 0), etaText(f)];
  if (f.pause) parts.push(pauseText(f.pause));
  return parts.join(' | ');
}

// Each part in its long form and shorter ones, for a terminal line that must fit its width.

/** "412/~1,000 rows 41%"; short: "412/~1,000 41%". */
export function countText(f: ProgressFigures, short: boolean): string {
  const total = f.total === undefined ? '' : `/${f.totalExact ? '' : '~'}${f.total.toLocaleString('en-US')}`;
  const percent = f.percent === undefined ? '' : ` ${f.percent}%`;
  return `${f.done.toLocaleString('en-US')}${total}${short ? '' : ' rows'}${percent}`;
}

/** "380 ok, 1 duplicate, 12 failed, 20 invalid"; short: "380 ok 1 dup 12 fail" (no zeros but ok). */
export function breakdownText(f: ProgressFigures, short: boolean): string {
  if (short) {
    const more: [number, string][] = [[f.duplicate, 'dup'], [f.failed, 'fail'], [f.invalid, 'inv']];
    return [`${f.succeeded} ok`, ...more.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`)].join(' ');
  }
  const duplicate = f.duplicate > 0 ? `, ${f.duplicate} duplicate` : '';
  return `${f.succeeded} ok${duplicate}, ${f.failed} failed, ${f.invalid} invalid`;
}

/** "3 retries waiting"; short: "3 retrying". */
export function retriesText(f: ProgressFigures, short: boolean): string {
  if (short) return `${f.retriesWaiting} retrying`;
  return `${f.retriesWaiting} ${f.retriesWaiting === 1 ? 'retry' : 'retries'} waiting`;
}

/** 0: "9.8 req/s (limit now 5/s, at most 10/s)", 1: "9.8 req/s (limit 5/s)", 2: "9.8/s (≤5)". */
export function rateText(f: ProgressFigures, level: 0 | 1 | 2): string {
  const now = Math.round(f.rateLimit * 10) / 10;
  if (level === 2) return `${f.requestsPerSecond}/s${f.rateLimit > 0 ? ` (≤${now})` : ''}`;
  if (f.rateLimit <= 0) return `${f.requestsPerSecond} req/s`;
  // Below the ceiling is where the adaptive rate normally sits (probing up, or just under the API's limit).
  const limit = level === 0 && now < f.rateCeiling ? `now ${now}/s, at most ${f.rateCeiling}/s` : `${now}/s`;
  return `${f.requestsPerSecond} req/s (limit ${limit})`;
}

export function etaText(f: ProgressFigures): string {
  return `ETA ${f.etaSeconds === undefined ? '?' : formatDuration(f.etaSeconds)}`;
}

export function pauseText(pause: Pause): string {
  return `PAUSED: ${pause.why}`;
}

/** 75 -> "1m15s", 3700 -> "1h01m", 9 -> "9s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
