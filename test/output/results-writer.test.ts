import { describe, expect, it } from 'vitest';
import { RESULT_COLUMNS, resultRecord } from '../../src/output/results-writer.js';
import type { RowResult } from '../../src/rows/row-result.js';

const failed: RowResult = {
  row: 12,
  status: 'failed',
  httpStatus: 400,
  errorCode: 'chat_not_found',
  errorMessage: 'Chat could not be resolved',
  attempts: 1,
  retryable: false,
};

const succeeded: RowResult = { row: 3, status: 'succeeded', attempts: 2, retryable: false };

describe('RESULT_COLUMNS', () => {
  it('names the result columns in order', () => {
    expect(RESULT_COLUMNS).toEqual(['row', 'status', 'http_status', 'error_code', 'error_message', 'attempts', 'retryable', 'agent_names', 'assigned']);
  });
});

describe('resultRecord', () => {
  it('writes the input fields then row, status, http_status, error_code, error_message, attempts, retryable', () => {
    expect(resultRecord(['919800000000', '919811100001', '919811100002'], 3, failed)).toEqual([
      '919800000000',
      '919811100001',
      '919811100002',
      '12',
      'failed',
      '400',
      'chat_not_found',
      'Chat could not be resolved',
      '1',
      'false',
      '',
      '',
    ]);
  });

  it('leaves the optional result cells empty', () => {
    expect(resultRecord(['a'], 1, succeeded)).toEqual(['a', '3', 'succeeded', '', '', '', '2', 'false', '', '']);
  });

  it('writes retryable as true', () => {
    expect(resultRecord(['a'], 1, { ...succeeded, status: 'not_attempted', retryable: true }).at(-3)).toBe('true');
  });

  it('pads a short row with empty cells to the header width', () => {
    expect(resultRecord(['a'], 3, succeeded).slice(0, 4)).toEqual(['a', '', '', '3']);
  });

  it('drops the extra cells of a long row so the result columns never shift', () => {
    expect(resultRecord(['a', 'b', 'c', 'd'], 2, succeeded).slice(0, 3)).toEqual(['a', 'b', '3']);
  });

  it('gives the same number of cells whatever the row width', () => {
    const widths = [[], ['a'], ['a', 'b', 'c', 'd', 'e']].map((fields) => resultRecord(fields, 3, succeeded).length);
    expect(widths).toEqual([12, 12, 12]);
  });

  it('lists the agent names of the row, separated by "; "', () => {
    expect(resultRecord(['a'], 1, { ...succeeded, agentNames: ['Asha Rao', 'Vikram Shah'] }).at(-2)).toBe('Asha Rao; Vikram Shah');
  });

  it('says yes or no under assigned when an assignment was asked, and nothing otherwise', () => {
    expect(resultRecord(['a'], 1, { ...succeeded, assigned: 'yes' }).at(-1)).toBe('yes');
    expect(resultRecord(['a'], 1, { ...succeeded, assigned: 'no' }).at(-1)).toBe('no');
    expect(resultRecord(['a'], 1, succeeded).at(-1)).toBe('');
  });

  it('neutralises a formula in an input cell', () => {
    expect(resultRecord(['=HYPERLINK("http://x","click")'], 1, succeeded)[0]).toBe(`'=HYPERLINK("http://x","click")`);
  });

  it('leaves plain phone numbers in input cells readable', () => {
    expect(resultRecord(['+91 98111 00001;+91 98111 00002'], 1, succeeded)[0]).toBe('+91 98111 00001;+91 98111 00002');
  });

  it('neutralises a formula in the error message', () => {
    const echoed = { ...failed, errorMessage: '=1+2 is not a valid number' };
    expect(resultRecord(['a'], 1, echoed)[5]).toBe("'=1+2 is not a valid number");
  });

  it('neutralises a message that starts with a plus sign but holds words', () => {
    const message = { ...failed, errorMessage: '+91 98111 00002: not a team member of the organisation' };
    expect(resultRecord(['a'], 1, message)[5]).toBe("'+91 98111 00002: not a team member of the organisation");
  });
});
