// Two limiters on one real Redis, as two processes would hold them: what one learns from the
// server (a 429) reaches the other through Bottleneck's clustering.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openCluster, type ClusterLink } from '../../src/api/cluster.js';
import { createLimiter, type Answer, type Limiter } from '../../src/api/limiter.js';
import { useRedis } from '../support/redis-server.js';

/** A 429 answer to a request sent 50 ms ago, as the sender reports it. */
const throttled = (retryAfterMs: number): Answer => ({ kind: 'throttled', sentAt: performance.now() - 50, at: performance.now(), retryAfterMs });
const quiet = { paused: () => undefined, resumed: () => undefined, unavailable: () => undefined };

describe('limiters sharing one Redis', () => {
  const redis = useRedis();
  const open: { link: ClusterLink; limiter: Limiter }[] = [];
  afterEach(async () => {
    for (const { link, limiter } of open.splice(0)) {
      await limiter.stop();
      await link.close();
    }
  });
  const join = (limiterId: string, rate: number): Limiter => {
    const link = openCluster({ redisUrl: redis().url, limiterId, waitMs: 10_000 }, quiet);
    const limiter = createLimiter({ ceiling: rate, start: rate }, link);
    open.push({ link, limiter });
    return limiter;
  };

  it('slows every process when one of them is throttled, and holds their sends for the pause', async () => {
    const id = `test-${randomUUID()}`;
    const a = join(id, 20);
    const b = join(id, 20);
    await b.schedule(async () => undefined); // both are registered with Redis before the 429
    await a.schedule(async () => undefined);
    a.observe(throttled(1_500));
    const pausedAt = Date.now();
    for (let i = 0; i < 100 && b.currentRate === 20; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(b.currentRate).toBeLessThan(20);
    const started = await b.schedule(async () => Date.now());
    expect(started - pausedAt).toBeGreaterThanOrEqual(1_000);
  });

  it.each([7, 100])('grants slots at --rate %i, whose spacing is no whole number of ms, and to an adaptive pace', async (rate) => {
    const fixed = join(`test-${randomUUID()}`, rate);
    const link = openCluster({ redisUrl: redis().url, limiterId: `test-${randomUUID()}`, waitMs: 10_000 }, quiet);
    const adaptive = createLimiter({ ceiling: rate, start: Math.min(rate, 10) }, link);
    open.push({ link, limiter: adaptive });
    const ran = await Promise.all([fixed.schedule(async () => 'ran'), adaptive.schedule(async () => 'ran')]);
    expect(ran).toEqual(['ran', 'ran']);
  });

  it('leaves a limiter of another id alone', async () => {
    const a = join(`test-${randomUUID()}`, 20);
    const other = join(`test-${randomUUID()}`, 20);
    await other.schedule(async () => undefined);
    a.observe(throttled(1_500));
    const before = Date.now();
    await other.schedule(async () => undefined);
    expect(Date.now() - before).toBeLessThan(1_000);
    expect(other.currentRate).toBe(20);
  });
});
