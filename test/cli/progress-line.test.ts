import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/progress-line.js';
import { ROW_STATUSES, type RowStatus } from '../../src/rows/row-result.js';
import { computeFigures, formatFigures, type ProgressFigures } from '../../src/run/progress-figures.js';

const settled = (over: Partial<Record<RowStatus, number>>): Record<RowStatus, number> =>
  ({ ...Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])), ...over }) as Record<RowStatus, number>;
const figures: ProgressFigures = computeFigures({
  live: { rowsRead: 400, readDone: false, inputBytes: 1000, bytesRead: 400, retriesWaiting: 3, rateLimit: 5 },
  settled: settled({ succeeded: 380, duplicate: 1, failed: 12, invalid: 20 }),
  requestsPerSecond: 9.8,
  elapsedSeconds: 41,
  rateCeiling: 10,
});
const paused: ProgressFigures = { ...figures, pause: { kind: 'rate_limited', why: 'the API is throttling us (429 Too Many Requests, Retry-After 1 s)' } };
const BAR = '██████████░░░░░░░░░░░░░░';

describe('progressLine', () => {
  it('shows everything when the terminal is wide enough, as the log line does, after the bar', () => {
    expect(progressLine(figures, 200)).toBe(`${BAR} ${formatFigures(figures)}`);
    expect(formatFigures(figures)).toBe(
      '413/~1,000 rows 41% | 380 ok, 1 duplicate, 12 failed, 20 invalid | 3 retries waiting | 9.8 req/s (limit now 5/s, at most 10/s) | ETA 58s',
    );
  });

  it('at 120 columns shortens the breakdown and drops retries, keeping the bar, count, rate with limit and ETA', () => {
    expect(progressLine(figures, 120)).toBe(`${BAR} 413/~1,000 rows 41% | 380 ok 1 dup 12 fail 20 inv | 9.8 req/s (limit 5/s) | ETA 58s`);
  });

  it('at 80 columns drops the breakdown: count, percentage, rate with its limit and ETA all show', () => {
    expect(progressLine(figures, 80)).toBe(`${BAR} 413/~1,000 rows 41% | 9.8 req/s (limit 5/s) | ETA 58s`);
  });

  it('at 60 columns drops the bar; at 40 shortens the count and the rate', () => {
    expect(progressLine(figures, 60)).toBe('413/~1,000 rows 41% | 9.8 req/s (limit 5/s) | ETA 58s');
    expect(progressLine(figures, 40)).toBe('413/~1,000 41% | 9.8/s (≤5) | ETA 58s');
  });

  it('keeps a pause in view, its reason cut to the room left', () => {
    expect(progressLine(paused, 120)).toBe(
      '413/~1,000 rows 41% | 9.8 req/s (limit 5/s) | ETA 58s | PAUSED: the API is throttling us (429 Too Many Requests, Retry-…',
    );
    expect(progressLine(paused, 80)).toBe('413/~1,000 rows 41% | 9.8 req/s (limit 5/s) | ETA 58s | PAUSED: the API is thro…');
    expect(progressLine(paused, 60)).toBe('413/~1,000 rows 41% | 9.8/s (≤5) | ETA 58s | PAUSED: the AP…');
    expect(progressLine(paused, 40)).toBe('413/~1,000 41% | ETA 58s | PAUSED: the…');
  });

  it('never goes past the width, whatever the figures', () => {
    const big: ProgressFigures = { ...paused, done: 123_456, total: 1_000_000, percent: 12, etaSeconds: 3700, succeeded: 100_000, failed: 23_456 };
    for (const f of [figures, paused, big, { ...big, pause: undefined }, { ...figures, total: undefined, percent: undefined, etaSeconds: undefined }]) {
      for (let columns = 40; columns <= 200; columns += 1) expect(progressLine(f, columns).length).toBeLessThanOrEqual(columns);
    }
    expect(progressLine({ ...big, pause: undefined }, 80)).toBe('█░░░░░░░░░░░ 123,456/~1,000,000 rows 12% | 9.8 req/s (limit 5/s) | ETA 1h01m');
  });
});
