// What one API outcome tells the rate limiter about our pace: only a 429 says we went too fast; a
// 4xx was still taken and judged by the server; a 5xx, a timeout or no answer says nothing either
// way. (src/run/sender.ts reads collaborator answers the same way.)
import type { Answer } from './limiter.js';

/** Any call's outcome: `kind: 'error'` with what came back, or a success of any kind. */
export interface PacedOutcome {
  kind: string;
  httpStatus?: number;
  retryAfterMs?: number;
}

/** `sentAt` and the answer time are on the performance.now() clock. */
export function paceSignal(outcome: PacedOutcome, sentAt: number, at = performance.now()): Answer {
  if (outcome.kind !== 'error') return { sentAt, at, kind: 'granted' };
  if (outcome.httpStatus === 429) return { sentAt, at, kind: 'throttled', retryAfterMs: outcome.retryAfterMs };
  const taken = outcome.httpStatus !== undefined && outcome.httpStatus < 500;
  return { sentAt, at, kind: taken ? 'granted' : 'failed' };
}
