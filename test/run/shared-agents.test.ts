import { describe, expect, it } from 'vitest';
import { PairSet } from '../../src/rows/dedupe.js';
import { createTally, summariseRow, type RowTally } from '../../src/run/row-outcome.js';
import { SharedAgents } from '../../src/run/shared-agents.js';

const WABA = '919800000001';
const CHAT = '917000000001';
const X = { raw: '+919811109999', digits: '919811109999' };

function setup() {
  const seen = new PairSet();
  seen.claim(`${WABA}|${CHAT}|${X.digits}`, 1);
  const shared = new SharedAgents(seen);
  const done: RowTally[] = [];
  const borrow = (tally: RowTally) => shared.borrow(tally, WABA, CHAT, X, 1, (t) => done.push(t));
  return { shared, done, borrow };
}

describe('SharedAgents', () => {
  it('settles a later row from the earlier row once that row settles', () => {
    const t = setup();
    const tally = createTally(2, 1);
    t.borrow(tally);
    expect(t.done).toEqual([]);
    t.shared.settled(WABA, CHAT, X.digits, { kind: 'permanent', code: 'agent_not_found' });
    expect(summariseRow(t.done[0]!)).toMatchObject({ row: 2, status: 'failed', errorCode: 'agent_not_found', retryable: false });
    expect(summariseRow(t.done[0]!).errorMessage).toContain('row 1');
  });

  it('settles at once from an outcome already recorded', () => {
    const t = setup();
    t.shared.settled(WABA, CHAT, X.digits, { kind: 'ok' });
    const tally = createTally(2, 1);
    t.borrow(tally);
    expect(summariseRow(t.done[0]!)).toMatchObject({ status: 'succeeded' });
  });

  it('leaves the later row retryable when the earlier row was not sent', () => {
    const t = setup();
    t.shared.settledWithRow({ waba: WABA, customer: CHAT, agents: [X] }, { row: 1, status: 'not_attempted', attempts: 0, retryable: true });
    const tally = createTally(2, 1);
    t.borrow(tally);
    expect(summariseRow(t.done[0]!)).toMatchObject({ status: 'failed', retryable: true, retryAgents: [X.raw] });
  });

  it('counts the shared agent into a row that also sent its own', () => {
    const t = setup();
    const tally = createTally(2, 2);
    t.borrow(tally);
    t.shared.settled(WABA, CHAT, X.digits, { kind: 'permanent', code: 'agent_not_found' });
    expect(t.done).toEqual([]);
    tally.succeeded++;
    tally.open--;
    expect(summariseRow(tally)).toMatchObject({ status: 'partial', errorCode: 'agent_not_found' });
  });
});
