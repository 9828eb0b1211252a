// When to send a failed request again, and after how long. Pure, so the policy is tested
// without a network; the dispatcher is the only layer that acts on it (got itself never retries).
export interface RetryPolicy {
  /** Resends allowed after failures that are not throttling (5xx, network, timeout). */
  maxRetries: number;
  /** Resends allowed after 429s: the server pacing us is not a fault of the row, but still bounded. */
  maxThrottled: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The longest a server may ask us to wait (Retry-After) before the run gives up and stops, as if
 * interrupted: a night's wait is better spent by a --resume later. Also keeps every timer far below
 * setTimeout's 2^31 ms ceiling, past which Node fires it at once.
 */
export const MAX_SERVER_WAIT_MS = 15 * 60_000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, maxThrottled: 20, baseDelayMs: 500, maxDelayMs: 30_000 };

/** What a task has been through so far, this failure included. */
export interface RetryHistory {
  failures: number;
  throttled: number;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/**
 * Exponential backoff with full jitter spreads a burst of failures so the retries do not arrive in
 * lockstep; a server's Retry-After is a floor, never shortened (plus a little jitter of its own).
 */
export function decideRetry(
  policy: RetryPolicy,
  history: RetryHistory,
  outcome: { retryable: boolean; code?: string; retryAfterMs?: number },
  random: () => number = Math.random,
): RetryDecision {
  if (!outcome.retryable) return { retry: false };
  const throttled = outcome.code === 'rate_limited';
  if (throttled ? history.throttled > policy.maxThrottled : history.failures > policy.maxRetries) return { retry: false };
  const round = throttled ? history.throttled : history.failures;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (round - 1));
  const jittered = Math.floor(random() * ceiling);
  if (outcome.retryAfterMs === undefined) return { retry: true, delayMs: jittered };
  const delayMs = Math.max(outcome.retryAfterMs + Math.floor(random() * 250), Math.min(jittered, outcome.retryAfterMs * 2));
  return { retry: true, delayMs: Math.min(delayMs, MAX_SERVER_WAIT_MS) };
}
