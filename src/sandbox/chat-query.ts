// The query of GET /chats (get-chat-list) read as the real API's DTO validation would, and the page
// it asks for: `limit` 1-100 (default 10), the filters, and the cursor (nextChatId +
// nextChatTimestamp, both from the previous answer's paginationOptions). Pure.
import { listOrder } from './inbox.js';

export const STATUSES = ['all', 'unread', 'unresolved', 'done', 'waiting_for_response', 'open', 'open_cart'] as const;
export type ChatStatus = (typeof STATUSES)[number];

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

/** Where the previous page ended: the next page holds the chats after this one in list order. */
export interface ChatCursor {
  updatedAt: number;
  ordinal: number;
}

export interface ChatQuery {
  limit: number;
  /** Digits of the assigned agent; null: unassigned chats only ('null'); undefined: any. */
  assignee: string | null | undefined;
  /** Digits of the WABA numbers to keep; undefined: all. */
  wabas: ReadonlySet<string> | undefined;
  status: ChatStatus;
  tags: readonly string[];
  instagramHandles: readonly string[];
  after: ChatCursor | undefined;
}

export type ChatQueryResult = { ok: true; query: ChatQuery } | { ok: false; message: string[] };

export function parseChatQuery(params: URLSearchParams): ChatQueryResult {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = params.get(name);
    return value === null || value.trim() === '' ? undefined : value.trim();
  };

  const limitText = text('limit');
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit)) problems.push('limit must be an integer number');
  else if (limit < 1) problems.push('limit must not be less than 1');
  else if (limit > MAX_LIMIT) problems.push(`limit must not be greater than ${MAX_LIMIT}`);

  const status = (text('status') ?? 'all') as ChatStatus;
  if (!STATUSES.includes(status)) problems.push(`status must be one of the following values: ${STATUSES.join(', ')}`);

  const phone = text('assignedUserPhone');
  // "with or without leading +"; the literal 'null' asks for unassigned chats.
  const assignee = phone === undefined ? undefined : phone === 'null' ? null : digitsOf(phone);
  if (assignee === '' || (typeof assignee === 'string' && !/^\+?[\d ()-]+$/.test(phone ?? ''))) {
    problems.push("assignedUserPhone must be a phone number or the literal 'null'");
  }
  problems.push(...cursorProblems(params));
  if (problems.length > 0) return { ok: false, message: problems };

  const wabas = list(text('wabaNumbers'));
  const id = text('nextChatId');
  const timestamp = text('nextChatTimestamp');
  return {
    ok: true,
    query: {
      limit,
      assignee,
      wabas: wabas.length === 0 ? undefined : new Set(wabas.map(digitsOf)),
      status,
      tags: list(text('tags')),
      instagramHandles: list(text('instagramHandles')),
      after: id && timestamp ? { updatedAt: Number(timestamp), ordinal: Number(id.slice(CHAT_ID_PREFIX.length)) } : undefined,
    },
  };
}

const CHAT_ID_PREFIX = 'chat_';

/** The id a chat is known by in paginationOptions.nextChatId. */
export function chatId(ordinal: number): string {
  return `${CHAT_ID_PREFIX}${ordinal}`;
}

function cursorProblems(params: URLSearchParams): string[] {
  const id = params.get('nextChatId')?.trim() || undefined;
  const timestamp = params.get('nextChatTimestamp')?.trim() || undefined;
  if (id === undefined && timestamp === undefined) return [];
  const problems: string[] = [];
  if (id === undefined || timestamp === undefined) problems.push('nextChatId and nextChatTimestamp must be sent together');
  if (id !== undefined && !new RegExp(`^${CHAT_ID_PREFIX}\\d+$`).test(id)) problems.push('nextChatId must be the paginationOptions.nextChatId of a previous answer');
  if (timestamp !== undefined && !/^\d+$/.test(timestamp)) problems.push('nextChatTimestamp must be a number');
  return problems;
}

/** One page of `ordered` (already in list order): the chats after the cursor, at most `limit`, and whether more follow. */
export function pageOf<T extends ChatCursor>(ordered: readonly T[], after: ChatCursor | undefined, limit: number): { page: T[]; hasMore: boolean } {
  const start = after === undefined ? 0 : ordered.findIndex((chat) => listOrder(chat, after) > 0);
  if (start === -1) return { page: [], hasMore: false };
  const page = ordered.slice(start, start + limit);
  return { page, hasMore: start + limit < ordered.length };
}

function list(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function digitsOf(value: string): string {
  return value.replace(/\D+/g, '');
}
