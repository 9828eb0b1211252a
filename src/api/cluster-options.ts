// Which shared allowance a run joins when --redis-url is given: the Redis to meet in and the
// limiter's name there. Every process naming the same limiter shares one rate; by default the name
// comes from a hash of the API key and base URL (one key, one limit), so the key never leaves us.
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

export interface ClusterOptions {
  readonly redisUrl: string;
  readonly limiterId: string;
  /** How long sending waits for an unreachable Redis before the run stops (--redis-wait, seconds). */
  readonly waitMs: number;
}

export const DEFAULT_REDIS_WAIT_SECONDS = 30;

const LIMITER_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function resolveCluster(given: { url?: string; limiterId?: string; waitSeconds?: number; apiKey: string; baseUrl: string }): ClusterOptions | undefined {
  const url = given.url?.trim();
  if (!url) {
    if (given.limiterId !== undefined) throw new UsageError('--limiter-id names a limiter shared through Redis: it needs --redis-url (or COLLAB_BULK_REDIS_URL)');
    return undefined;
  }
  const wait = given.waitSeconds ?? DEFAULT_REDIS_WAIT_SECONDS;
  if (!Number.isFinite(wait) || wait < 1 || wait > 3600) throw new UsageError(`--redis-wait must be a number of seconds from 1 to 3600, not "${wait}"`);
  return {
    redisUrl: redisUrl(url),
    limiterId: given.limiterId === undefined ? defaultLimiterId(given.apiKey, given.baseUrl) : limiterId(given.limiterId),
    waitMs: Math.round(wait * 1000),
  };
}

/** Same key and base URL, same limiter: a one-way hash, so Redis never holds the key. */
export function defaultLimiterId(apiKey: string, baseUrl: string): string {
  const digest = createHash('sha256').update(`collab-bulk\n${apiKey}\n${new URL(baseUrl).origin}`).digest('hex');
  return `collab-bulk-${digest.slice(0, 24)}`;
}

function redisUrl(value: string): string {
  try {
    const parsed = new URL(value);
    if ((parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') && parsed.hostname) return value;
  } catch {
    // fall through to the message below
  }
  throw new UsageError(`--redis-url must be a redis:// or rediss:// URL such as redis://localhost:6379, not "${redact(value)}"`);
}

function limiterId(value: string): string {
  if (LIMITER_ID.test(value)) return value;
  throw new UsageError(`--limiter-id must be 1 to 100 letters, digits or . _ : -, not "${value}"`);
}

/** A Redis URL can carry a password: never echo it. */
export function redact(value: string): string {
  return value.replace(/\/\/([^@/]*)@/, '//***@');
}
