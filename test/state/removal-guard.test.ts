import { describe, expect, it } from 'vitest';
import { judgeRemovals, parseMaxRemovals } from '../../src/state/removal-guard.js';

describe('parseMaxRemovals', () => {
  it('reads a count or a percentage', () => {
    expect(parseMaxRemovals('50')).toEqual({ count: 50 });
    expect(parseMaxRemovals(' 2.5% ')).toEqual({ percent: 2.5 });
  });

  it('refuses anything else, naming the flag and the value', () => {
    for (const bad of ['', '-1', '1.5', '101%', 'five', '5%%']) expect(() => parseMaxRemovals(bad)).toThrow(/--max-removals must be .* not "/);
  });
});

describe('judgeRemovals', () => {
  it('passes N removals at --max-removals N and holds N + 1', () => {
    expect(judgeRemovals(3, 100, { count: 3 })).toEqual({ hold: false, allowed: 3 });
    const held = judgeRemovals(4, 100, { count: 3 });
    expect(held.hold).toBe(true);
    expect(held.sentence).toContain('would remove 4');
    expect(held.sentence).toContain('--max-removals 4');
  });

  it('takes a percentage of the pairs the state holds as added, rounded down', () => {
    expect(judgeRemovals(5, 100, { percent: 5 })).toEqual({ hold: false, allowed: 5 });
    expect(judgeRemovals(6, 100, { percent: 5 })).toMatchObject({ hold: true, allowed: 5 });
    expect(judgeRemovals(1, 19, { percent: 5 })).toMatchObject({ hold: true, allowed: 0 });
    expect(judgeRemovals(69, 375, { percent: 18.4 })).toEqual({ hold: false, allowed: 69 });
    expect(judgeRemovals(6, 100, { percent: 5 }).sentence).toContain('--max-removals 6%');
  });

  it('lets nothing through when nothing is planned, whatever the limit', () => {
    expect(judgeRemovals(0, 0, { percent: 5 }).hold).toBe(false);
  });
});
