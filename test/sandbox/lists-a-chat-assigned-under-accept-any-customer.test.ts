import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Org, type Sandbox } from '../../src/sandbox/index.js';
import type { ChatPage } from './chat-org.js';
import { ASSIGN, assignBody, get, post } from './helpers.js';

const W = '919800000001';
const AGENT = '919811100001';
const org: Org = { wabaNumbers: [W], teamMembers: [{ name: 'Asha Rao', phone: AGENT }], chats: [{ waba: W, customer: '919876500001', assignee: AGENT }], forbiddenChats: [], acceptAnyCustomer: true };

describe('with acceptAnyCustomer, a chat the file does not list', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('can be assigned, and is then listed before the older listed chats', async () => {
    sandbox = await startSandbox({ port: 0, org });
    expect((await post(sandbox.url, ASSIGN, assignBody(AGENT, '917000000042', W))).status).toBe(201);
    const { chats } = (await get(sandbox.url, `/chats?assignedUserPhone=${AGENT}`)).body as ChatPage;
    expect(chats.map((chat) => chat.phoneNumber)).toEqual(['917000000042', '919876500001']);
  });
});
