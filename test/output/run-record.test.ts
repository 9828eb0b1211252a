import { describe, expect, it } from 'vitest';
import { createRunRecord, recordSettled, recordWritten, topReasons } from '../../src/output/run-record.js';
import type { RowResult } from '../../src/rows/row-result.js';

const row = (n: number, over: Partial<RowResult>): RowResult => ({ row: n, status: 'succeeded', attempts: 1, retryable: false, ...over });

describe('run record', () => {
  it('groups rows not done by error code, most rows first, with their first row numbers', () => {
    const record = createRunRecord(0);
    recordWritten(record, row(1, {}));
    for (const n of [2, 4, 6, 8, 10, 12, 14]) recordWritten(record, row(n, { status: 'failed', errorCode: 'agent_not_found', errorMessage: 'not a team member' }));
    recordWritten(record, row(3, { status: 'invalid', errorCode: 'invalid_phone', errorMessage: 'too short' }));
    recordWritten(record, row(5, { status: 'duplicate' }));
    expect(topReasons(record)).toEqual([
      { code: 'agent_not_found', status: 'failed', count: 7, example: 'not a team member', rows: [2, 4, 6, 8, 10] },
      { code: 'invalid_phone', status: 'invalid', count: 1, example: 'too short', rows: [3] },
    ]);
    expect(record.firstFailed.map((r) => r.row)).toEqual([2, 4, 6, 8, 10, 12, 14, 3]);
  });

  it('counts rows bound for retry.csv', () => {
    const record = createRunRecord(0);
    recordWritten(record, row(1, { status: 'failed', errorCode: 'server_error', retryable: true }));
    recordWritten(record, row(2, { status: 'failed', errorCode: 'agent_not_found' }));
    expect(record.retryRows).toBe(1);
  });

  it('does not call the rows of a dry run failures', () => {
    const record = createRunRecord(0, true);
    recordWritten(record, row(1, { status: 'not_attempted', retryable: true, errorMessage: 'dry run: valid, not sent' }));
    expect([record.reasons.size, record.firstFailed.length, record.retryRows]).toEqual([0, 0, 1]);
  });

  it('counts settled rows by status', () => {
    const record = createRunRecord(0);
    recordSettled(record, row(2, { status: 'invalid' }));
    recordSettled(record, row(1, {}));
    expect([record.settled.invalid, record.settled.succeeded]).toEqual([1, 1]);
  });
});
