import { describe, expect, it } from 'vitest';
import { replaceCell, retryText } from '../../src/output/retry-writer.js';
import type { RowResult } from '../../src/rows/row-result.js';

const OPTIONS = { delimiter: ',', agentColumn: 2 };

function retryable(retryAgents?: string[]): RowResult {
  return { row: 4, status: 'partial', attempts: 6, retryable: true, ...(retryAgents ? { retryAgents } : {}) };
}

const record = (raw: string, fields: string[]) => ({ raw, fields });

describe('retryText', () => {
  it('gives nothing for a row that is not retryable', () => {
    const done: RowResult = { row: 4, status: 'succeeded', attempts: 1, retryable: false };
    expect(retryText(record('a,b,c\n', ['a', 'b', 'c']), done, OPTIONS)).toBeUndefined();
  });

  it('gives nothing for a row whose text was too long to keep', () => {
    expect(retryText(record('', []), retryable(), OPTIONS)).toBeUndefined();
  });

  it('gives back the text as read, CRLF, "" and trailing empty field included', () => {
    const raw = '919800000000,"",919811100001,\r\n';
    expect(retryText(record(raw, ['919800000000', '', '919811100001', '']), retryable(['919811100001']), OPTIONS)).toBe(raw);
  });

  it('gives back a multi-line quoted cell as it was', () => {
    const raw = '919800000000,"note\r\nmore ""x""",919811100001\r\n';
    expect(retryText(record(raw, ['919800000000', 'note\r\nmore "x"', '919811100001']), retryable(), OPTIONS)).toBe(raw);
  });

  it('keeps every byte when the agents to retry are the cell in another order', () => {
    const raw = '919800000000,x, A1 ; A2 \n';
    expect(retryText(record(raw, ['919800000000', 'x', ' A1 ; A2 ']), retryable(['A2', 'A1']), OPTIONS)).toBe(raw);
  });

  it('keeps only the agents still to do in a partly done row, and every other byte', () => {
    const raw = '"919800000000",  x ,A1;A2;A3,""\r\n';
    expect(retryText(record(raw, ['919800000000', '  x ', 'A1;A2;A3', '']), retryable(['A1', 'A3']), OPTIONS)).toBe('"919800000000",  x ,A1;A3,""\r\n');
  });

  it('joins the agents with the separator the cell used', () => {
    const raw = '1,2,+91 98111 00002 | +91 98111 00003 | +91 98111 00004\n';
    const fields = ['1', '2', '+91 98111 00002 | +91 98111 00003 | +91 98111 00004'];
    expect(retryText(record(raw, fields), retryable(['+91 98111 00002', '+91 98111 00004']), OPTIONS)).toBe('1,2,+91 98111 00002|+91 98111 00004\n');
  });
});

describe('replaceCell', () => {
  it('keeps a quoted cell quoted and doubles quotes in the new value', () => {
    expect(replaceCell('a,"b,c",d\n', ',', 1, 'x"y')).toBe('a,"x""y",d\n');
  });

  it('quotes a new value that holds the delimiter', () => {
    expect(replaceCell('a;b;c', ';', 1, 'x;y')).toBe('a;"x;y";c');
  });

  it('finds the cell after a quoted cell holding the delimiter and a line break', () => {
    expect(replaceCell('"a,\nz",b,c\r\n', ',', 2, 'X')).toBe('"a,\nz",b,X\r\n');
  });

  it('reads a quote inside an unquoted cell as a character, as the reader does', () => {
    expect(replaceCell(`5'11",b,c\n`, ',', 1, 'X')).toBe(`5'11",X,c\n`);
  });
});
