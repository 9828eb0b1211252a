import { describe, expect, it } from 'vitest';
import { PairSet } from '../../src/rows/dedupe.js';

function tripleKey(i: number): string {
  return `919800000001\u0000${919876500000 + i}\u0000919811100001`;
}

describe('PairSet', () => {
  it('returns undefined the first time a key is claimed', () => {
    const set = new PairSet();
    expect(set.claim('a', 2)).toBeUndefined();
  });

  it('returns the first claimant row when a key is claimed again', () => {
    const set = new PairSet();
    set.claim('a', 2);
    expect(set.claim('a', 7)).toBe(2);
  });

  it('keeps naming the first claimant however often a key repeats', () => {
    const set = new PairSet();
    set.claim('a', 2);
    set.claim('a', 7);
    expect(set.claim('a', 9)).toBe(2);
  });

  it('remembers row 0', () => {
    const set = new PairSet();
    set.claim('a', 0);
    expect(set.claim('a', 1)).toBe(0);
  });

  it('counts distinct keys only', () => {
    const set = new PairSet();
    set.claim('a', 1);
    set.claim('b', 2);
    set.claim('a', 3);
    expect(set.size).toBe(2);
  });

  it('tells apart keys that differ only in where the separator falls', () => {
    const set = new PairSet();
    set.claim('91\u000098', 1);
    expect(set.claim('919\u00008', 2)).toBeUndefined();
  });

  it('rejects a row number it cannot store', () => {
    expect(() => new PairSet().claim('a', -1)).toThrow(RangeError);
  });

  it('keeps every answer right while growing across 100,000 distinct keys', () => {
    const set = new PairSet();
    const n = 100_000;
    for (let i = 0; i < n; i += 1) {
      if (set.claim(tripleKey(i), i + 1) !== undefined) throw new Error(`key ${i} looked claimed already`);
    }
    for (let i = 0; i < n; i += 1) {
      if (set.claim(tripleKey(i), n + i + 1) !== i + 1) throw new Error(`key ${i} lost its first row`);
    }
    expect(set.size).toBe(n);
  });

  it('keeps each claimed key\'s outcome (one byte) while the table grows, and none for a key never claimed', () => {
    const set = new PairSet();
    const n = 20_000;
    for (let i = 0; i < n; i += 1) {
      set.claim(tripleKey(i), i + 1);
      set.setOutcome(tripleKey(i), (i % 255) + 1);
    }
    for (let i = 0; i < n; i += 1) {
      if (set.outcomeOf(tripleKey(i)) !== (i % 255) + 1) throw new Error(`key ${i} lost its outcome`);
    }
    set.setOutcome(tripleKey(n), 7);
    expect(set.outcomeOf(tripleKey(n))).toBe(0);
    expect(() => set.setOutcome(tripleKey(0), 256)).toThrow(RangeError);
  });

  it('spends at most 28 bytes a key once its parts have grown: 13 a slot, each part at least 47% full', () => {
    const set = new PairSet();
    let mostBytesPerKey = 0;
    for (let i = 0; i < 300_000; i += 1) {
      set.claim(tripleKey(i), i + 1);
      if (i >= 20_000 && i % 500 === 0) mostBytesPerKey = Math.max(mostBytesPerKey, set.byteLength / set.size);
    }
    // Doubling parts would reach 13 / 0.35 = 37 bytes a key just after each growth.
    expect(mostBytesPerKey).toBeLessThan(28);
    expect(mostBytesPerKey).toBeGreaterThan(13 / 0.7);
  });

  it('holds a million keys in under 40 MB of typed arrays, growing a small part at a time', () => {
    const set = new PairSet();
    let largestStep = 0;
    let before = set.byteLength;
    for (let i = 0; i < 1_000_000; i += 1) {
      set.claim(tripleKey(i), i + 1);
      const after = set.byteLength;
      largestStep = Math.max(largestStep, after - before);
      before = after;
    }
    expect(set.size).toBe(1_000_000);
    expect(set.byteLength).toBeLessThan(40 * 1024 * 1024);
    // Measured after every claim, so a step is one part's growth. One table would double from
    // 13.6 to 27 MB in one step, holding both for the copy.
    expect(largestStep).toBeLessThan(1024 * 1024);
  });
});
