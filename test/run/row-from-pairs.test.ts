// A row's result is one pure function of its pairs: every status, the lead code, the message,
// retryable, the retry cell and agent_names, whether a pair was sent by the row, borrowed from an
// earlier row of the same chat, or never sent.
import { describe, expect, it } from 'vitest';
import type { PairOutcome } from '../../src/rows/pair.js';
import { NOT_SENT_MESSAGE, rowFromPairs, type RowAgent } from '../../src/run/row-from-pairs.js';

const applied = (name?: string): PairOutcome => ({ kind: 'applied', httpStatus: 200, ...(name ? { name } : {}) });
const notMember: PairOutcome = { kind: 'failed', code: 'agent_not_found', retryable: false, httpStatus: 200, message: 'not a team member of the organisation' };
const serverDown: PairOutcome = { kind: 'failed', code: 'server_error', retryable: true, httpStatus: 503, message: 'HTTP 503' };
const unsent: PairOutcome = { kind: 'not_attempted', message: NOT_SENT_MESSAGE };
const keyRejected: PairOutcome = { kind: 'not_attempted', code: 'unauthorized', message: 'not sent: the API key was rejected' };
const agent = (raw: string, outcome: PairOutcome, ownerRow?: number): RowAgent => ({ raw, outcome, ...(ownerRow ? { ownerRow } : {}) });

describe('rowFromPairs', () => {
  it('is succeeded when every pair was applied, naming every agent and keeping the HTTP status', () => {
    expect(rowFromPairs(7, [agent('A1', applied('Asha Rao')), agent('A2', applied('Vikram Shah'), 3)], 1)).toEqual({
      row: 7, status: 'succeeded', httpStatus: 200, attempts: 1, retryable: false, agentNames: ['Asha Rao', 'Vikram Shah'],
    });
  });

  it('is failed and final when every pair failed for good', () => {
    expect(rowFromPairs(7, [agent('A1', notMember)], 1)).toEqual({
      row: 7, status: 'failed', httpStatus: 200, errorCode: 'agent_not_found', errorMessage: 'not a team member of the organisation', attempts: 1, retryable: false,
    });
  });

  it('is partial when some pairs went through, led by the retryable failure, with only the failed agent to retry', () => {
    const result = rowFromPairs(7, [agent('A1', applied('Asha Rao')), agent('A2', notMember), agent('A3', serverDown)], 2);
    expect(result).toMatchObject({ status: 'partial', errorCode: 'server_error', httpStatus: 503, retryable: true, retryAgents: ['A3'], agentNames: ['Asha Rao'], attempts: 2 });
    expect(result.errorMessage).toBe('agent A2: not a team member of the organisation; agent A3: HTTP 503');
  });

  it('is not_attempted with no code when nothing was sent, every agent to retry', () => {
    expect(rowFromPairs(7, [agent('A1', unsent), agent('A2', unsent)], 0)).toEqual({
      row: 7, status: 'not_attempted', errorMessage: NOT_SENT_MESSAGE, attempts: 0, retryable: true, retryAgents: ['A1', 'A2'],
    });
  });

  it("is not_attempted with the stop's code when the key was rejected", () => {
    expect(rowFromPairs(7, [agent('A1', keyRejected)], 0)).toMatchObject({ status: 'not_attempted', errorCode: 'unauthorized', retryable: true });
  });

  it('is not_attempted, not a network error, when the borrowed pair was never sent either', () => {
    const result = rowFromPairs(9, [agent('A1', unsent, 4)], 0);
    expect(result).toMatchObject({ status: 'not_attempted', attempts: 0, retryable: true });
    expect(result.errorCode).toBeUndefined();
  });

  it('is partial when a pair went through and the run stopped before another, naming the unsent agent', () => {
    const result = rowFromPairs(7, [agent('A1', applied()), agent('A2', unsent)], 1);
    expect(result).toMatchObject({ status: 'partial', retryable: true, retryAgents: ['A2'], errorMessage: 'agent A2: not sent, the run stopped' });
    expect(result.errorCode).toBeUndefined();
  });

  it('names the earlier row for a borrowed pair that failed, and keeps its code and retryability', () => {
    const permanent = rowFromPairs(9, [agent('A1', notMember, 4)], 0);
    expect(permanent).toMatchObject({ status: 'failed', errorCode: 'agent_not_found', retryable: false, errorMessage: 'sent by row 4, where it failed (agent_not_found)' });
    const transient = rowFromPairs(9, [agent('A1', applied()), agent('A2', serverDown, 4)], 0);
    expect(transient).toMatchObject({ status: 'partial', errorCode: 'server_error', retryable: true, retryAgents: ['A2'] });
    expect(transient.errorMessage).toBe('agent A2: sent by row 4, where it did not go through yet (server_error)');
  });

  it('groups agents that failed for the same reason into one clause', () => {
    const result = rowFromPairs(7, [agent('A1', notMember), agent('A2', notMember), agent('A3', serverDown)], 1);
    expect(result.errorMessage).toBe('agents A1, A2: not a team member of the organisation; agent A3: HTTP 503');
    expect(result.status).toBe('failed');
  });

  it('leaves agentNames and retryAgents out when there are none', () => {
    const result = rowFromPairs(7, [agent('A1', applied())], 1);
    expect(result).not.toHaveProperty('agentNames');
    expect(result).not.toHaveProperty('retryAgents');
  });
});

describe('rowFromPairs, not sent', () => {
  it("says why from the row's own pair, not from a borrowed one", () => {
    const dry: PairOutcome = { kind: 'not_attempted', message: 'dry run: valid, not sent' };
    expect(rowFromPairs(4, [agent('A1', { kind: 'not_attempted', message: 'not sent, the run stopped' }, 2), agent('A2', dry)], 0).errorMessage).toBe('dry run: valid, not sent');
    expect(rowFromPairs(4, [agent('A1', { kind: 'not_attempted', message: 'not sent, the run stopped' }, 2)], 0).errorMessage).toBe(NOT_SENT_MESSAGE);
  });
});
