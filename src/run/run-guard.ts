// Decides when a run must stop early instead of burning the rest of the file: a key the API keeps
// rejecting, or a share of permanent failures above --max-error-rate. Pure: fed answers and rows.
import type { SendOutcome } from '../api/classify.js';
import type { RowResult } from '../rows/row-result.js';
import type { StopReason } from '../output/summary.js';

/** 401 is about the key itself; 403 can be one chat the key may not read, so it takes more. */
export const MAX_CONSECUTIVE_401 = 3;
export const MAX_CONSECUTIVE_403 = 10;
export const ERROR_RATE_MIN_ROWS = 100;

export interface RunGuard {
  unauthorizedStreak: number;
  forbiddenChats: Set<string>;
  sentRows: number;
  permanentFailures: number;
  readonly maxErrorRate?: number;
}

export function createRunGuard(maxErrorRate?: number): RunGuard {
  return { unauthorizedStreak: 0, forbiddenChats: new Set(), sentRows: 0, permanentFailures: 0, maxErrorRate };
}

export function observeAnswer(guard: RunGuard, outcome: SendOutcome, chat: string): StopReason | undefined {
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
