import { afterEach, describe, expect, it } from 'vitest';
import { buildAssignRequest, classifyAssignAnswer, createAssignClient, type AssignClient } from '../../src/api/assign.js';
import { startSandbox, type Org, type Sandbox } from '../../src/sandbox/index.js';
import { unusedLoopbackPort } from '../support/loopback-port.js';

const W = '919800000001';
const PRIYA = '919811100005';
const ARJUN = '919811100006';
const org: Org = {
  wabaNumbers: [W],
  teamMembers: [
    { name: 'Priya Nair', phone: PRIYA },
    { name: 'Arjun Das', phone: ARJUN },
  ],
  chats: [{ waba: W, customer: '919876500001', assignee: PRIYA }],
  forbiddenChats: [],
};

describe('buildAssignRequest', () => {
  it('sends all four fields a customer chat needs, reassign true', () => {
    expect(buildAssignRequest(W, '919876500001', ARJUN)).toEqual({ customerPhoneNumber: '919876500001', wabaNumber: W, assignedUserPhoneNumber: ARJUN, reassign: true });
  });
});

describe('classifyAssignAnswer', () => {
  it('takes any 2xx (the API answers 201) as assigned, whatever the body', () => {
    expect(classifyAssignAnswer(201, { name: 'Arjun Das' })).toEqual({ kind: 'assigned', httpStatus: 201 });
    expect(classifyAssignAnswer(200, '')).toEqual({ kind: 'assigned', httpStatus: 200 });
  });

  it('reads 422 "User is not a member of the team" as agent_not_found, never resent', () => {
    expect(classifyAssignAnswer(422, { statusCode: 422, message: 'User is not a member of the team' })).toEqual({
      kind: 'error',
      httpStatus: 422,
      code: 'agent_not_found',
      message: 'User is not a member of the team',
      retryable: false,
    });
  });

  it('reads every other answer as the collaborator calls do', () => {
    expect(classifyAssignAnswer(401, { statusCode: 401, message: 'Invalid public api key', error: 'Unauthorized' })).toMatchObject({ code: 'unauthorized', retryable: false });
    expect(classifyAssignAnswer(429, {}, '3')).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 3000 });
    expect(classifyAssignAnswer(400, { message: 'Chat could not be resolved for the given wabaNumber and customerPhoneNumber' })).toMatchObject({ code: 'chat_not_found' });
    expect(classifyAssignAnswer(400, { message: ['assignedUserPhoneNumber must be a string'] })).toMatchObject({ code: 'bad_request', message: 'assignedUserPhoneNumber must be a string' });
    expect(classifyAssignAnswer(503, 'down')).toMatchObject({ code: 'server_error', retryable: true });
  });
});

describe('createAssignClient against the sandbox', () => {
  let sandbox: Sandbox | undefined;
  let client: AssignClient | undefined;
  afterEach(async () => {
    client?.close();
    await sandbox?.close();
  });

  it('moves the chat to the agent (201), says agent_not_found for a non-member (422), and a network error when nobody listens', async () => {
    sandbox = await startSandbox({ port: 0, org, apiKey: 'k' });
    client = createAssignClient({ baseUrl: sandbox.url, apiKey: 'k', timeoutMs: 5_000, maxSockets: 2 });
    expect(await client.assign(W, '919876500001', ARJUN)).toEqual({ kind: 'assigned', httpStatus: 201 });
    expect(sandbox.state().assignees).toEqual([{ waba: W, customer: '919876500001', agent: ARJUN }]);
    expect(await client.assign(W, '919876500001', '919811109999')).toMatchObject({ code: 'agent_not_found', httpStatus: 422 });
    client.close();

    client = createAssignClient({ baseUrl: `http://127.0.0.1:${await unusedLoopbackPort()}`, apiKey: 'k', timeoutMs: 5_000, maxSockets: 2 });
    expect(await client.assign(W, '919876500001', ARJUN)).toMatchObject({ kind: 'error', code: 'network_error', retryable: true });
  });
});
