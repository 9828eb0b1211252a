import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openState } from '../../src/state/store.js';
import { customer, pair, record, tempDir, WABA } from './helpers.js';

function stateWith(chats: number) {
  const state = openState(join(tempDir(), 'nightly.db'));
  const one = state.beginRun({ input: 'n1.csv', action: 'add' });
  for (let c = 1; c <= chats; c++) for (const a of [1, 2]) state.recordPair(record(c, a), one);
  state.endRun(one, {}, 0);
  return state;
}

describe('the pairs an input names (--mirror)', () => {
  it('counts every named pair, those gathered into full writes and those still pending, and no other', () => {
    const state = stateWith(300);
    const two = state.beginRun({ input: 'n2.csv', action: 'add', mirror: true });
    // 580 pairs named: two full writes of 256 and 68 still gathered when the removals are asked for.
    for (let c = 1; c <= 290; c++) for (const a of [1, 2]) state.see(pair(c, a));
    expect(state.removalFigures(two)).toEqual({ planned: 20, added: 600 });
    expect([...state.removalCandidates(two, 7)]).toEqual(Array.from({ length: 10 }, (_, i) => [pair(291 + i, 1), pair(291 + i, 2)]).flat());
    // Named after the removals were first asked for: still counted.
    state.see(pair(291, 1));
    state.seeChat(WABA, customer(292));
    expect(state.removalCount(two)).toBe(17);
    state.close();
  });

  it('marks only pairs the state added: one it never added, or removed, is no removal either way', () => {
    const state = stateWith(2);
    const two = state.beginRun({ input: 'n2.csv', action: 'remove' });
    state.recordPair(record(2, 2, { kind: 'applied', httpStatus: 200 }, 'remove'), two);
    const three = state.beginRun({ input: 'n3.csv', action: 'add', mirror: true });
    expect(state.see(pair(9, 1))).toBeUndefined();
    expect(state.see(pair(2, 2))).toMatchObject({ action: 'remove', added: false });
    expect([...state.removalCandidates(three)]).toEqual([pair(1, 1), pair(1, 2), pair(2, 1)]);
    state.close();
  });

  it('starts empty in each connection: a resumed run rebuilds it from its input', () => {
    const path = join(tempDir(), 'nightly.db');
    const night1 = openState(path);
    const one = night1.beginRun({ input: 'n1.csv', action: 'add' });
    for (const c of [1, 2, 3]) night1.recordPair(record(c, 1), one);
    night1.close();
    const killed = openState(path);
    const two = killed.beginRun({ input: 'n2.csv', action: 'add', mirror: true });
    killed.see(pair(1, 1));
    killed.see(pair(2, 1));
    expect(killed.removalCount(two)).toBe(1);
    killed.close();
    const resumed = openState(path);
    const three = resumed.beginRun({ input: 'n2.csv', action: 'add', mirror: true });
    expect(resumed.removalCount(three)).toBe(3);
    resumed.see(pair(1, 1));
    resumed.see(pair(2, 1));
    expect([...resumed.removalCandidates(three)]).toEqual([pair(3, 1)]);
    resumed.close();
  });
});
