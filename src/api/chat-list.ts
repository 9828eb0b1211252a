// GET /chats (get-chat-list) as collab-bulk reads it: the URL of one page of an agent's chats, and
// what an answer's page holds (each chat's WABA, customer and assignee, and the cursor to the next
// page). Read tolerantly: numbers are compared on digits, a chat whose assignee is plainly someone
// else (a server that ignored the filter) is left out, and a page without a usable cursor is the last.
// Pure: the paging itself is chat-pager.ts.
import { full, sameNumber, spell } from '../rows/digits-match.js';
import { endpointUrl } from './request.js';

export const CHATS_PATH = '/chats';
/** The largest page the reference allows, so an agent's chats take as few requests as possible. */
export const MAX_PAGE_SIZE = 100;

/** Whose chats, digits only; `waba` narrows them to one WABA number. */
export interface ChatFilter {
  agent: string;
  waba?: string;
}

/** paginationOptions.nextChatId + nextChatTimestamp of the previous answer, as they came. */
export interface ChatCursor {
  id: string;
  timestamp: string;
}

export interface ListedChat {
  /** Digits. */
  waba: string;
  customer: string;
  /** The assignee's digits as the answer gives them: '' when it says nobody (null), undefined when it says nothing. */
  agent: string | undefined;
}

export interface ChatPage {
  chats: ListedChat[];
  /** Undefined on the last page. */
  next: ChatCursor | undefined;
}

export function chatPageUrl(baseUrl: string, filter: ChatFilter, cursor: ChatCursor | undefined, limit = MAX_PAGE_SIZE): URL {
  const url = endpointUrl(baseUrl, CHATS_PATH);
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('assignedUserPhone', filter.agent);
  if (filter.waba !== undefined) url.searchParams.set('wabaNumbers', filter.waba);
  if (cursor) {
    url.searchParams.set('nextChatId', cursor.id);
    url.searchParams.set('nextChatTimestamp', cursor.timestamp);
  }
  return url;
}

/** The page in a 2xx answer, or undefined when the answer holds no `chats` list. */
export function parseChatPage(body: unknown): ChatPage | undefined {
  const record = isRecord(body) ? body : {};
  const payload = isRecord(record.data) && !Array.isArray(record.chats) ? record.data : record;
  if (!Array.isArray(payload.chats)) return undefined;
  const chats: ListedChat[] = [];
  for (const item of payload.chats) {
    if (!isRecord(item)) continue;
    const waba = digits(item.wabaNumber);
    const customer = digits(item.phoneNumber);
    if (waba === '' || customer === '') continue;
    const agent = item.assignedUserNumber === undefined ? undefined : digits(item.assignedUserNumber);
    chats.push({ waba, customer, agent });
  }
  return { chats, next: cursorOf(payload.paginationOptions) };
}

/** The filter's chat, judged on what the answer says: the agent's (or no assignee given) and on the asked WABA. */
export function keepChat(chat: ListedChat, filter: ChatFilter): boolean {
  if (filter.waba !== undefined && !sameNumber(full(filter.waba), spell(chat.waba))) return false;
  return chat.agent === undefined || sameNumber(full(filter.agent), spell(chat.agent));
}

function cursorOf(value: unknown): ChatCursor | undefined {
  if (!isRecord(value) || value.hasMoreChats !== true) return undefined;
  const id = text(value.nextChatId);
  const timestamp = text(value.nextChatTimestamp);
  return id && timestamp ? { id, timestamp } : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function digits(value: unknown): string {
  return text(value).replace(/\D+/g, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
