// The sandbox's public shapes and its one defaults object. Programmatic options are checked here so
// a bad value fails at startSandbox() with a message naming the option, not later mid-request.
import { pino, type Logger } from 'pino';
import { UsageError } from '../errors.js';
import type { SandboxChange } from './change-log.js';
import type { Org } from './org.js';

export interface SandboxOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The one key the sandbox accepts in `Authorization`. Default 'sandbox-key'. */
  apiKey?: string;
  /** An organisation object, or the path of a JSON file holding one. Default fixtures/org.json. */
  org?: Org | string;
  /** Tokens per second per presented key; 0 or undefined means no limit. */
  rateLimit?: number;
  /** Bucket size; default max(1, rateLimit). */
  burst?: number;
  /** Retry-After seconds sent with a 429; default none (the reference documents no such header). */
  retryAfter?: number;
  /** Tests only: GET /team answers this status (e.g. 503) instead of the team, to rehearse a directory that cannot be had. */
  teamStatus?: number;
  /** 0..1: share of API requests answered 500/502/503. */
  failRate?: number;
  /** 0..1: share of API requests whose socket is destroyed without an answer. */
  resetRate?: number;
  latencyMs?: number;
  /** Uniform +-jitter added to latencyMs. */
  jitterMs?: number;
  /** Seed of the fault dice; default 1. */
  seed?: number;
  /** Default: silent. At info, one line per request. */
  logger?: Logger;
}

export interface SandboxState {
  /** Current pairs, digits only, sorted by waba, customer, agent. */
  collaborators: { waba: string; customer: string; agent: string }[];
  /** Every chat that has an assignee now, digits only, sorted by waba, customer. */
  assignees: { waba: string; customer: string; agent: string }[];
  /** How many changes the change log holds (the last one's seq); read them with changes(). */
  changeCount: number;
  /** `${waba}|${customer}|${agent}` -> how many accepted (200) add calls carried that pair. */
  addCalls: Record<string, number>;
  removeCalls: Record<string, number>;
  /** Answers per HTTP status code, plus "reset" for connections destroyed on purpose. */
  statusCounts: Record<string, number>;
  /** Arrivals at the rate-limited endpoints: collaborators add/remove, team-member assign/unassign, GET /chats. */
  requests: number;
  /** The same arrivals by endpoint, e.g. "POST /collaborators/add", "GET /chats". */
  apiRequests: Record<string, number>;
  /** Arrivals at GET /team and GET /team/member. */
  teamRequests: number;
  maxRequestsInOneSecond: number;
  maxInFlight: number;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:54321, no trailing slash. */
  url: string;
  close(): Promise<void>;
  state(): SandboxState;
  /** The ordered change log after sequence number `after` (default 0: all of it). */
  changes(after?: number): SandboxChange[];
  /** Back to the organisation file's chats (assignees, collaborators); clears the change log, counts, buckets and the window, and re-seeds the fault dice. */
  reset(): void;
}

export const SANDBOX_DEFAULTS = {
  port: 4010,
  host: '127.0.0.1',
  apiKey: 'sandbox-key',
  rateLimit: 0,
  failRate: 0,
  resetRate: 0,
  latencyMs: 0,
  jitterMs: 0,
  seed: 1,
} as const;

export interface ResolvedSandboxOptions {
  readonly port: number;
  readonly host: string;
  readonly apiKey: string;
  readonly rateLimit: number;
  readonly burst: number;
  readonly retryAfter: number | undefined;
  readonly teamStatus: number | undefined;
  readonly failRate: number;
  readonly resetRate: number;
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly seed: number;
  readonly logger: Logger;
}

interface NumberRule {
  readonly expected: string;
  readonly test: (value: number) => boolean;
}

const probability: NumberRule = { expected: 'a probability from 0 to 1', test: (n) => n >= 0 && n <= 1 };
const milliseconds: NumberRule = { expected: 'a number of milliseconds >= 0', test: (n) => Number.isFinite(n) && n >= 0 };

/** Shared with the CLI so `--fail-rate 2` and `{ failRate: 2 }` are refused for the same reason. */
export const NUMBER_RULES = {
  port: { expected: 'an integer from 0 to 65535', test: (n) => Number.isInteger(n) && n >= 0 && n <= 65535 },
  rateLimit: { expected: 'a number of requests per second >= 0', test: (n) => Number.isFinite(n) && n >= 0 },
  burst: { expected: 'a number >= 1', test: (n) => Number.isFinite(n) && n >= 1 },
  retryAfter: { expected: 'a whole number of seconds >= 0', test: (n) => Number.isInteger(n) && n >= 0 },
  failRate: probability,
  resetRate: probability,
  latencyMs: milliseconds,
  jitterMs: milliseconds,
  seed: { expected: 'an integer', test: (n) => Number.isSafeInteger(n) },
} satisfies Record<string, NumberRule>;

export type NumberOption = keyof typeof NUMBER_RULES;

/**
 * Returns a message naming the option, the expected and the received value, or undefined when fine.
 * `received` is what to quote back, e.g. the text typed on the command line rather than its parse.
 */
export function checkNumber(option: NumberOption, value: unknown, label: string = option, received: unknown = value): string | undefined {
  const rule: NumberRule = NUMBER_RULES[option];
  if (typeof value === 'number' && rule.test(value)) return undefined;
  return `${label} must be ${rule.expected}, received ${JSON.stringify(received) ?? String(received)}`;
}

/** Header values reach the server trimmed, so a key with outer spaces could never match. */
export function checkApiKey(value: unknown, label = 'apiKey'): string | undefined {
  if (typeof value === 'string' && value.length > 0 && value === value.trim() && !/[\r\n]/.test(value)) return undefined;
  return `${label} must be a non-empty string without surrounding spaces or line breaks, received ${JSON.stringify(value)}`;
}

export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const picked = { ...SANDBOX_DEFAULTS, ...withoutUndefined(options) };
  for (const option of Object.keys(NUMBER_RULES) as NumberOption[]) {
    const value = picked[option as keyof typeof picked];
    if (value === undefined && (option === 'burst' || option === 'retryAfter')) continue;
    const problem = checkNumber(option, value, `sandbox option ${option}`);
    if (problem) throw new UsageError(problem);
  }
  const keyProblem = checkApiKey(picked.apiKey, 'sandbox option apiKey');
  if (keyProblem) throw new UsageError(keyProblem);
  if (typeof picked.host !== 'string' || picked.host === '') {
    throw new UsageError(`sandbox option host must be a non-empty string, received ${JSON.stringify(picked.host)}`);
  }
  return {
    port: picked.port,
    host: picked.host,
    apiKey: picked.apiKey,
    rateLimit: picked.rateLimit,
    burst: options.burst ?? Math.max(1, picked.rateLimit),
    retryAfter: options.retryAfter,
    teamStatus: options.teamStatus,
    failRate: picked.failRate,
    resetRate: picked.resetRate,
    latencyMs: picked.latencyMs,
    jitterMs: picked.jitterMs,
    seed: picked.seed,
    logger: options.logger ?? pino({ level: 'silent' }),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
