// --shard i/n: which data rows this process handles when n processes share one input. Each shard
// still reads (and plans) every row, so duplicates across shards are found exactly as in a single
// run; it sends and writes only its own rows, and `collab-bulk merge` joins the shards again.
import { UsageError } from '../errors.js';

export interface Shard {
  /** 1-based: this process is shard `index` of `count`. */
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > 1000 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with 1 <= i <= n <= 1000, such as 1/3, not "${text}"`);
  }
  return { index, count };
}

/** Data row `row` (1-based) belongs to shard i of n when row mod n = i - 1. */
export function inShard(row: number, shard: Shard | undefined): boolean {
  return shard === undefined || row % shard.count === shard.index - 1;
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
