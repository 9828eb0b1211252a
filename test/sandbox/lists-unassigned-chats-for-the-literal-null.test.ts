import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { chatOrg, customerNo, type ChatPage } from './chat-org.js';
import { get } from './helpers.js';

describe('GET /chats without an agent', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it("lists only unassigned chats for assignedUserPhone=null, with a null assignee", async () => {
    sandbox = await startSandbox({ port: 0, org: chatOrg() });
    const { chats, paginationOptions } = (await get(sandbox.url, '/chats?assignedUserPhone=null&limit=100')).body as ChatPage;
    expect(chats.map((chat) => [chat.phoneNumber, chat.assignedUserNumber, chat.assignedUserName])).toEqual([
      [customerNo(26), null, null],
      [customerNo(27), null, null],
    ]);
    expect(paginationOptions.hasMoreChats).toBe(false);
  });

  it('lists every chat we may read when no filter is given', async () => {
    sandbox = await startSandbox({ port: 0, org: chatOrg() });
    const { chats } = (await get(sandbox.url, '/chats?limit=100')).body as ChatPage;
    expect(chats).toHaveLength(28);
  });
});
