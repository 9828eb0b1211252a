import { describe, expect, it } from 'vitest';
import { ROW_STATUSES, type RowStatus } from '../../src/rows/row-result.js';
import { computeFigures, estimateTotal, formatDuration, formatFigures, type LiveRun } from '../../src/run/progress-figures.js';

const live = (over: Partial<LiveRun> = {}): LiveRun => ({ rowsRead: 0, readDone: false, inputBytes: 1000, bytesRead: 0, retriesWaiting: 0, rateLimit: 10, ...over });
const settled = (over: Partial<Record<RowStatus, number>> = {}): Record<RowStatus, number> =>
  ({ ...Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])), ...over }) as Record<RowStatus, number>;

describe('estimateTotal', () => {
  it('scales the rows read by the share of the file read, while reading goes on', () => {
    expect(estimateTotal(live({ rowsRead: 250, bytesRead: 250 }))).toBe(1000);
  });

  it('is the rows read, exactly, once reading ended', () => {
    expect(estimateTotal(live({ rowsRead: 997, bytesRead: 1000, readDone: true }))).toBe(997);
  });

  it('is unknown for standard input until it ends', () => {
    expect(estimateTotal(live({ rowsRead: 50, inputBytes: undefined, bytesRead: 0 }))).toBeUndefined();
    expect(estimateTotal(live({ rowsRead: 50, inputBytes: undefined, readDone: true }))).toBe(50);
  });

  it('never estimates fewer rows than were already read', () => {
    expect(estimateTotal(live({ rowsRead: 10, bytesRead: 5000 }))).toBe(10);
  });
});

describe('computeFigures', () => {
  it('counts every settled row as done, whatever order they settled in, and a duplicate apart from the successes, as the summary does', () => {
    const f = computeFigures({ live: live({ rowsRead: 40, readDone: true }), settled: settled({ succeeded: 5, duplicate: 1, failed: 2, partial: 1, invalid: 3 }), requestsPerSecond: 4.44, elapsedSeconds: 6, rateCeiling: 10 });
    expect([f.done, f.total, f.percent, f.succeeded, f.duplicate, f.failed, f.invalid, f.requestsPerSecond]).toEqual([12, 40, 30, 5, 1, 3, 3, 4.4]);
  });

  it('projects the ETA from the pace so far', () => {
    const f = computeFigures({ live: live({ rowsRead: 100, readDone: true }), settled: settled({ succeeded: 25 }), requestsPerSecond: 5, elapsedSeconds: 5, rateCeiling: 10 });
    expect(f.etaSeconds).toBe(15);
  });

  it('has no percentage or ETA without a total', () => {
    const f = computeFigures({ live: live({ rowsRead: 100, inputBytes: undefined }), settled: settled({ succeeded: 25 }), requestsPerSecond: 5, elapsedSeconds: 5, rateCeiling: 10 });
    expect([f.total, f.percent, f.etaSeconds]).toEqual([undefined, undefined, undefined]);
  });
});

describe('formatFigures', () => {
  const base = computeFigures({ live: live({ rowsRead: 400, bytesRead: 400, retriesWaiting: 3, rateLimit: 5 }), settled: settled({ succeeded: 380, failed: 12, invalid: 20 }), requestsPerSecond: 9.8, elapsedSeconds: 41, rateCeiling: 10 });

  it('says rows done of an estimated total, counts, retries waiting, rate with its limit and ETA', () => {
    expect(formatFigures(base)).toBe('412/~1,000 rows 41% | 380 ok, 12 failed, 20 invalid | 3 retries waiting | 9.8 req/s (limit now 5/s, at most 10/s) | ETA 59s');
  });

  it('says when the run is paused, and why', () => {
    const text = formatFigures({ ...base, pause: { kind: 'network', why: 'cannot reach the API (ECONNREFUSED)' } });
    expect(text).toMatch(/\| PAUSED: cannot reach the API \(ECONNREFUSED\)$/);
  });

  it('writes a count alone for standard input', () => {
    expect(formatFigures({ ...base, total: undefined, percent: undefined })).toMatch(/^412 rows \|/);
  });
});

describe('formatDuration', () => {
  it('writes seconds, minutes and hours the way people read them', () => {
    expect([formatDuration(9), formatDuration(75), formatDuration(3700)]).toEqual(['9s', '1m15s', '1h01m']);
  });
});
