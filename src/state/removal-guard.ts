// The guard on --mirror's removals (--max-removals N or N%): a run whose plan would remove more
// pairs than the limit sends none of them (the adds still run). Pure: parsing the flag, the
// decision and its one sentence; the run counts the planned removals and the state's applied pairs.
import { UsageError } from '../errors.js';

export type RemovalLimit = { kind: 'count'; count: number } | { kind: 'percent'; percent: number };

export const MAX_REMOVALS_FLAG = '--max-removals';
/** Without the flag: 5% of the pairs the state holds as applied. */
export const DEFAULT_REMOVAL_LIMIT: RemovalLimit = { kind: 'percent', percent: 5 };

const COUNT = /^\d+$/;
const PERCENT = /^(\d+(?:\.\d+)?)%$/;

/** Parses the flag's value; anything else is a UsageError naming the flag, what it expects and what it got. */
export function parseRemovalLimit(text: string | number | undefined): RemovalLimit {
  if (text === undefined) return DEFAULT_REMOVAL_LIMIT;
  const value = String(text).trim();
  if (COUNT.test(value)) return { kind: 'count', count: Number(value) };
  const percent = PERCENT.exec(value);
  if (percent !== null && Number(percent[1]) <= 100) return { kind: 'percent', percent: Number(percent[1]) };
  throw new UsageError(`${MAX_REMOVALS_FLAG} expects a whole number of pairs (e.g. 500) or a percentage from 0% to 100% (e.g. 5%), but got "${value}"`);
}

/** The most removals the limit allows, given how many pairs the state holds as applied. */
export function allowedRemovals(limit: RemovalLimit, applied: number): number {
  // Rounded down: 5% of 30 pairs allows 1, never 2 (the guard errs on the side of holding).
  return limit.kind === 'count' ? limit.count : Math.floor((applied * limit.percent) / 100);
}

export interface RemovalVerdict {
  decision: 'pass' | 'hold';
  planned: number;
  allowed: number;
  /** For a hold: the one sentence to print (the count and the flag to raise). */
  message?: string;
}

/** Removals pass when at most `allowed`; at one more, every removal is held. */
export function judgeRemovals(planned: number, applied: number, limit: RemovalLimit = DEFAULT_REMOVAL_LIMIT): RemovalVerdict {
  const allowed = allowedRemovals(limit, applied);
  if (planned <= allowed) return { decision: 'pass', planned, allowed };
  const shown = limit.kind === 'count' ? `${limit.count}` : `${limit.percent}% of the ${applied} applied pairs = ${allowed}`;
  const raise = limit.kind === 'count' ? `${planned}` : `${planned} (or ${Math.ceil((planned * 100) / Math.max(applied, 1))}%)`;
  return {
    decision: 'hold',
    planned,
    allowed,
    message: `--mirror would remove ${planned} pairs, more than ${MAX_REMOVALS_FLAG} allows (${shown}): no removal was sent; if these removals are intended, rerun with ${MAX_REMOVALS_FLAG} ${raise}`,
  };
}
