import { describe, expect, it } from 'vitest';
import { classifyAnswer, classifyNetworkError } from '../../src/api/classify.js';
import { buildSummary, countAnswer, countRow, countSend, createCounts, EXIT, exitCodeFor, type RunCounts } from '../../src/output/summary.js';
import type { RowResult, RowStatus } from '../../src/rows/row-result.js';

function result(status: RowStatus, extra: Partial<RowResult> = {}): RowResult {
  return { row: 1, status, attempts: 1, retryable: false, ...extra };
}

function counted(...statuses: RowStatus[]): RunCounts {
  const counts = createCounts();
  for (const status of statuses) countRow(counts, result(status));
  return counts;
}

describe('createCounts', () => {
  it('starts every status at zero', () => {
    expect(createCounts().statuses).toEqual({ succeeded: 0, partial: 0, failed: 0, invalid: 0, duplicate: 0, not_attempted: 0, skipped: 0, unchanged: 0 });
  });
});

describe('countRow', () => {
  it('counts rows and statuses', () => {
    const counts = counted('succeeded', 'succeeded', 'failed');
    expect([counts.rows, counts.statuses.succeeded, counts.statuses.failed]).toEqual([3, 2, 1]);
  });

  it('counts error codes', () => {
    const counts = createCounts();
    countRow(counts, result('failed', { errorCode: 'chat_not_found' }));
    countRow(counts, result('invalid', { errorCode: 'invalid_phone' }));
    countRow(counts, result('failed', { errorCode: 'chat_not_found' }));
    expect(counts.errorCodes).toEqual({ chat_not_found: 2, invalid_phone: 1 });
  });

  it('leaves error codes alone for a row without one', () => {
    expect(counted('succeeded').errorCodes).toEqual({});
  });
});

describe('countSend and countAnswer', () => {
  it('counts requests and, separately, retries, as they leave', () => {
    const counts = createCounts();
    countSend(counts, false);
    countSend(counts, true);
    expect([counts.requests, counts.retries]).toEqual([2, 1]);
  });

  it('counts a request that never got an answer', () => {
    const counts = createCounts();
    countSend(counts, false);
    expect([counts.requests, Object.keys(counts.httpStatuses).length]).toEqual([1, 0]);
  });

  it('counts answers by HTTP status', () => {
    const counts = createCounts();
    countAnswer(counts, classifyAnswer(200, {}));
    countAnswer(counts, classifyAnswer(503, {}));
    countAnswer(counts, classifyAnswer(200, {}));
    expect(counts.httpStatuses).toEqual({ '200': 2, '503': 1 });
  });

  it('counts a request with no answer under its error code', () => {
    const counts = createCounts();
    countAnswer(counts, classifyNetworkError({ code: 'ECONNRESET' }));
    expect(counts.httpStatuses).toEqual({ network_error: 1 });
  });

  it('counts 429s as rate limited', () => {
    const counts = createCounts();
    countAnswer(counts, classifyAnswer(429, {}));
    countAnswer(counts, classifyAnswer(500, {}));
    expect(counts.rateLimited).toBe(1);
  });
});

describe('exitCodeFor', () => {
  it('is 0 when every row succeeded', () => {
    expect(exitCodeFor(counted('succeeded', 'succeeded'), undefined)).toBe(EXIT.ok);
  });

  it('is 0 when every row succeeded or was a duplicate', () => {
    expect(exitCodeFor(counted('succeeded', 'duplicate'), undefined)).toBe(0);
  });

  it('is 0 for an empty input', () => {
    expect(exitCodeFor(createCounts(), undefined)).toBe(0);
  });

  it.each(['partial', 'failed', 'invalid', 'not_attempted'] as const)('is 2 when one row is %s', (status) => {
    expect(exitCodeFor(counted('succeeded', status), undefined)).toBe(EXIT.incomplete);
  });

  it.each(['interrupted', 'credentials_rejected', 'error_rate_exceeded'] as const)('is 3 when the run stopped as %s', (stop) => {
    expect(exitCodeFor(counted('succeeded'), stop)).toBe(EXIT.stopped);
  });

  it('is 3 when a dry run is stopped', () => {
    expect(exitCodeFor(counted('not_attempted'), 'interrupted', true)).toBe(3);
  });

  it('is 0 for a dry run that would send every row', () => {
    expect(exitCodeFor(counted('not_attempted', 'not_attempted'), undefined, true)).toBe(0);
  });

  it('is 0 for a dry run with duplicates', () => {
    expect(exitCodeFor(counted('not_attempted', 'duplicate'), undefined, true)).toBe(0);
  });

  it('is 2 for a dry run with an invalid row', () => {
    expect(exitCodeFor(counted('not_attempted', 'invalid'), undefined, true)).toBe(2);
  });
});

describe('buildSummary', () => {
  const run = {
    input: 'in.csv',
    outDir: 'runs/in',
    action: 'add',
    dryRun: false,
    resumed: false,
    rate: 10,
    started: new Date('2025-01-01T00:00:00.000Z'),
    finished: new Date('2025-01-01T00:00:02.500Z'),
    sendSeconds: 2,
  };

  it('reports the duration in seconds', () => {
    expect(buildSummary(createCounts(), run).durationSeconds).toBe(2.5);
  });

  it('reports requests per second over the sending time', () => {
    const counts = createCounts();
    for (let i = 0; i < 5; i++) countSend(counts, false);
    expect(buildSummary(counts, run).requestsPerSecond).toBe(2.5);
  });

  it('reports zero requests per second when nothing was sent', () => {
    expect(buildSummary(createCounts(), { ...run, sendSeconds: 0 }).requestsPerSecond).toBe(0);
  });

  it('reports no stop reason as null', () => {
    expect(buildSummary(createCounts(), run).stoppedBecause).toBeNull();
  });

  it('carries the exit code of its counts', () => {
    expect(buildSummary(counted('failed'), run).exitCode).toBe(2);
  });

  it('carries the stop reason and its exit code', () => {
    expect(buildSummary(counted('succeeded'), { ...run, stop: 'credentials_rejected' })).toMatchObject({
      stoppedBecause: 'credentials_rejected',
      exitCode: 3,
    });
  });

  it('covers the earlier sessions of a resumed job too', () => {
    const counts = createCounts();
    countSend(counts, false);
    countAnswer(counts, classifyAnswer(200, {}));
    const prior = { sessions: 2, startedAt: '2024-12-31T00:00:00.000Z', requests: 7, retries: 2, rateLimited: 1, httpStatuses: { '200': 6, '429': 1 }, durationSeconds: 10, sendSeconds: 6 };
    expect(buildSummary(counts, { ...run, resumed: true, prior })).toMatchObject({
      sessions: 3,
      startedAt: '2024-12-31T00:00:00.000Z',
      requestsSent: 8,
      retries: 2,
      rateLimited: 1,
      httpStatuses: { '200': 7, '429': 1 },
      durationSeconds: 12.5,
      requestsPerSecond: 1,
    });
  });

  it('calls a first session one session', () => {
    expect(buildSummary(createCounts(), run).sessions).toBe(1);
  });

  it('exits 1 when outputs could not be written before anything was sent, 3 after', () => {
    expect(buildSummary(createCounts(), { ...run, stop: 'output_unwritable' }).exitCode).toBe(1);
    const counts = createCounts();
    countSend(counts, false);
    expect(buildSummary(counts, { ...run, stop: 'output_unwritable' }).exitCode).toBe(3);
  });
});
