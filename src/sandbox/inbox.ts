// The chats behind GET /chats and the assign/unassign endpoints: which chats the sandbox knows, who
// each one is assigned to, and the order the list runs in. The organisation file's chats are known
// from the start (with their assignees); a chat opened only by acceptAnyCustomer becomes known when
// it is first assigned. The list runs newest first; a known chat keeps its place, since the sandbox
// sends no messages that would move it, so a cursor stays valid while chats are reassigned.
import type { ChatSeed } from './org.js';

export interface InboxChat {
  readonly waba: string;
  readonly customer: string;
  /** Never reused; GET /chats's nextChatId is `chat_<ordinal>`. */
  readonly ordinal: number;
  /** ms since the epoch: chatUpdatedTime and lastMessageTime. */
  readonly updatedAt: number;
  /** Digits, or undefined while nobody is assigned. */
  assignee: string | undefined;
}

/** The organisation file's first chat was last updated at this time (the reference's example); each next one a minute earlier. */
export const SEED_NEWEST_MS = 1_711_929_600_000;
const SEED_STEP_MS = 60_000;

export class Inbox {
  readonly #seeds: readonly ChatSeed[];
  #chats = new Map<string, InboxChat>();
  #next = 0;

  constructor(seeds: readonly ChatSeed[]) {
    this.#seeds = seeds;
    this.clear();
  }

  /** Back to the organisation file's chats and assignees. */
  clear(): void {
    this.#chats = new Map();
    this.#next = 0;
    for (const seed of this.#seeds) {
      const chat = this.open(seed.waba, seed.customer, SEED_NEWEST_MS - this.#next * SEED_STEP_MS);
      chat.assignee = seed.assignee;
    }
  }

  get(waba: string, customer: string): InboxChat | undefined {
    return this.#chats.get(`${waba}|${customer}`);
  }

  /** The chat, made known (as updated at `now`) if it was not yet. */
  open(waba: string, customer: string, now = Date.now()): InboxChat {
    const key = `${waba}|${customer}`;
    let chat = this.#chats.get(key);
    if (chat === undefined) {
      chat = { waba, customer, ordinal: this.#next++, updatedAt: now, assignee: undefined };
      this.#chats.set(key, chat);
    }
    return chat;
  }

  /** Every assigned chat, sorted by waba, customer. */
  assignees(): { waba: string; customer: string; agent: string }[] {
    const out: { waba: string; customer: string; agent: string }[] = [];
    for (const chat of this.#chats.values()) if (chat.assignee !== undefined) out.push({ waba: chat.waba, customer: chat.customer, agent: chat.assignee });
    return out.sort((a, b) => compare(a.waba, b.waba) || compare(a.customer, b.customer));
  }

  /** The chats that pass `keep`, in list order: newest first, and of two equally new the later known first. */
  list(keep: (chat: InboxChat) => boolean): InboxChat[] {
    return [...this.#chats.values()].filter(keep).sort(listOrder);
  }
}

/** The list's order; a cursor names the last chat seen, and the next page starts after it in this order. */
export function listOrder(a: { updatedAt: number; ordinal: number }, b: { updatedAt: number; ordinal: number }): number {
  return b.updatedAt - a.updatedAt || b.ordinal - a.ordinal;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
