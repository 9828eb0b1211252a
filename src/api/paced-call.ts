// One API call made on its own (a page of GET /chats, one assignment): sent through the shared
// limiter, its answer reported to the limiter, and sent again as the retry policy (retry-policy.ts)
// decides, each resend back through the limiter. This is the retry layer for such calls, as the
// dispatcher is for collaborator requests; got never retries.
import type { ErrorOutcome } from './classify.js';
import type { Limiter } from './limiter.js';
import { paceSignal } from './pace-signal.js';
import { decideRetry, MAX_SERVER_WAIT_MS, type RetryHistory, type RetryPolicy } from './retry-policy.js';

export interface PacedCallOptions {
  limiter: Limiter;
  policy: RetryPolicy;
  /** Tests: the jitter's dice. */
  random?: () => number;
}

export interface PacedResult<S> {
  /** The success, or the last failure once the policy gave up (or the failure is not worth a resend). */
  outcome: S | ErrorOutcome;
  attempts: number;
}

/** `send` makes the call; `left` is to be called once its request is on the wire. */
export async function pacedCall<S extends { kind: string }>(options: PacedCallOptions, send: (left?: () => void) => Promise<S | ErrorOutcome>): Promise<PacedResult<S>> {
  const history: RetryHistory = { failures: 0, throttled: 0 };
  for (let attempts = 1; ; attempts++) {
    let sentAt = performance.now();
    const outcome = await options.limiter.schedule((left) => {
      sentAt = performance.now();
      return send(left);
    });
    options.limiter.observe(paceSignal(outcome, sentAt));
    if (!isError(outcome)) return { outcome, attempts };
    // A server asking for a longer pause than a run would wait out: given up, as a run stops then.
    if ((outcome.retryAfterMs ?? 0) > MAX_SERVER_WAIT_MS) return { outcome, attempts };
    if (outcome.code === 'rate_limited') history.throttled++;
    else history.failures++;
    const decision = decideRetry(options.policy, history, outcome, options.random);
    if (!decision.retry) return { outcome, attempts };
    await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
  }
}

function isError(outcome: { kind: string }): outcome is ErrorOutcome {
  return outcome.kind === 'error';
}
