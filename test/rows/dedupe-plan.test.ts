import { describe, expect, it } from 'vitest';
import { PairSet } from '../../src/rows/dedupe.js';
import { dedupePlan } from '../../src/rows/dedupe-plan.js';
import type { SendPlan } from '../../src/rows/plan.js';

function plan(row: number, agents: string[], customer = '919876543210'): SendPlan {
  return { kind: 'send', row, waba: '919800000001', customer, agents: agents.map((digits) => ({ raw: digits, digits })) };
}

describe('dedupePlan', () => {
  it('sends a triple the first time it appears', () => {
    const first = plan(1, ['919811100001']);
    expect(dedupePlan(first, new PairSet())).toBe(first);
  });

  it('marks a later row with the same chat and agent a duplicate of the first row', () => {
    const seen = new PairSet();
    dedupePlan(plan(3, ['919811100001']), seen);
    const later = dedupePlan(plan(40, ['919811100001']), seen);
    expect(later).toEqual({
      kind: 'done',
      result: { row: 40, status: 'duplicate', errorMessage: 'same chat and agent as row 3', attempts: 0, retryable: false },
    });
  });

  it('keeps only the agents not sent before when a row repeats some of them', () => {
    const seen = new PairSet();
    dedupePlan(plan(1, ['919811100001']), seen);
    const later = dedupePlan(plan(2, ['919811100001', '919811100002']), seen);
    expect(later.kind === 'send' && later.agents.map((a) => a.digits)).toEqual(['919811100002']);
  });

  it('does not call the same agent for another customer a duplicate', () => {
    const seen = new PairSet();
    dedupePlan(plan(1, ['919811100001']), seen);
    expect(dedupePlan(plan(2, ['919811100001'], '919876500002'), seen).kind).toBe('send');
  });
});
