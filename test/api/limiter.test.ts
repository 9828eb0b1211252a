// The limiter: its pauses end with a stop, a server's wait is capped (a Retry-After past 2^31 ms
// must not overflow into a timer that fires at once), no 1-s window holds more than an explicit
// --rate R, and a cut reaches the jobs already waiting.
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
    const limiter = createLimiter({ ceiling: rate, start: rate });
    expect(await limiter.schedule(async () => 'ran')).toBe('ran');
    await limiter.stop();
  });

  it('holds jobs through a 429 pause', async () => {
    const limiter = createLimiter({ ceiling: rate, start: rate });
    limiter.observe(throttled(60_000));
    let ran = false;
    void limiter.schedule(async () => (ran = true)).catch(() => undefined);
    await tick(100);
    expect(ran).toBe(false);
    await limiter.stop();
  });

  it('does not let a wait past 2^31 ms overflow into an immediate timer', async () => {
    const limiter = createLimiter({ ceiling: rate, start: rate });
    limiter.observe(throttled(3_000_000_000));
    let ran = false;
    void limiter.schedule(async () => (ran = true)).catch(() => undefined);
    await tick(100);
    expect(ran).toBe(false);
    await limiter.stop();
  });

  it('ends a pause on stop, so a stop never sits out a Retry-After', async () => {
    const limiter = createLimiter({ ceiling: rate, start: rate });
    limiter.observe(throttled(60_000));
    const job = limiter.schedule(async () => 'ran').catch(() => 'dropped');
    await tick(20);
    await limiter.stop();
    // Dropped by the throttled limiter, released by the unlimited one: either way, not waiting 60 s.
    expect(['ran', 'dropped']).toContain(await job);
  });
});

/** The most of `times` (ms) in any window of `spanMs`, counted as the sandbox does: (t - span, t]. */
function busiest(times: readonly number[], spanMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let head = 0, tail = 0; head < sorted.length; head++) {
    while (sorted[tail]! <= sorted[head]! - spanMs) tail++;
    most = Math.max(most, head - tail + 1);
  }
  return most;
}

describe('the rate-limited limiter at an explicit --rate R', () => {
  it('never lets more than R sends into any 1-s window, even when requests leave late', async () => {
    const R = 40;
    const limiter = createLimiter({ ceiling: R, start: R });
    const sent: number[] = [];
    const started = performance.now();
    try {
      // Every fifth request takes 150 ms to leave after its start (a new connection, a busy event
      // loop): spacing starts alone lets 42 into one second here; the window counts when they left.
      await Promise.all(
        Array.from({ length: 3 * R + 10 }, (_, i) =>
          limiter.schedule(async (left) => {
            if (i % 5 === 0) await tick(150);
            sent.push(performance.now());
            left?.();
          }),
        ),
      );
    } finally {
      await limiter.stop();
    }
    expect(sent).toHaveLength(3 * R + 10);
    expect(busiest(sent, 1_000)).toBeLessThanOrEqual(R);
    // And the window is not bought by sending slowly: 130 sends at 40/s take 3 windows and a little.
    expect(performance.now() - started).toBeLessThan(4_500);
  }, 15_000);

  it('spaces the first window at the pace, then lets the slots space the sends: a clump a stall frees goes at half the spacing', async () => {
    const R = 20;
    const limiter = createLimiter({ ceiling: R, start: R });
    const sent: number[] = [];
    let stallEnd = 0;
    try {
      await Promise.all(
        Array.from({ length: 2 * R + 10 }, () =>
          limiter.schedule(async (left) => {
            sent.push(performance.now());
            left?.();
            // Send 26 is in the second window: the event loop stalls 400 ms, and the eight slots due meanwhile come back together.
            if (sent.length === R + 6) {
              stallEnd = performance.now() + 400;
              while (performance.now() < stallEnd);
            }
          }),
        ),
      );
    } finally {
      await limiter.stop();
    }
    const gaps = (times: number[]): number[] => times.slice(1).map((at, i) => at - times[i]!);
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    expect(median(gaps(sent.slice(0, R)))).toBeGreaterThanOrEqual(45);
    const afterStall = sent.filter((at) => at >= stallEnd).slice(0, 8);
    expect(afterStall).toHaveLength(8);
    // At the pace's 50 ms they would go 350 ms apart end to end; at half, 175.
    expect(afterStall[7]! - afterStall[0]!).toBeLessThan(260);
    expect(busiest(sent, 1_000)).toBeLessThanOrEqual(R);
  }, 15_000);

  it('holds back the jobs already waiting when the pace is cut: only the few handed ahead go at the old pace', async () => {
    const limiter = createLimiter({ ceiling: 200, start: 200 });
    const sent: number[] = [];
    const jobs = Array.from({ length: 150 }, () =>
      limiter
        .schedule(async (left) => {
          const at = performance.now();
          sent.push(at);
          left?.();
          if (sent.length <= 40) limiter.observe({ kind: 'granted', sentAt: at, at: performance.now() });
          if (sent.length === 40) limiter.observe({ kind: 'throttled', sentAt: at, at: performance.now() });
        })
        .catch(() => undefined),
    );
    await waitUntil(() => sent.length >= 40);
    const cutAt = performance.now();
    await tick(400);
    await limiter.stop();
    await Promise.all(jobs);
    // At 200/s, 400 ms would have let 80 more go; cut to 0.7 of the 40 granted (28/s), about 11 go,
    // plus the few Bottleneck had already planned.
    expect(sent.filter((at) => at > cutAt).length).toBeLessThanOrEqual(16);
  });
});

async function waitUntil(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ready(); i++) await tick(5);
}
