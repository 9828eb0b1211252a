// The guard on --mirror's removals (--max-removals N or N%): a night whose export came out
// truncated or filtered would otherwise remove most of what the state added. Pure: it sees only
// the counts, and says hold or pass with the one sentence a person needs to decide.
import { UsageError } from '../errors.js';

/** A number of pairs, or a share (in thousandths of a percent, so that 0.5% is exact) of the pairs the state holds as added. */
export type RemovalLimit = { kind: 'count'; count: number } | { kind: 'share'; milliPercent: number; text: string };

export const DEFAULT_MAX_REMOVALS = '5%';

const COUNT = /^\d+$/;
const SHARE = /^(\d{1,3})(?:\.(\d{1,3}))?%$/;

/** Parses --max-removals: a whole number of pairs, or a percentage from 0% to 100% (up to 3 decimals). */
export function parseMaxRemovals(text: string = DEFAULT_MAX_REMOVALS): RemovalLimit {
  const value = text.trim();
  if (COUNT.test(value) && Number.isSafeInteger(Number(value))) return { kind: 'count', count: Number(value) };
  const share = SHARE.exec(value);
  if (share) {
    const milliPercent = Number(share[1]) * 1000 + Number((share[2] ?? '').padEnd(3, '0'));
    if (milliPercent <= 100_000) return { kind: 'share', milliPercent, text: value };
  }
  throw new UsageError(`--max-removals must be a number of pairs (such as 500) or a percentage of the pairs the state holds as added (such as 5%), not "${text}"`);
}

/** How many removals the limit allows when the state holds `added` pairs (a share rounds down). */
export function allowedRemovals(limit: RemovalLimit, added: number): number {
  if (limit.kind === 'count') return limit.count;
  // Integer arithmetic: exact for any state below 9e10 pairs.
  return Math.floor((added * limit.milliPercent) / 100_000);
}

export interface RemovalVerdict {
  hold: boolean;
  planned: number;
  allowed: number;
  /** For a hold: the one sentence saying how many, what allowed fewer, and the flag to raise. */
  message?: string;
}

/** Holds every removal when more are planned than the limit allows; `planned` equal to the allowance passes. */
export function judgeRemovals(planned: number, added: number, limit: RemovalLimit): RemovalVerdict {
  const allowed = allowedRemovals(limit, added);
  if (planned <= allowed) return { hold: false, planned, allowed };
  const flag = limit.kind === 'count' ? `--max-removals ${limit.count}` : `--max-removals ${limit.text} (${allowed} of the ${added} pairs the state holds as added)`;
  return {
    hold: true,
    planned,
    allowed,
    message: `--mirror would remove ${planned} ${planned === 1 ? 'pair' : 'pairs'}, more than ${flag} allows, so every removal is held: if the input is complete and these removals are meant, run again with --max-removals ${planned}`,
  };
}
