import { describe, expect, it } from 'vitest';
import { createTally, summariseRow, type AgentFailure, type RowTally } from '../../src/run/row-outcome.js';

const notMember: Omit<AgentFailure, 'raw'> = { code: 'agent_not_found', message: 'not a team member of the organisation', httpStatus: 200, retryable: false };
const serverDown: Omit<AgentFailure, 'raw'> = { code: 'server_error', message: 'HTTP 503', httpStatus: 503, retryable: true };

/** A settled tally: `agents` raw values, of which the ones named in failures/unsent did not succeed. */
function tally(agents: string[], settle: { failures?: AgentFailure[]; unsent?: string[]; sends?: number; lastHttpStatus?: number } = {}): RowTally {
  const t = createTally(7, agents.length);
  const failures = settle.failures ?? [];
  const unsent = settle.unsent ?? [];
  t.failures.push(...failures);
  t.unsent.push(...unsent);
  t.succeeded = agents.length - failures.length - unsent.length;
  t.sends = settle.sends ?? 1;
  t.lastHttpStatus = settle.lastHttpStatus;
  t.open = 0;
  return t;
}

describe('createTally', () => {
  it('starts with every agent open and nothing counted', () => {
    expect(createTally(3, 2)).toEqual({ row: 3, agentCount: 2, open: 2, sends: 0, succeeded: 0, failures: [], unsent: [], names: [] });
  });
});

describe('summariseRow', () => {
  it('calls a row whose agents all succeeded succeeded, with the last HTTP status', () => {
    expect(summariseRow(tally(['+91 98111 00001', '919811100002'], { lastHttpStatus: 200 }))).toEqual({
      row: 7,
      status: 'succeeded',
      httpStatus: 200,
      attempts: 1,
      retryable: false,
    });
  });

  it('reports the number of sends that carried the row as attempts', () => {
    expect(summariseRow(tally(['919811100001'], { sends: 3 })).attempts).toBe(3);
  });

  it('calls a row whose agents all failed permanently failed and not retryable', () => {
    const result = summariseRow(tally(['919811100001'], { failures: [{ raw: '919811100001', ...notMember }] }));
    expect(result).toEqual({
      row: 7,
      status: 'failed',
      httpStatus: 200,
      errorCode: 'agent_not_found',
      errorMessage: 'not a team member of the organisation',
      attempts: 1,
      retryable: false,
    });
  });

  it('calls a row with some agents done and others failed partial', () => {
    const result = summariseRow(tally(['919811100001', '919811100002'], { failures: [{ raw: '919811100002', ...notMember }] }));
    expect(result).toMatchObject({ status: 'partial', errorCode: 'agent_not_found', retryable: false });
  });

  it('leaves retryAgents out when nothing is worth retrying', () => {
    const result = summariseRow(tally(['919811100001', '919811100002'], { failures: [{ raw: '919811100002', ...notMember }] }));
    expect(result).not.toHaveProperty('retryAgents');
  });

  it('makes a row with a transient failure retryable, listing the raw agent values', () => {
    const result = summariseRow(tally(['+91 98111 00001', '+91 98111 00002'], { failures: [{ raw: '+91 98111 00002', ...serverDown }] }));
    expect(result).toMatchObject({ status: 'partial', retryable: true, retryAgents: ['+91 98111 00002'] });
  });

  it('lists only the transient failures in retryAgents, not the permanent ones', () => {
    const failures = [
      { raw: 'A1', ...notMember },
      { raw: 'A2', ...serverDown },
    ];
    expect(summariseRow(tally(['A1', 'A2'], { failures })).retryAgents).toEqual(['A2']);
  });

  it('leads with the transient failure, since that is what a rerun fixes', () => {
    const failures = [
      { raw: 'A1', ...notMember },
      { raw: 'A2', ...serverDown },
    ];
    expect(summariseRow(tally(['A1', 'A2'], { failures }))).toMatchObject({ status: 'failed', errorCode: 'server_error', httpStatus: 503 });
  });

  it('calls a row that was never sent not_attempted and retryable with all its agents', () => {
    const result = summariseRow(tally(['A1', 'A2'], { unsent: ['A1', 'A2'], sends: 0 }));
    expect(result).toEqual({
      row: 7,
      status: 'not_attempted',
      errorMessage: 'the run stopped before this row was sent',
      attempts: 0,
      retryable: true,
      retryAgents: ['A1', 'A2'],
    });
  });

  it('calls a row stopped half way partial, retrying only the unsent agents', () => {
    const result = summariseRow(tally(['A1', 'A2', 'A3'], { unsent: ['A3'] }));
    expect(result).toMatchObject({ status: 'partial', retryable: true, retryAgents: ['A3'], errorMessage: 'agent A3: not sent, the run stopped' });
  });

  it('retries both the transient failures and the unsent agents', () => {
    const result = summariseRow(tally(['A1', 'A2', 'A3'], { failures: [{ raw: 'A1', ...serverDown }], unsent: ['A3'] }));
    expect(result.retryAgents).toEqual(['A1', 'A3']);
  });

  it('gives a single-agent row the plain API message', () => {
    expect(summariseRow(tally(['A1'], { failures: [{ raw: 'A1', ...serverDown }] })).errorMessage).toBe('HTTP 503');
  });

  it('names the failed agents in the message when a row has several', () => {
    const failures = [{ raw: '+91 98111 00002', ...notMember }];
    expect(summariseRow(tally(['+91 98111 00001', '+91 98111 00002'], { failures })).errorMessage).toBe(
      'agent +91 98111 00002: not a team member of the organisation',
    );
  });

  it('groups agents that failed with the same message', () => {
    const failures = [
      { raw: 'A1', ...notMember },
      { raw: 'A2', ...notMember },
      { raw: 'A3', ...serverDown },
    ];
    expect(summariseRow(tally(['A1', 'A2', 'A3'], { failures })).errorMessage).toBe('agents A1, A2: not a team member of the organisation; agent A3: HTTP 503');
  });

  it('mentions unsent agents after the failures', () => {
    const result = summariseRow(tally(['A1', 'A2', 'A3'], { failures: [{ raw: 'A1', ...notMember }], unsent: ['A2', 'A3'] }));
    expect(result.errorMessage).toBe('agent A1: not a team member of the organisation; agents A2, A3: not sent, the run stopped');
  });

  it('lists the display names of the agents that went through', () => {
    const t = tally(['A1', 'A2', 'A3'], { failures: [{ raw: 'A3', ...notMember }] });
    t.names.push('Asha Rao', 'Vikram Shah');
    expect(summariseRow(t)).toMatchObject({ status: 'partial', agentNames: ['Asha Rao', 'Vikram Shah'] });
  });

  it('leaves agentNames out when no name is known', () => {
    expect(summariseRow(tally(['A1']))).not.toHaveProperty('agentNames');
  });
});
