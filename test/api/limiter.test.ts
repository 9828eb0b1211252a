// The limiter's pauses end with a stop, and a server's wait is capped: a Retry-After past 2^31 ms
// must not overflow into a timer that fires at once.
import { describe, expect, it } from 'vitest';
import { createLimiter, type Answer } from '../../src/api/limiter.js';

/** A 429 answer to a request sent 50 ms ago, as the sender reports it. */
const throttled = (retryAfterMs: number): Answer => ({ kind: 'throttled', sentAt: performance.now() - 50, at: performance.now(), retryAfterMs });

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  ['rate-limited', 50],
  ['unlimited (--rate 0)', 0],
])('the %s limiter', (_name, rate) => {
  it('runs a job at once when not paused', async () => {
    const limiter = createLimiter({ ceiling: rate, start: rate, concurrency: 4 });
    expect(await limiter.schedule(async () => 'ran')).toBe('ran');
    await limiter.stop();
  });

  it('holds jobs through a 429 pause', async () => {
    const limiter = createLimiter({ ceiling: rate, start: rate, concurrency: 4 });
    limiter.observe(throttled(60_000));
    let ran = false;
    void limiter.schedule(async () => (ran = true)).catch(() => undefined);
    await tick(100);
    expect(ran).toBe(false);
    await limiter.stop();
  });

  it('does not let a wait past 2^31 ms overflow into an immediate timer', async () => {
    const limiter = createLimiter({ ceiling: rate, start: rate, concurrency: 4 });
    limiter.observe(throttled(3_000_000_000));
    let ran = false;
    void limiter.schedule(async () => (ran = true)).catch(() => undefined);
    await tick(100);
    expect(ran).toBe(false);
    await limiter.stop();
  });

  it('ends a pause on stop, so a stop never sits out a Retry-After', async () => {
    const limiter = createLimiter({ ceiling: rate, start: rate, concurrency: 4 });
    limiter.observe(throttled(60_000));
    const job = limiter.schedule(async () => 'ran').catch(() => 'dropped');
    await tick(20);
    await limiter.stop();
    // Dropped by the throttled limiter, released by the unlimited one: either way, not waiting 60 s.
    expect(['ran', 'dropped']).toContain(await job);
  });
});
