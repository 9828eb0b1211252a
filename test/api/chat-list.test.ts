import { describe, expect, it } from 'vitest';
import { chatPageUrl, keepChat, parseChatPage } from '../../src/api/chat-list.js';

const PRIYA = '919811100005';

describe('chatPageUrl', () => {
  it('asks for the largest page of the agent\'s chats below the base URL\'s path, with the cursor when there is one', () => {
    const url = chatPageUrl('https://gw.example/dt?x=1', { agent: PRIYA, waba: '919800000001' }, { id: 'chat_7', timestamp: '1711929600000' });
    expect(url.origin + url.pathname).toBe('https://gw.example/dt/chats');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      limit: '100',
      assignedUserPhone: PRIYA,
      wabaNumbers: '919800000001',
      nextChatId: 'chat_7',
      nextChatTimestamp: '1711929600000',
    });
    expect(chatPageUrl('http://h', { agent: PRIYA }, undefined, 10).search).toBe(`?limit=10&assignedUserPhone=${PRIYA}`);
  });
});

describe('parseChatPage', () => {
  it('reads each chat\'s numbers as digits and the cursor while hasMoreChats is true', () => {
    const body = {
      chats: [
        { chatType: 'INDIVIDUAL', phoneNumber: '919876500001', wabaNumber: '+91 98000 00001', assignedUserNumber: PRIYA },
        { phoneNumber: 919876500002, wabaNumber: '919800000001', assignedUserNumber: null },
        { phoneNumber: '919876500003', wabaNumber: '919800000001' },
        { phoneNumber: '', wabaNumber: '919800000001' },
        'junk',
      ],
      paginationOptions: { hasMoreChats: true, nextChatId: 'c9', nextChatTimestamp: 1711929600000 },
    };
    expect(parseChatPage(body)).toEqual({
      chats: [
        { waba: '919800000001', customer: '919876500001', agent: PRIYA },
        { waba: '919800000001', customer: '919876500002', agent: '' },
        { waba: '919800000001', customer: '919876500003', agent: undefined },
      ],
      next: { id: 'c9', timestamp: '1711929600000' },
    });
  });

  it('ends the paging when hasMoreChats is false or the cursor is missing', () => {
    expect(parseChatPage({ chats: [], paginationOptions: { hasMoreChats: false, nextChatId: 'c1', nextChatTimestamp: 1 } })?.next).toBeUndefined();
    expect(parseChatPage({ chats: [], paginationOptions: { hasMoreChats: true, nextChatId: null } })?.next).toBeUndefined();
    expect(parseChatPage({ chats: [] })?.next).toBeUndefined();
  });

  it('says undefined for an answer without a chats list; accepts one under data', () => {
    expect(parseChatPage('<html></html>')).toBeUndefined();
    expect(parseChatPage({ message: 'ok' })).toBeUndefined();
    expect(parseChatPage({ data: { chats: [] } })).toEqual({ chats: [], next: undefined });
  });
});

describe('keepChat', () => {
  const chat = (agent: string | undefined, waba = '919800000001') => ({ waba, customer: '919876500001', agent });

  it("keeps the agent's chats (national echo too) and chats whose assignee the answer leaves out", () => {
    expect(keepChat(chat(PRIYA), { agent: PRIYA })).toBe(true);
    expect(keepChat(chat('9811100005'), { agent: PRIYA })).toBe(true);
    expect(keepChat(chat(undefined), { agent: PRIYA })).toBe(true);
  });

  it("drops another agent's chat, an unassigned one, and one on another WABA than asked", () => {
    expect(keepChat(chat('919811100006'), { agent: PRIYA })).toBe(false);
    expect(keepChat(chat(''), { agent: PRIYA })).toBe(false);
    expect(keepChat(chat(PRIYA, '919800000002'), { agent: PRIYA, waba: '919800000001' })).toBe(false);
  });
});
