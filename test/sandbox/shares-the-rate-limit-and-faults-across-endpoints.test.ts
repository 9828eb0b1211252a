import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, addBody, ASSIGN, assignBody, get, post, UNASSIGN } from './helpers.js';

describe('collaborators, assignment and GET /chats share one rate limit and one fault dice', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('takes one token per call from the same bucket, whatever the endpoint, and applies nothing for a 429', async () => {
    // One token every 5 s: the outcome stays the same on a busy machine.
    sandbox = await startSandbox({ port: 0, rateLimit: 0.2, burst: 2 });
    expect((await post(sandbox.url, ADD, addBody())).status).toBe(200);
    expect((await get(sandbox.url, '/chats')).status).toBe(200);
    const throttled = [await post(sandbox.url, ASSIGN, assignBody()), await get(sandbox.url, '/chats'), await post(sandbox.url, UNASSIGN, { customerPhoneNumber: '919876500001', wabaNumber: '919800000001' })];
    for (const answer of throttled) expect(answer).toMatchObject({ status: 429, body: { statusCode: 429, message: 'Too Many Requests: Rate Limit Exceeded' } });
    expect(sandbox.changes().map((change) => change.kind)).toEqual(['collaborator_added']);
    expect(sandbox.state()).toMatchObject({
      requests: 5,
      maxRequestsInOneSecond: 5,
      apiRequests: { 'POST /collaborators/add': 1, 'GET /chats': 2, 'POST /team-member/assign': 1, 'POST /team-member/unassign': 1 },
    });
  });

  it('at fail-rate 1 answers assign, unassign and GET /chats with a 5xx and never changes an assignee', async () => {
    sandbox = await startSandbox({ port: 0, failRate: 1 });
    const before = sandbox.state().assignees;
    const statuses = [
      (await post(sandbox.url, ASSIGN, assignBody())).status,
      (await post(sandbox.url, UNASSIGN, { customerPhoneNumber: '919876500001', wabaNumber: '919800000001' })).status,
      (await get(sandbox.url, '/chats')).status,
    ];
    for (const status of statuses) expect([500, 502, 503]).toContain(status);
    expect(sandbox.state().assignees).toEqual(before);
    expect(sandbox.changes()).toEqual([]);
  });
});
