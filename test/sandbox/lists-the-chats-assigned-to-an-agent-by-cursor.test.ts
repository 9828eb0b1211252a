import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ARJUN, chatOrg, customerNo, PRIYA, W1, W2, type ChatPage } from './chat-org.js';
import { ASSIGN, assignBody, get, post } from './helpers.js';

describe('GET /chats?assignedUserPhone= lists one agent\'s chats, newest first, page by page', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  async function page(query: string): Promise<ChatPage> {
    const answer = await get(sandbox!.url, `/chats?${query}`);
    expect(answer.status).toBe(200);
    return answer.body as ChatPage;
  }

  it('pages 10 at a time by default, follows nextChatId + nextChatTimestamp to the end, and never lists a forbidden chat', async () => {
    sandbox = await startSandbox({ port: 0, org: chatOrg() });
    const seen: string[] = [];
    const pages: number[] = [];
    let query = `assignedUserPhone=${encodeURIComponent(`+${PRIYA}`)}`;
    for (let i = 0; i < 5; i++) {
      const { chats, paginationOptions } = await page(query);
      pages.push(chats.length);
      seen.push(...chats.map((chat) => String(chat.phoneNumber)));
      if (!paginationOptions.hasMoreChats) {
        expect(paginationOptions).toEqual({ hasMoreChats: false, nextChatId: null, nextChatTimestamp: null });
        break;
      }
      expect(paginationOptions.nextChatId).toEqual(expect.any(String));
      query = `assignedUserPhone=${PRIYA}&nextChatId=${paginationOptions.nextChatId}&nextChatTimestamp=${paginationOptions.nextChatTimestamp}`;
    }
    expect(pages).toEqual([10, 10, 3]);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => customerNo(i)));
  });

  it('answers each chat in the documented shape: digits only, the assignee by name and number', async () => {
    sandbox = await startSandbox({ port: 0, org: chatOrg() });
    const { chats } = await page(`assignedUserPhone=${PRIYA}&limit=2`);
    expect(chats).toEqual([
      expect.objectContaining({ chatType: 'INDIVIDUAL', phoneNumber: customerNo(0), wabaNumber: W1, assignedUserName: 'Priya Nair', assignedUserNumber: PRIYA }),
      expect.objectContaining({ phoneNumber: customerNo(1), wabaNumber: W2, assignedUserNumber: PRIYA }),
    ]);
    const first = chats[0]!;
    expect(first.chatUpdatedTime as number).toBeGreaterThan(chats[1]!.chatUpdatedTime as number);
    expect(first).toMatchObject({ lastMessageTime: first.chatUpdatedTime, unreadCount: 0, isDone: false, tagNames: [] });
  });

  it('keeps a cursor valid while chats move to another agent: the moved chat leaves the list, no other is skipped', async () => {
    sandbox = await startSandbox({ port: 0, org: chatOrg() });
    const first = await page(`assignedUserPhone=${PRIYA}&limit=5`);
    expect((await post(sandbox.url, ASSIGN, assignBody(ARJUN, customerNo(0), W1))).status).toBe(201);
    expect((await post(sandbox.url, ASSIGN, assignBody(ARJUN, customerNo(6), W1))).status).toBe(201);
    const { nextChatId, nextChatTimestamp } = first.paginationOptions;
    const second = await page(`assignedUserPhone=${PRIYA}&limit=5&nextChatId=${nextChatId}&nextChatTimestamp=${nextChatTimestamp}`);
    expect(second.chats.map((chat) => chat.phoneNumber)).toEqual([5, 7, 8, 9, 10].map(customerNo));
  });
});
