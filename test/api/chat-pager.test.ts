import { afterEach, describe, expect, it } from 'vitest';
import { listChats } from '../../src/api/chat-pager.js';
import { createApiHttp, type ApiHttp } from '../../src/api/http.js';
import { createLimiter, type Limiter } from '../../src/api/limiter.js';
import { DEFAULT_RETRY_POLICY } from '../../src/api/retry-policy.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startScriptedServer, type ScriptedServer } from '../e2e/scripted-server.js';
import { chatOrg, customerNo, PRIYA, W2 } from '../sandbox/chat-org.js';

const KEY = 'pager-key';

describe('listChats follows the GET /chats cursor to the end', () => {
  let sandbox: Sandbox | undefined;
  let server: ScriptedServer | undefined;
  let http: ApiHttp | undefined;
  let limiter: Limiter | undefined;
  afterEach(async () => {
    http?.close();
    await limiter?.stop();
    await sandbox?.close();
    await server?.close();
  });

  function pager(baseUrl: string, ceiling: number, pageSize?: number) {
    http = createApiHttp({ apiKey: KEY, timeoutMs: 5_000, maxSockets: 2 });
    limiter = createLimiter({ ceiling, start: ceiling });
    return { http, limiter, baseUrl, policy: DEFAULT_RETRY_POLICY, pageSize };
  }

  it("lists every one of the agent's chats once over several pages, sending again through the limiter after each 429", async () => {
    // One request a second with no burst: pages asked back to back at 20/s meet 429s.
    sandbox = await startSandbox({ port: 0, apiKey: KEY, org: chatOrg(), rateLimit: 1, burst: 1 });
    const outcome = await listChats(pager(sandbox.url, 20, 10), { agent: PRIYA });
    expect(outcome).toMatchObject({ kind: 'listed', pages: 3 });
    expect(outcome.chats.map((chat) => chat.customer)).toEqual(Array.from({ length: 23 }, (_, i) => customerNo(i)));
    const state = sandbox.state();
    expect(state.apiRequests['GET /chats']).toBe(outcome.requests);
    expect(state.statusCounts['429'] ?? 0).toBeGreaterThan(0);
    expect(state.statusCounts['200']).toBe(3);
  });

  it('narrows to one WABA number', async () => {
    sandbox = await startSandbox({ port: 0, apiKey: KEY, org: chatOrg() });
    const outcome = await listChats(pager(sandbox.url, 0), { agent: PRIYA, waba: W2 });
    expect(outcome).toMatchObject({ kind: 'listed', pages: 1, requests: 1 });
    expect(outcome.chats).toHaveLength(11);
  });

  it('stops at once on a rejected key, with nothing listed', async () => {
    sandbox = await startSandbox({ port: 0, apiKey: 'another', org: chatOrg() });
    expect(await listChats(pager(sandbox.url, 0), { agent: PRIYA })).toMatchObject({
      kind: 'failed',
      failure: { code: 'unauthorized', httpStatus: 401 },
      chats: [],
      pages: 0,
      requests: 1,
    });
  });

  it('stops when the server gives the same cursor twice, keeping each chat once', async () => {
    const chat = { phoneNumber: '919876500001', wabaNumber: '919800000001', assignedUserNumber: PRIYA };
    server = await startScriptedServer(() => ({ status: 200, body: { chats: [chat], paginationOptions: { hasMoreChats: true, nextChatId: 'same', nextChatTimestamp: 5 } } }));
    const outcome = await listChats(pager(server.url, 0), { agent: PRIYA });
    expect(outcome).toMatchObject({ kind: 'failed', failure: { message: 'GET /chats gave the same cursor twice' }, pages: 2 });
    expect(outcome.chats).toHaveLength(1);
    expect(server.received.map((request) => request.path)).toEqual([
      `/chats?limit=100&assignedUserPhone=${PRIYA}`,
      `/chats?limit=100&assignedUserPhone=${PRIYA}&nextChatId=same&nextChatTimestamp=5`,
    ]);
    expect(server.received[0]?.authorization).toBe(KEY);
  });

  it('stops on a 2xx without a chats list, naming it', async () => {
    server = await startScriptedServer(() => ({ status: 200, body: '<html><title>Login</title></html>' }));
    expect(await listChats(pager(server.url, 0), { agent: PRIYA })).toMatchObject({ kind: 'failed', failure: { code: 'bad_request', message: 'GET /chats answered HTTP 200 without a chats list' } });
  });
});
