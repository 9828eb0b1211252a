// --shard i/n: which data rows this process handles when n processes share one input. Rows are
// split by chat (a stable hash of the WABA and customer digits), so every row of a chat, and so
// every pair and every row borrowing it, is in one shard: a merged result is a single run's. A row
// with no readable chat (an invalid number, a malformed line) goes by its row number. Each shard
// reads every row and sends and writes only its own; `collab-bulk merge` joins the shards again.
import { UsageError } from '../errors.js';
import type { RowPlan } from '../rows/plan.js';

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

/** Whether this shard handles the planned row: its chat's shard, or for a row with no chat, data row r goes to shard (r mod n) + 1. */
export function inShard(plan: RowPlan, shard: Shard | undefined): boolean {
  if (shard === undefined) return true;
  const chat = plan.kind === 'send' ? plan : plan.chat;
  const slot = chat ? chatHash(chat.waba, chat.customer) : plan.kind === 'send' ? plan.row : plan.result.row;
  return slot % shard.count === shard.index - 1;
}

/** FNV-1a (32 bits) of "waba|customer": the same on every machine and in every version of Node. */
export function chatHash(waba: string, customer: string): number {
  const key = `${waba}|${customer}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
