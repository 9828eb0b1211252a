import { describe, expect, it } from 'vitest';
import { retryRecord } from '../../src/output/retry-writer.js';
import type { RowResult } from '../../src/rows/row-result.js';

const AGENT = 2;

function retryable(retryAgents?: string[]): RowResult {
  return { row: 4, status: 'partial', attempts: 6, retryable: true, ...(retryAgents ? { retryAgents } : {}) };
}

describe('retryRecord', () => {
  it('gives nothing for a row that is not retryable', () => {
    const done: RowResult = { row: 4, status: 'succeeded', attempts: 1, retryable: false };
    expect(retryRecord(['919800000000', '919811100001', '919811100002'], done, AGENT)).toBeUndefined();
  });

  it('gives nothing for a failed row that is not retryable', () => {
    const failed: RowResult = { row: 4, status: 'failed', errorCode: 'chat_not_found', attempts: 1, retryable: false };
    expect(retryRecord(['919800000000', '919811100001', '919811100002'], failed, AGENT)).toBeUndefined();
  });

  it('keeps every field byte for byte when all agents are to retry', () => {
    const fields = [' +91 98000 00000 ', '=cmd', ' +91 98111 00002 ; +91 98111 00003', 'Meera, "Pillai"'];
    expect(retryRecord(fields, retryable(['+91 98111 00002', '+91 98111 00003']), AGENT)).toEqual(fields);
  });

  it('keeps every field when the result lists no agents', () => {
    const fields = ['919800000000', '919811100001', '919811100002;919811100003'];
    expect(retryRecord(fields, retryable(), AGENT)).toEqual(fields);
  });

  it('keeps every field when the agents to retry are the cell in another order', () => {
    const fields = ['919800000000', '919811100001', 'A1;A2'];
    expect(retryRecord(fields, retryable(['A2', 'A1']), AGENT)).toEqual(fields);
  });

  it('returns a copy, not the input array', () => {
    const fields = ['919800000000', '919811100001', '919811100002'];
    expect(retryRecord(fields, retryable(), AGENT)).not.toBe(fields);
  });

  it('keeps only the agents still to do in a partly done row', () => {
    const fields = ['919800000000', '919811100001', 'A1;A2;A3'];
    expect(retryRecord(fields, retryable(['A1', 'A3']), AGENT)).toEqual(['919800000000', '919811100001', 'A1;A3']);
  });

  it('joins the agents with | when the cell used |', () => {
    const fields = ['919800000000', '919811100001', '+91 98111 00002 | +91 98111 00003 | +91 98111 00004'];
    expect(retryRecord(fields, retryable(['+91 98111 00002', '+91 98111 00004']), AGENT)?.[AGENT]).toBe('+91 98111 00002|+91 98111 00004');
  });

  it('joins the agents with ; when the cell used ;', () => {
    const fields = ['919800000000', '919811100001', '+91 98111 00002; +91 98111 00003; +91 98111 00004'];
    expect(retryRecord(fields, retryable(['+91 98111 00003', '+91 98111 00004']), AGENT)?.[AGENT]).toBe('+91 98111 00003;+91 98111 00004');
  });

  it('leaves the other fields untouched in a partly done row', () => {
    const fields = ['  919800000000', '=1+2', 'A1|A2', 'note'];
    expect(retryRecord(fields, retryable(['A2']), AGENT)).toEqual(['  919800000000', '=1+2', 'A2', 'note']);
  });
});
