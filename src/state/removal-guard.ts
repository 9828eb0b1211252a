// --mirror's guard against a bad export: when more removals are planned than --max-removals allows
// (N pairs, or N% of the pairs the state holds as added; 5% by default), none is sent and the run
// says so in one sentence with the flag to raise. Pure.
import { UsageError } from '../errors.js';

export type MaxRemovals = { count: number } | { percent: number };

export const DEFAULT_MAX_REMOVALS: MaxRemovals = { percent: 5 };

export function parseMaxRemovals(text: string): MaxRemovals {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = Number(match?.[1]);
  if (match && match[2] === '%' && value >= 0 && value <= 100) return { percent: value };
  if (match && match[2] === '' && Number.isInteger(value)) return { count: value };
  throw new UsageError(`--max-removals must be a whole number of pairs (such as 50) or a percentage of the pairs the state holds as added (such as 5%), not "${text}"`);
}

export interface RemovalVerdict {
  hold: boolean;
  /** The most removals the guard lets through. */
  allowed: number;
  /** When held: the count, the limit and the flag to raise. */
  sentence?: string;
}

export function judgeRemovals(planned: number, added: number, limit: MaxRemovals): RemovalVerdict {
  // In thousandths of a percent and whole numbers: 18.4% of 375 is 69, not the 68 floating point gives.
  const allowed = 'count' in limit ? limit.count : Math.floor((added * Math.round(limit.percent * 1000)) / 100_000);
  if (planned <= allowed) return { hold: false, allowed };
  const what = 'count' in limit ? `${allowed}` : `${allowed} (${limit.percent}% of the ${added} pairs the state holds as added)`;
  const raise = 'count' in limit ? `--max-removals ${planned}` : `--max-removals ${Math.ceil((planned * 100) / Math.max(added, 1))}%`;
  return {
    hold: true,
    allowed,
    sentence: `--mirror would remove ${planned} collaborator pairs, more than --max-removals allows (${what}): none was removed; check the export, then rerun with ${raise} if the removals are meant`,
  };
}
