// Decides when a run must stop early instead of burning the rest of the file: a key the API keeps
// rejecting, a base URL that answers 404 to everything, an API that cannot be reached at all, or a
// share of permanent failures above --max-error-rate. Pure: fed answers, rows and the time.
import type { SendOutcome } from '../api/classify.js';
import type { RowResult } from '../rows/row-result.js';
import type { StopReason } from '../output/summary.js';

/** 401 is about the key itself; 403 can be one chat the key may not read, so it takes more. */
export const MAX_CONSECUTIVE_401 = 3;
export const MAX_CONSECUTIVE_403 = 10;
export const ERROR_RATE_MIN_ROWS = 100;
/** The collaborator endpoints never answer 404 for a chat: a few in a row mean a wrong --base-url. */
export const MAX_CONSECUTIVE_404 = 3;
/**
 * With nothing through yet, network failures (refused, DNS, TLS) this long after the run started mean
 * the API cannot be reached: stop well inside 30 s, with time for the team-directory call before it.
 */
export const UNREACHABLE_AFTER_MS = 10_000;

export interface RunGuard {
  unauthorizedStreak: number;
  forbiddenChats: Set<string>;
  sentRows: number;
  permanentFailures: number;
  notFoundStreak: number;
  /** Any HTTP answer at all: the API can be reached. */
  answeredAny: boolean;
  /** The latest network-level failure while nothing had been answered, e.g. "network error: ECONNREFUSED". */
  networkError?: string;
  readonly startedAt: number;
  readonly maxErrorRate?: number;
}

export function createRunGuard(maxErrorRate?: number, startedAt = Date.now()): RunGuard {
  return { unauthorizedStreak: 0, forbiddenChats: new Set(), sentRows: 0, permanentFailures: 0, notFoundStreak: 0, answeredAny: false, startedAt, maxErrorRate };
}

export function observeAnswer(guard: RunGuard, outcome: SendOutcome, chat: string, now = Date.now()): StopReason | undefined {
  if (outcome.httpStatus !== undefined) {
    guard.answeredAny = true;
    guard.networkError = undefined;
    guard.notFoundStreak = outcome.httpStatus === 404 ? guard.notFoundStreak + 1 : 0;
  } else if (outcome.kind === 'error' && outcome.code === 'network_error' && !guard.answeredAny) {
    guard.networkError = outcome.message;
  }
  if (guard.notFoundStreak >= MAX_CONSECUTIVE_404) return 'endpoint_not_found';
  if (isUnreachable(guard, now)) return 'api_unreachable';
  if (outcome.httpStatus === 401) guard.unauthorizedStreak++;
  else if (outcome.httpStatus === 403) guard.forbiddenChats.add(chat);
  // A 2xx, or a 400 about the payload or the chat, shows the key itself was accepted.
  else if (outcome.kind === 'answered' || outcome.httpStatus === 400) {
    guard.unauthorizedStreak = 0;
    guard.forbiddenChats.clear();
  }
  if (guard.unauthorizedStreak >= MAX_CONSECUTIVE_401 || guard.forbiddenChats.size >= MAX_CONSECUTIVE_403) {
    return 'credentials_rejected';
  }
  return undefined;
}

export function observeRow(guard: RunGuard, result: RowResult): StopReason | undefined {
  if (result.attempts === 0) return undefined;
  guard.sentRows++;
  if ((result.status === 'failed' || result.status === 'partial') && !result.retryable) guard.permanentFailures++;
  if (guard.maxErrorRate === undefined || guard.sentRows < ERROR_RATE_MIN_ROWS) return undefined;
  return (guard.permanentFailures / guard.sentRows) * 100 > guard.maxErrorRate ? 'error_rate_exceeded' : undefined;
}

/** Nothing answered yet, requests failing at the network level, and the time is up. */
export function isUnreachable(guard: RunGuard, now = Date.now()): boolean {
  return !guard.answeredAny && guard.networkError !== undefined && now - guard.startedAt >= UNREACHABLE_AFTER_MS;
}
