import { describe, expect, it } from 'vitest';
import type { SendOutcome } from '../../src/api/classify.js';
import { createActivity, currentPause, recentRate, recordAnswer } from '../../src/run/activity.js';

const ok: SendOutcome = { kind: 'answered', httpStatus: 200, answer: { success: [], failed: [] } };
const throttled: SendOutcome = { kind: 'error', httpStatus: 429, code: 'rate_limited', message: 'Too Many Requests', retryable: true, retryAfterMs: 2000 };
const refused: SendOutcome = { kind: 'error', code: 'network_error', message: 'network error: ECONNREFUSED', retryable: true };

describe('activity', () => {
  it('counts answers, 429s and errors per second of the run, with quiet seconds as zeros', () => {
    const a = createActivity(0);
    recordAnswer(a, ok, 100);
    recordAnswer(a, throttled, 900);
    recordAnswer(a, refused, 3200);
    expect(a.seconds).toEqual([
      { second: 0, requests: 2, throttled: 1, errors: 0 },
      { second: 1, requests: 0, throttled: 0, errors: 0 },
      { second: 2, requests: 0, throttled: 0, errors: 0 },
      { second: 3, requests: 1, throttled: 0, errors: 1 },
    ]);
  });

  it('gives the recent rate over the last five seconds', () => {
    const a = createActivity(0);
    for (let t = 0; t < 10_000; t += 100) recordAnswer(a, ok, t);
    expect(recentRate(a, 10_000)).toBeCloseTo(10, 5);
  });

  it('is paused through a Retry-After, and says it is the API throttling', () => {
    const a = createActivity(0);
    recordAnswer(a, throttled, 1000);
    expect(currentPause(a, 2000, 0)?.why).toBe('the API is throttling us (429 Too Many Requests, Retry-After 2 s)');
    expect(currentPause(a, 3500, 0)).toBeUndefined();
  });

  it('is paused while rows wait to retry after a network failure, until an answer goes through', () => {
    const a = createActivity(0);
    recordAnswer(a, refused, 1000);
    expect(currentPause(a, 5000, 2)).toEqual({ kind: 'network', why: 'cannot reach the API (ECONNREFUSED)' });
    recordAnswer(a, ok, 5100);
    expect(currentPause(a, 5200, 2)).toBeUndefined();
  });
});
