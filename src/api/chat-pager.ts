// Lists every chat assigned to one agent by following GET /chats's cursor to the end. Each page goes
// through the shared limiter and the retry policy (paced-call.ts); pages are asked one after the
// other, as each needs the cursor of the one before. A chat met twice (a list that changes while it
// is read can repeat one) is kept once. Returns what it listed, and why it stopped early if it did.
import { classifyAnswer, type ErrorOutcome } from './classify.js';
import { chatPageUrl, keepChat, MAX_PAGE_SIZE, parseChatPage, type ChatCursor, type ChatFilter, type ChatPage, type ListedChat } from './chat-list.js';
import type { ApiHttp, Reply } from './http.js';
import { pacedCall, type PacedCallOptions } from './paced-call.js';

export interface ChatPagerOptions extends PacedCallOptions {
  http: ApiHttp;
  baseUrl: string;
  /** 1-100; default 100. */
  pageSize?: number;
}

export type ChatListOutcome =
  | { kind: 'listed'; chats: ListedChat[]; pages: number; requests: number }
  /** The chats listed before the failure are given too, but they are not all the agent's chats. */
  | { kind: 'failed'; failure: ErrorOutcome; chats: ListedChat[]; pages: number; requests: number };

/** Far more pages than any inbox has: a server that never says "no more" cannot keep us paging forever. */
const MAX_PAGES = 100_000;

export async function listChats(options: ChatPagerOptions, filter: ChatFilter): Promise<ChatListOutcome> {
  const found = new Map<string, ListedChat>();
  const seenCursors = new Set<string>();
  let cursor: ChatCursor | undefined;
  let requests = 0;
  for (let pages = 1; pages <= MAX_PAGES; pages++) {
    const url = chatPageUrl(options.baseUrl, filter, cursor, options.pageSize ?? MAX_PAGE_SIZE);
    const { outcome, attempts } = await pacedCall(options, async (left) => readPage(await options.http.get(url, left)));
    requests += attempts;
    if (outcome.kind === 'error') return { kind: 'failed', failure: outcome, chats: [...found.values()], pages: pages - 1, requests };
    for (const chat of outcome.page.chats) if (keepChat(chat, filter)) found.set(`${chat.waba}|${chat.customer}`, chat);
    cursor = outcome.page.next;
    if (cursor === undefined) return { kind: 'listed', chats: [...found.values()], pages, requests };
    const key = `${cursor.id}|${cursor.timestamp}`;
    if (seenCursors.has(key)) return { kind: 'failed', failure: unreadable(200, 'GET /chats gave the same cursor twice'), chats: [...found.values()], pages, requests };
    seenCursors.add(key);
  }
  return { kind: 'failed', failure: unreadable(200, `GET /chats still had more chats after ${MAX_PAGES} pages`), chats: [...found.values()], pages: MAX_PAGES, requests };
}

function readPage(reply: Reply): { kind: 'page'; page: ChatPage } | ErrorOutcome {
  if (reply.kind === 'no_reply') return reply.failure;
  if (reply.status < 200 || reply.status >= 300) return classifyAnswer(reply.status, reply.body, reply.retryAfter) as ErrorOutcome;
  const page = parseChatPage(reply.body);
  return page ? { kind: 'page', page } : unreadable(reply.status, `GET /chats answered HTTP ${reply.status} without a chats list`);
}

function unreadable(httpStatus: number, message: string): ErrorOutcome {
  return { kind: 'error', httpStatus, code: 'bad_request', message, retryable: false };
}
