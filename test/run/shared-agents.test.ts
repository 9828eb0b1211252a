import { describe, expect, it } from 'vitest';
import { PairSet } from '../../src/rows/dedupe.js';
import { pairKey } from '../../src/rows/pair.js';
import { summariseRow, type RowTally } from '../../src/run/row-outcome.js';
import { SharedAgents } from '../../src/run/shared-agents.js';

const WABA = '919800000001';
const CHAT = '917000000001';
const X = { raw: '+919811109999', digits: '919811109999' };
const PAIR = { waba: WABA, customer: CHAT, agent: X.digits };

/** Row 2 borrows X from row 1; with `own`, it also sends an agent of its own (slot 0). */
function setup(own = false) {
  const seen = new PairSet();
  seen.claim(pairKey(PAIR), 1);
  const shared = new SharedAgents(seen);
  const done: RowTally[] = [];
  const agents = [...(own ? [{ raw: 'A', digits: '919811100001' }] : []), { ...X, ownerRow: 1 }];
  const tally: RowTally = { row: 2, waba: WABA, customer: CHAT, agents, open: agents.length, sends: 0 };
  const borrow = () => shared.borrow(tally, agents.length - 1, PAIR, (t) => done.push(t));
  return { shared, done, borrow, tally };
}

describe('SharedAgents', () => {
  it('settles a later row from the earlier row once that row settles', () => {
    const t = setup();
    t.borrow();
    expect(t.done).toEqual([]);
    t.shared.settled(PAIR, { kind: 'failed', code: 'agent_not_found', retryable: false, message: 'not a team member' });
    expect(summariseRow(t.done[0]!)).toMatchObject({ row: 2, status: 'failed', errorCode: 'agent_not_found', retryable: false });
    expect(summariseRow(t.done[0]!).errorMessage).toContain('row 1');
  });

  it('settles at once from an outcome already recorded, with the name the answer gave', () => {
    const t = setup();
    t.shared.settled(PAIR, { kind: 'applied', httpStatus: 200, name: 'Kiran Das' });
    t.borrow();
    expect(summariseRow(t.done[0]!)).toMatchObject({ status: 'succeeded', agentNames: ['Kiran Das'] });
  });

  it('leaves the later row not_attempted, not failed, when the earlier row was not sent', () => {
    const t = setup();
    t.shared.settled(PAIR, { kind: 'not_attempted', code: 'unauthorized', message: 'not sent' });
    t.borrow();
    expect(summariseRow(t.done[0]!)).toMatchObject({ status: 'not_attempted', errorCode: 'unauthorized', retryable: true, retryAgents: [X.raw], attempts: 0 });
  });

  it('counts the shared agent into a row that also sent its own', () => {
    const t = setup(true);
    t.borrow();
    t.shared.settled(PAIR, { kind: 'failed', code: 'agent_not_found', retryable: false, message: 'not a team member' });
    expect(t.done).toEqual([]);
    t.tally.agents[0]!.outcome = { kind: 'applied' };
    t.tally.open--;
    expect(summariseRow(t.tally)).toMatchObject({ status: 'partial', errorCode: 'agent_not_found' });
  });
});
