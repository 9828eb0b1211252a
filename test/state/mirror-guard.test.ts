import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { allowedRemovals, judgeRemovals, parseMaxRemovals } from '../../src/state/mirror-guard.js';

describe('parseMaxRemovals', () => {
  it('reads a number of pairs', () => {
    expect(parseMaxRemovals('500')).toEqual({ kind: 'count', count: 500 });
    expect(parseMaxRemovals('0')).toEqual({ kind: 'count', count: 0 });
  });

  it('reads a percentage, decimals included, and defaults to 5%', () => {
    expect(parseMaxRemovals('5%')).toMatchObject({ kind: 'share', milliPercent: 5000 });
    expect(parseMaxRemovals('0.5%')).toMatchObject({ kind: 'share', milliPercent: 500 });
    expect(parseMaxRemovals('100%')).toMatchObject({ kind: 'share', milliPercent: 100_000 });
    expect(parseMaxRemovals()).toMatchObject({ kind: 'share', milliPercent: 5000, text: '5%' });
  });

  it.each(['', 'five', '-3', '5.5', '101%', '%', '5 %x', '1e3'])('refuses %j naming the flag, what it expects and what it got', (text) => {
    expect(() => parseMaxRemovals(text)).toThrow(UsageError);
    expect(() => parseMaxRemovals(text)).toThrow(`--max-removals must be a number of pairs (such as 500) or a percentage of the pairs the state holds as added (such as 5%), not "${text}"`);
  });
});

describe('judgeRemovals', () => {
  it('passes N removals under --max-removals N and holds N+1', () => {
    const limit = parseMaxRemovals('10');
    expect(judgeRemovals(10, 1000, limit)).toEqual({ hold: false, planned: 10, allowed: 10 });
    const held = judgeRemovals(11, 1000, limit);
    expect(held.hold).toBe(true);
    expect(held.message).toBe('--mirror would remove 11 pairs, more than --max-removals 10 allows, so every removal is held: if the input is complete and these removals are meant, run again with --max-removals 11');
  });

  it('passes exactly N% of the added pairs and holds one more', () => {
    const limit = parseMaxRemovals('5%');
    expect(allowedRemovals(limit, 200)).toBe(10);
    expect(judgeRemovals(10, 200, limit).hold).toBe(false);
    const held = judgeRemovals(11, 200, limit);
    expect(held).toMatchObject({ hold: true, planned: 11, allowed: 10 });
    expect(held.message).toContain('more than --max-removals 5% (10 of the 200 pairs the state holds as added) allows');
    expect(held.message).toContain('run again with --max-removals 11');
  });

  it('rounds a share down, exactly, also for fractional percentages', () => {
    expect(allowedRemovals(parseMaxRemovals('5%'), 199)).toBe(9);
    expect(allowedRemovals(parseMaxRemovals('0.1%'), 1000)).toBe(1);
    expect(allowedRemovals(parseMaxRemovals('7%'), 100)).toBe(7);
    expect(allowedRemovals(parseMaxRemovals('33.333%'), 3000)).toBe(999);
  });

  it('always passes a plan with nothing to remove, and holds any removal under --max-removals 0', () => {
    expect(judgeRemovals(0, 0, parseMaxRemovals('5%')).hold).toBe(false);
    expect(judgeRemovals(1, 0, parseMaxRemovals('0')).message).toContain('would remove 1 pair, more than --max-removals 0 allows');
  });
});
