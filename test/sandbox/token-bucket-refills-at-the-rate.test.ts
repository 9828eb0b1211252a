import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../src/sandbox/token-bucket.js';

describe('the token bucket refills at its rate, per key', () => {
  it('grants the burst, then says how long until the next token', () => {
    const buckets = new TokenBuckets(4, 2);
    expect(buckets.take('k', 0)).toBe(0);
    expect(buckets.take('k', 0)).toBe(0);
    expect(buckets.take('k', 0)).toBe(250);
    expect(buckets.take('other', 0)).toBe(0);
    expect(buckets.take('k', 250)).toBe(0);
    // A long pause refills only up to the burst.
    expect([buckets.take('k', 10_000), buckets.take('k', 10_000), buckets.take('k', 10_000)]).toEqual([0, 0, 250]);
  });
});
