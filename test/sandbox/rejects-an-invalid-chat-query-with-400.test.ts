import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { get } from './helpers.js';

describe('GET /chats refuses a query the DTO rules reject', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  const cases: [string, string[]][] = [
    ['limit=0', ['limit must not be less than 1']],
    ['limit=101', ['limit must not be greater than 100']],
    ['limit=ten', ['limit must be an integer number']],
    ['status=closed', [expect.stringMatching(/^status must be one of the following values: all, unread/) as unknown as string]],
    ['assignedUserPhone=priya', ["assignedUserPhone must be a phone number or the literal 'null'"]],
    ['nextChatId=chat_3', ['nextChatId and nextChatTimestamp must be sent together']],
    ['nextChatId=abc&nextChatTimestamp=soon', ['nextChatId must be the paginationOptions.nextChatId of a previous answer', 'nextChatTimestamp must be a number']],
    ['limit=0&status=x', ['limit must not be less than 1', expect.stringMatching(/^status must be/) as unknown as string]],
  ];

  it.each(cases)('?%s: 400 with every broken rule in a message array', async (query, message) => {
    expect(await get(sandbox.url, `/chats?${query}`)).toMatchObject({ status: 400, body: { statusCode: 400, message, error: 'Bad Request' } });
  });

  it('accepts limit 1 and 100 and the documented statuses', async () => {
    for (const query of ['limit=1', 'limit=100', 'status=all', 'status=open_cart', 'assignedUserPhone=null']) {
      expect((await get(sandbox.url, `/chats?${query}`)).status).toBe(200);
    }
  });
});
