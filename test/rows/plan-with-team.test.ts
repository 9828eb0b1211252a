import { describe, expect, it } from 'vitest';
import { PairSet } from '../../src/rows/dedupe.js';
import { dedupePlan } from '../../src/rows/dedupe-plan.js';
import { planRow, type PlanContext } from '../../src/rows/plan.js';
import { TeamIndex } from '../../src/rows/team.js';

const team = new TeamIndex([
  { name: 'Asha Rao', phone: '919811100001', email: 'asha@example.com' },
  { name: 'Rahul Mehta', phone: '919811100003', email: 'rahul.m@example.com' },
  { name: 'Rahul Mehta', phone: '919811100004', email: 'rahul.mehta@example.com' },
]);
const context: PlanContext = { header: ['customer_phone', 'agent_phone', 'waba_number'], columns: { customer: 0, agent: 1, waba: 2 }, team };
const plan = (agents: string, given: PlanContext = context) => planRow({ row: 4, line: 5, fields: ['+919876500001', agents, '919800000001'], raw: '' }, given);

describe('planRow with the team directory', () => {
  it('sends members given by e-mail or name as their phone, once each, with their names', () => {
    expect(plan('asha@example.com; Asha Rao; +919811100001')).toMatchObject({ kind: 'send', agents: [{ raw: 'asha@example.com', digits: '919811100001', name: 'Asha Rao' }] });
  });

  it('keeps agents that are no member apart, to be failed without a request', () => {
    expect(plan('+919811100001; +919811109999')).toMatchObject({
      kind: 'send',
      agents: [{ digits: '919811100001' }],
      notFound: [{ raw: '+919811109999', message: 'not a team member of the organisation' }],
    });
  });

  it('fails a row whose agents are all unknown with attempts 0, not retryable', () => {
    expect(plan('+919811109999; x@example.com')).toEqual({
      kind: 'done',
      result: {
        row: 4,
        status: 'failed',
        errorCode: 'agent_not_found',
        errorMessage: 'agent +919811109999: not a team member of the organisation; agent x@example.com: no team member has this e-mail',
        attempts: 0,
        retryable: false,
      },
      chat: { waba: expect.any(String), customer: expect.any(String) },
    });
  });

  it('refuses the whole row for a name two members share', () => {
    expect(plan('+919811100001; Rahul Mehta')).toMatchObject({ kind: 'done', result: { status: 'invalid', errorCode: 'ambiguous_agent', retryable: false } });
  });

  it('without a directory, leaves an e-mail row invalid but retryable', () => {
    expect(plan('asha@example.com', { ...context, team: undefined })).toMatchObject({ kind: 'done', result: { status: 'invalid', errorCode: 'agent_unresolved', retryable: true } });
  });
});

describe('dedupePlan with unknown agents', () => {
  it('keeps the unknown agents of a row whose known ones an earlier row sends, to settle with that row', () => {
    const seen = new PairSet();
    const first = plan('+919811100001');
    const second = plan('+919811100001; +919811109999');
    if (first.kind !== 'send' || second.kind !== 'send') throw new Error('expected sends');
    dedupePlan(first, seen);
    expect(dedupePlan({ ...second, row: 5 }, seen)).toMatchObject({ kind: 'send', row: 5, agents: [], shared: [{ firstRow: first.row }], notFound: [{ raw: '+919811109999' }] });
  });
});
