import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorOutcome } from '../../src/api/classify.js';
import { createLimiter, type Answer, type Limiter } from '../../src/api/limiter.js';
import { pacedCall } from '../../src/api/paced-call.js';
import type { RetryPolicy } from '../../src/api/retry-policy.js';

const policy: RetryPolicy = { maxRetries: 2, maxThrottled: 3, baseDelayMs: 5, maxDelayMs: 20 };
const ok = { kind: 'done' as const };
const error = (httpStatus: number, code: ErrorOutcome['code'], retryable: boolean): ErrorOutcome => ({ kind: 'error', httpStatus, code, message: `HTTP ${httpStatus}`, retryable });

/** A real limiter whose observed answers are kept. */
function watched(): { limiter: Limiter; seen: Answer['kind'][] } {
  const inner = createLimiter({ ceiling: 0, start: 0 });
  const seen: Answer['kind'][] = [];
  return { seen, limiter: { ...inner, schedule: (job) => inner.schedule(job), observe: (answer) => (seen.push(answer.kind), inner.observe(answer)), stop: () => inner.stop(), currentRate: 0 } };
}

describe('pacedCall', () => {
  let limiter: Limiter | undefined;
  afterEach(() => limiter?.stop());

  it('sends again through the limiter after a 5xx and a 429 until it succeeds, telling the limiter each answer', async () => {
    const { limiter: paced, seen } = watched();
    limiter = paced;
    const answers = [error(503, 'server_error', true), { ...error(429, 'rate_limited', true), retryAfterMs: 10 }, ok];
    const result = await pacedCall({ limiter, policy }, async () => answers.shift()!);
    expect(result).toEqual({ outcome: ok, attempts: 3 });
    expect(seen).toEqual(['failed', 'throttled', 'granted']);
  });

  it('gives up at once on a failure not worth a resend, and after the policy\'s retries on one that is', async () => {
    limiter = watched().limiter;
    let calls = 0;
    const unauthorized = error(401, 'unauthorized', false);
    expect(await pacedCall({ limiter, policy }, async () => (calls++, unauthorized))).toEqual({ outcome: unauthorized, attempts: 1 });
    const down = error(502, 'server_error', true);
    expect(await pacedCall({ limiter, policy }, async () => down)).toEqual({ outcome: down, attempts: 3 });
    expect(calls).toBe(1);
  });

  it('gives up when the server asks for a longer pause than a run would wait', async () => {
    limiter = watched().limiter;
    const tooLong = { ...error(429, 'rate_limited', true), retryAfterMs: 60 * 60_000 };
    expect(await pacedCall({ limiter, policy }, async () => tooLong)).toEqual({ outcome: tooLong, attempts: 1 });
  });
});
