// When to send a failed request again, and after how long. Pure, so the policy is tested
// without a network; the pipeline is the only layer that acts on it (got itself never retries).
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/**
 * `attempts` is how many sends were already made. Exponential backoff with full jitter spreads
 * a burst of failures out so the retries do not arrive in lockstep; a server's Retry-After is a
 * floor, never shortened.
 */
export function decideRetry(
  policy: RetryPolicy,
  attempts: number,
  outcome: { retryable: boolean; retryAfterMs?: number },
  random: () => number = Math.random,
): RetryDecision {
  if (!outcome.retryable || attempts > policy.maxRetries) return { retry: false };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  const jittered = Math.floor(random() * ceiling);
  const floor = outcome.retryAfterMs ?? 0;
  return { retry: true, delayMs: Math.max(floor + Math.floor(random() * 250), jittered) };
}
