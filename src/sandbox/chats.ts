// GET /chats (get-chat-list): the chats we may read, filtered and paged by cursor, in the shape the
// reference shows (numbers digits only, assignedUserNumber null when nobody is assigned). The
// sandbox's chats have no messages, tags or unread counts, so the filters that ask for those
// (unread, done, waiting_for_response, open_cart, tags, Instagram handles) find none.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { chatId, pageOf, parseChatQuery, type ChatQuery } from './chat-query.js';
import { answer, answerError, type ApiContext } from './context.js';
import { admit } from './gate.js';
import type { InboxChat } from './inbox.js';
import { UNAUTHORIZED } from './responses.js';

const STATUSES_WITH_NO_CHATS = new Set(['unread', 'done', 'waiting_for_response', 'open_cart']);

export async function handleChats(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, params: URLSearchParams): Promise<void> {
  if (!(await admit(ctx, req, res, 'GET /chats', UNAUTHORIZED))) return;
  const parsed = parseChatQuery(params);
  if (!parsed.ok) return answerError(ctx, res, 400, parsed.message);
  const { query } = parsed;
  const { page, hasMore } = pageOf(ctx.store.chats((chat) => keeps(ctx, query, chat)), query.after, query.limit);
  const last = page[page.length - 1];
  answer(ctx, res, 200, {
    chats: page.map((chat) => chatView(ctx, chat)),
    paginationOptions: {
      hasMoreChats: hasMore,
      nextChatId: hasMore && last ? chatId(last.ordinal) : null,
      nextChatTimestamp: hasMore && last ? last.updatedAt : null,
    },
  });
}

function keeps(ctx: ApiContext, query: ChatQuery, chat: InboxChat): boolean {
  if (ctx.org.chatAccess(chat.waba, chat.customer) !== 'open') return false;
  if (query.wabas !== undefined && !query.wabas.has(chat.waba)) return false;
  if (query.assignee !== undefined && (chat.assignee ?? null) !== query.assignee) return false;
  return !STATUSES_WITH_NO_CHATS.has(query.status) && query.tags.length === 0 && query.instagramHandles.length === 0;
}

function chatView(ctx: ApiContext, chat: InboxChat): Record<string, unknown> {
  const agent = chat.assignee === undefined ? undefined : ctx.org.member(chat.assignee);
  return {
    chatType: 'INDIVIDUAL',
    name: `Customer ${chat.customer}`,
    phoneNumber: chat.customer,
    wabaNumber: chat.waba,
    assignedUserName: agent?.name ?? null,
    assignedUserNumber: chat.assignee ?? null,
    chatUpdatedTime: chat.updatedAt,
    lastMessageTime: chat.updatedAt,
    unreadCount: 0,
    isDone: false,
    tagNames: [],
  };
}
