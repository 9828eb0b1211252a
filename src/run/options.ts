// What a run is asked to do, fully resolved: defaults live here, in one object, and every
// flag is checked with a message naming the flag, what was expected and what was received.
import { basename } from 'node:path';
import type { CountryCode } from 'libphonenumber-js';
import { UsageError } from '../errors.js';
import type { Action } from '../api/request.js';
import type { ColumnOverrides } from '../input/columns.js';
import { parseDelimiterOption, type Delimiter } from '../input/delimiter.js';
import { isCountryCode, normalisePhone } from '../rows/phone.js';
import { resolveCluster, type ClusterOptions } from '../api/cluster-options.js';
import { parseShard, type Shard } from './shard.js';
import { DEFAULT_MAX_REMOVALS, parseMaxRemovals, type MaxRemovals } from '../state/removal-guard.js';

export const RUN_DEFAULTS = {
  baseUrl: 'https://public.doubletick.io',
  action: 'add' as Action,
  encoding: 'utf8',
  rate: 'auto' as const,
  /**
   * The most --rate auto ever sends, per second. The API documents no limit for these endpoints, so
   * one that never throttles would otherwise be pushed ever faster: 100/s finishes 100,000 rows in
   * under 20 minutes and keeps a shared production API, and this machine, far from overload.
   */
  maxRate: 100,
  concurrency: 4,
  timeoutMs: 30_000,
  maxRetries: 5,
  maxAgentsPerRequest: 20,
  coalesce: true,
  teamCheck: true,
  /** Rows read ahead of the oldest unfinished row: bounds memory and the coalescing horizon. */
  window: 2_000,
  graceMs: 10_000,
  logLevel: 'info',
  /** Seconds between progress lines when stderr is not a terminal (cron, CI, a pipe). */
  progressIntervalSeconds: 10,
} as const;

/** Far above any real API's limit; keeps the rate window's memory (8 bytes a request) small. */
export const MAX_RATE = 10_000;
/** Ten minutes; also keeps the timer well below setTimeout's 2^31 ms ceiling. */
export const MAX_TIMEOUT_MS = 600_000;
/** What Node's HTTP client refuses in a header value. */
const NOT_HEADER_TEXT = /[^\t\x20-\x7e\x80-\xff]/;

/** What the command line (or a test) gives; anything left out takes its default. */
export interface RunInput {
  input: string;
  apiKey?: string;
  baseUrl?: string;
  action?: string;
  customerColumn?: string;
  wabaColumn?: string;
  agentColumn?: string;
  waba?: string;
  defaultCountry?: string;
  delimiter?: string;
  encoding?: string;
  /** 'auto' (or left out): adaptive up to --max-rate; a number N: adaptive under a hard ceiling of N; 0: no limit. */
  rate?: number | string;
  maxRate?: number;
  concurrency?: number;
  timeout?: number;
  maxRetries?: number;
  maxAgentsPerRequest?: number;
  coalesce?: boolean;
  teamCheck?: boolean;
  maxErrorRate?: number;
  out?: string;
  dryRun?: boolean;
  resume?: boolean;
  excel?: boolean;
  progress?: boolean;
  quiet?: boolean;
  progressInterval?: number;
  logLevel?: string;
  shard?: string;
  redisUrl?: string;
  limiterId?: string;
  logFile?: string;
  redisWait?: number;
  /** --state FILE: the nightly state of applied pairs. */
  state?: string;
  mirror?: boolean;
  maxRemovals?: string;
  assign?: boolean;
}

export interface RunOptions {
  readonly input: string;
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly action: Action;
  readonly columns: ColumnOverrides;
  readonly waba?: string;
  readonly defaultCountry?: CountryCode;
  readonly delimiter?: Delimiter;
  readonly encoding: string;
  /** Requests per second never exceeded (--rate N, or --max-rate under --rate auto); 0 = no limit. */
  readonly rate: number;
  /** --rate auto: the pace starts at AUTO_START_RATE instead of at the ceiling. */
  readonly rateAuto: boolean;
  /** Cap on requests in flight (the dispatcher and the HTTP agent both hold to it). */
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxAgentsPerRequest: number;
  readonly coalesce: boolean;
  /** Read the team directory (GET /team) once before the first collaborator request. */
  readonly teamCheck: boolean;
  readonly maxErrorRate?: number;
  readonly outDir: string;
  readonly dryRun: boolean;
  readonly resume: boolean;
  readonly excel: boolean;
  /** Show progress (a bar on a terminal, a line every progressIntervalSeconds elsewhere). */
  readonly progress: boolean;
  readonly progressIntervalSeconds: number;
  readonly window: number;
  readonly graceMs: number;
  readonly logLevel: string;
  /** This process's share of the rows when several split one input (--shard i/n). */
  readonly shard?: Shard;
  /** One allowance shared through Redis by every process that names the same limiter. */
  readonly cluster?: ClusterOptions;
  /** JSON logs go here instead of stderr. */
  readonly logFile?: string;
  /** --state: the SQLite file of pairs applied across runs. */
  readonly statePath?: string;
  /** --mirror: remove the pairs the state added that the input no longer names. */
  readonly mirror: boolean;
  readonly maxRemovals: MaxRemovals;
  /** --assign: a reassignment row's single to-agent also becomes the chat's primary assignee. */
  readonly assign: boolean;
}

export function resolveRunOptions(given: RunInput, env: NodeJS.ProcessEnv = process.env, now = new Date()): Readonly<RunOptions> {
  const dryRun = given.dryRun ?? false;
  const apiKey = (given.apiKey || env.DOUBLETICK_API_KEY || '').trim();
  if (!apiKey && !dryRun) throw new UsageError('no API key: pass --api-key or set DOUBLETICK_API_KEY (or use --dry-run to send nothing)');
  // An HTTP header carries Latin-1 only; such a key would fail every request as a "network error".
  // The message never quotes the key.
  if (NOT_HEADER_TEXT.test(apiKey)) {
    throw new UsageError('the API key holds a character an HTTP header cannot carry (outside Latin-1, or a control character): copy the key again from DoubleTick');
  }
  const action = given.action ?? RUN_DEFAULTS.action;
  if (action !== 'add' && action !== 'remove') throw new UsageError(`--action must be add or remove, not "${action}"`);
  const rateAuto = isAuto(given.rate ?? RUN_DEFAULTS.rate);
  const maxRate = number('--max-rate', given.maxRate ?? RUN_DEFAULTS.maxRate, { min: 1, max: MAX_RATE });
  const rate = rateAuto ? maxRate : number('--rate', rateNumber(given.rate), { min: 0, max: MAX_RATE });
  const defaultCountry = country(given.defaultCountry);
  const baseUrl = url(given.baseUrl ?? env.DOUBLETICK_BASE_URL ?? RUN_DEFAULTS.baseUrl);
  if (given.shard !== undefined && given.input === '-') throw new UsageError('--shard needs the input as a file: every shard reads the whole file');
  return {
    input: given.input,
    apiKey,
    baseUrl,
    action,
    columns: { customer: given.customerColumn, waba: given.wabaColumn, agent: given.agentColumn },
    waba: given.waba === undefined ? undefined : wabaNumber(given.waba, defaultCountry),
    defaultCountry,
    delimiter: given.delimiter === undefined ? undefined : parseDelimiterOption(given.delimiter),
    encoding: given.encoding ?? RUN_DEFAULTS.encoding,
    rate,
    rateAuto,
    concurrency: given.concurrency === undefined ? autoConcurrency(rate) : number('--concurrency', given.concurrency, { min: 1, max: 1000, integer: true }),
    timeoutMs: number('--timeout', given.timeout ?? RUN_DEFAULTS.timeoutMs, { min: 1, max: MAX_TIMEOUT_MS, integer: true }),
    maxRetries: number('--max-retries', given.maxRetries ?? RUN_DEFAULTS.maxRetries, { min: 0, max: 100, integer: true }),
    maxAgentsPerRequest: number('--max-agents-per-request', given.maxAgentsPerRequest ?? RUN_DEFAULTS.maxAgentsPerRequest, { min: 1, max: 1000, integer: true }),
    coalesce: given.coalesce ?? RUN_DEFAULTS.coalesce,
    teamCheck: given.teamCheck ?? RUN_DEFAULTS.teamCheck,
    maxErrorRate: given.maxErrorRate === undefined ? undefined : number('--max-error-rate', given.maxErrorRate, { min: 0, max: 100 }),
    outDir: given.out ?? defaultOutDir(given.input, now),
    dryRun,
    resume: given.resume ?? false,
    excel: given.excel ?? false,
    progress: !(given.quiet ?? false) && (given.progress ?? true),
    progressIntervalSeconds: number('--progress-interval', given.progressInterval ?? RUN_DEFAULTS.progressIntervalSeconds, { min: 0.1 }),
    window: RUN_DEFAULTS.window,
    graceMs: RUN_DEFAULTS.graceMs,
    logLevel: given.logLevel ?? RUN_DEFAULTS.logLevel,
    shard: given.shard === undefined ? undefined : parseShard(given.shard),
    cluster: resolveCluster({ url: given.redisUrl ?? env.COLLAB_BULK_REDIS_URL, limiterId: given.limiterId, waitSeconds: given.redisWait, apiKey, baseUrl }),
    ...(given.logFile ? { logFile: given.logFile } : {}),
    ...(given.state ? { statePath: given.state } : {}),
    mirror: mirrorFlag(given),
    maxRemovals: given.maxRemovals === undefined ? DEFAULT_MAX_REMOVALS : parseMaxRemovals(given.maxRemovals),
    assign: given.assign ?? false,
  };
}

function mirrorFlag(given: RunInput): boolean {
  if (!given.mirror) return false;
  if (!given.state) throw new UsageError('--mirror needs --state FILE: only pairs the state recorded as added by collab-bulk are ever removed');
  if ((given.action ?? RUN_DEFAULTS.action) !== 'add') throw new UsageError('--mirror goes with --action add: it removes what an add run no longer names');
  return true;
}

/** Where --rate auto starts, in requests per second, before probing upward. */
export const AUTO_START_RATE = 10;

/**
 * Slow answers need more requests in flight to keep up with the rate (in flight = rate x latency):
 * unless --concurrency is given, the cap follows the ceiling, with room for two-second answers.
 */
export function autoConcurrency(rate: number): number {
  if (rate <= 0) return 16;
  return Math.min(256, Math.max(RUN_DEFAULTS.concurrency, Math.ceil(rate * 2)));
}

function isAuto(value: number | string): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === 'auto';
}

function rateNumber(value: number | string | undefined): number {
  if (typeof value === 'number') return value;
  const parsed = value === undefined || value.trim() === '' ? Number.NaN : Number(value);
  if (Number.isFinite(parsed)) return parsed;
  throw new UsageError(`--rate must be auto or a number of requests per second (0 = no limit), not "${value}"`);
}

/** runs/<input name>-<UTC timestamp>/ */
export function defaultOutDir(input: string, now: Date): string {
  const name = input === '-' ? 'stdin' : basename(input).replace(/(\.gz)?$/i, '').replace(/\.(csv|tsv|txt)$/i, '') || 'input';
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `runs/${name}-${stamp}`;
}

function number(flag: string, value: number, rule: { min: number; max?: number; integer?: boolean }): number {
  const ok = Number.isFinite(value) && value >= rule.min && (rule.max === undefined || value <= rule.max) && (!rule.integer || Number.isInteger(value));
  if (ok) return value;
  const range = rule.max === undefined ? `at least ${rule.min}` : `from ${rule.min} to ${rule.max}`;
  throw new UsageError(`${flag} must be ${rule.integer ? 'a whole number' : 'a number'} ${range}, not "${value}"`);
}

function url(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return value;
  } catch {
    // fall through to the message below
  }
  throw new UsageError(`--base-url must be an http(s) URL such as https://public.doubletick.io, not "${value}"`);
}

/** --default-country as given, checked (shared with `collab-bulk state --pair`). */
export function country(value: string | undefined): CountryCode | undefined {
  if (value === undefined) return undefined;
  const upper = value.trim().toUpperCase();
  if (isCountryCode(upper)) return upper;
  throw new UsageError(`--default-country must be a two-letter ISO country code such as IN or GB, not "${value}"`);
}

function wabaNumber(value: string, defaultCountry: CountryCode | undefined): string {
  const result = normalisePhone(value, defaultCountry);
  if (result.ok) return result.digits;
  throw new UsageError(`--waba "${value}" ${result.reason}`);
}
