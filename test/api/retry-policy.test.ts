import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryDecision, type RetryPolicy } from '../../src/api/retry-policy.js';

const POLICY: RetryPolicy = { maxRetries: 3, maxThrottled: 6, baseDelayMs: 100, maxDelayMs: 1_000 };
const serverError = { retryable: true, code: 'server_error' };
const throttled = { retryable: true, code: 'rate_limited' };

/** A random source that returns the given values in turn, then the last one forever. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)] ?? 0;
}

function delayOf(decision: RetryDecision): number {
  if (!decision.retry) throw new Error('expected a retry');
  return decision.delayMs;
}

describe('decideRetry', () => {
  it('never retries a failure that is not retryable', () => {
    expect(decideRetry(POLICY, { failures: 1, throttled: 0 }, { retryable: false, code: 'bad_request' })).toEqual({ retry: false });
  });

  it('retries the first retryable failure', () => {
    expect(decideRetry(POLICY, { failures: 1, throttled: 0 }, serverError, sequence(0)).retry).toBe(true);
  });

  it('still retries after maxRetries failures have been counted', () => {
    expect(decideRetry(POLICY, { failures: 3, throttled: 0 }, serverError, sequence(0)).retry).toBe(true);
  });

  it('stops once failures exceed maxRetries', () => {
    expect(decideRetry(POLICY, { failures: 4, throttled: 0 }, serverError)).toEqual({ retry: false });
  });

  it('does not count 429s against maxRetries', () => {
    expect(decideRetry(POLICY, { failures: 0, throttled: 5 }, throttled, sequence(0)).retry).toBe(true);
  });

  it('stops 429s once throttled exceeds maxThrottled', () => {
    expect(decideRetry(POLICY, { failures: 0, throttled: 7 }, throttled)).toEqual({ retry: false });
  });

  it('does not let 429s use up the budget of other failures', () => {
    expect(decideRetry(POLICY, { failures: 1, throttled: 20 }, serverError, sequence(0)).retry).toBe(true);
  });

  it('does not let other failures use up the 429 budget', () => {
    expect(decideRetry(POLICY, { failures: 20, throttled: 1 }, throttled, sequence(0)).retry).toBe(true);
  });

  it('waits up to the base delay after the first failure', () => {
    expect(delayOf(decideRetry(POLICY, { failures: 1, throttled: 0 }, serverError, sequence(0.999)))).toBe(99);
  });

  it('doubles the ceiling with each failure', () => {
    expect(delayOf(decideRetry(POLICY, { failures: 3, throttled: 0 }, serverError, sequence(0.5)))).toBe(200);
  });

  it('caps the ceiling at maxDelayMs', () => {
    const policy = { ...POLICY, maxRetries: 50 };
    expect(delayOf(decideRetry(policy, { failures: 30, throttled: 0 }, serverError, sequence(0.5)))).toBe(500);
  });

  it('can wait zero, since the jitter is full', () => {
    expect(delayOf(decideRetry(POLICY, { failures: 2, throttled: 0 }, serverError, sequence(0)))).toBe(0);
  });

  it('keeps the jittered delay within [0, min(cap, base * 2^(n-1))) for any failure count and random value', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 40 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, r) => {
        const delay = delayOf(decideRetry(policy, { failures, throttled: 0 }, serverError, () => r));
        const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
        return Number.isInteger(delay) && delay >= 0 && delay < ceiling;
      }),
    );
  });

  it('backs off 429s by their own count', () => {
    expect(delayOf(decideRetry(POLICY, { failures: 0, throttled: 2 }, throttled, sequence(0.5)))).toBe(100);
  });

  it('never waits less than Retry-After', () => {
    expect(delayOf(decideRetry(POLICY, { failures: 0, throttled: 1 }, { ...throttled, retryAfterMs: 5_000 }, sequence(0)))).toBe(5_000);
  });

  it('adds under 250 ms of jitter to Retry-After', () => {
    const delay = delayOf(decideRetry(POLICY, { failures: 0, throttled: 1 }, { ...throttled, retryAfterMs: 5_000 }, sequence(0, 0.999)));
    expect(delay).toBe(5_249);
  });

  it('keeps Retry-After as a floor for any history and random values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (round, retryAfterMs, a, b) => {
          const delay = delayOf(decideRetry(POLICY, { failures: 0, throttled: round }, { ...throttled, retryAfterMs }, sequence(a, b)));
          return delay >= retryAfterMs;
        },
      ),
    );
  });

  it('honours Retry-After on a retryable 503 too', () => {
    const outcome = { retryable: true, code: 'server_error', retryAfterMs: 2_000 };
    expect(delayOf(decideRetry(POLICY, { failures: 1, throttled: 0 }, outcome, sequence(0)))).toBe(2_000);
  });

  it('does not retry on Retry-After alone once the budget is spent', () => {
    expect(decideRetry(POLICY, { failures: 0, throttled: 7 }, { ...throttled, retryAfterMs: 1_000 })).toEqual({ retry: false });
  });
});
