import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { allowedRemovals, DEFAULT_REMOVAL_LIMIT, judgeRemovals, parseRemovalLimit } from '../../src/state/removal-guard.js';

describe('parseRemovalLimit', () => {
  it('reads a count, a percentage, and defaults to 5%', () => {
    expect(parseRemovalLimit('12')).toEqual({ kind: 'count', count: 12 });
    expect(parseRemovalLimit(0)).toEqual({ kind: 'count', count: 0 });
    expect(parseRemovalLimit('2.5%')).toEqual({ kind: 'percent', percent: 2.5 });
    expect(parseRemovalLimit(undefined)).toEqual(DEFAULT_REMOVAL_LIMIT);
    expect(DEFAULT_REMOVAL_LIMIT).toEqual({ kind: 'percent', percent: 5 });
  });

  it.each(['-1', 'ten', '5 %%', '101%', '1.5', ''])('refuses %j naming the flag, what it expects and what it got', (text) => {
    let error: unknown;
    try {
      parseRemovalLimit(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(1);
    expect((error as Error).message).toContain('--max-removals expects a whole number');
    expect((error as Error).message).toContain(`but got "${text}"`);
  });
});

describe('judgeRemovals', () => {
  it('passes at N and holds at N+1 for a count', () => {
    const limit = parseRemovalLimit('3');
    expect(judgeRemovals(3, 1000, limit)).toEqual({ decision: 'pass', planned: 3, allowed: 3 });
    const held = judgeRemovals(4, 1000, limit);
    expect(held.decision).toBe('hold');
    expect(held.message).toBe('--mirror would remove 4 pairs, more than --max-removals allows (3): no removal was sent; if these removals are intended, rerun with --max-removals 4');
  });

  it('passes at N% and holds one above it, rounding the allowance down', () => {
    const limit = parseRemovalLimit('5%');
    expect(allowedRemovals(limit, 200)).toBe(10);
    expect(allowedRemovals(limit, 39)).toBe(1);
    expect(judgeRemovals(10, 200, limit).decision).toBe('pass');
    const held = judgeRemovals(11, 200, limit);
    expect(held).toMatchObject({ decision: 'hold', planned: 11, allowed: 10 });
    expect(held.message).toBe('--mirror would remove 11 pairs, more than --max-removals allows (5% of the 200 applied pairs = 10): no removal was sent; if these removals are intended, rerun with --max-removals 11 (or 6%)');
  });

  it('passes nothing planned even on an empty state, and holds any removal under a 0 limit', () => {
    expect(judgeRemovals(0, 0).decision).toBe('pass');
    expect(judgeRemovals(1, 0).decision).toBe('hold');
    expect(judgeRemovals(1, 10, parseRemovalLimit('0')).decision).toBe('hold');
  });
});
