import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { AGENTS, ASSIGN, assignBody, CUSTOMER, FORBIDDEN_CUSTOMER, post, UNASSIGN, WABA } from './helpers.js';

describe('POST /team-member/assign and /unassign refuse a body the DTO rules reject', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  const agent = AGENTS[0];
  const cases: [string, string, unknown, string[]][] = [
    ['assign without assignedUserPhoneNumber', ASSIGN, { customerPhoneNumber: CUSTOMER, wabaNumber: WABA, reassign: true }, ['assignedUserPhoneNumber must be a string']],
    ['assign with neither chat field', ASSIGN, { assignedUserPhoneNumber: agent, reassign: true }, ['Either customerPhoneNumber or groupId must be provided']],
    ['assign with both chat fields', ASSIGN, { ...assignBody(), groupId: 'grp_1' }, ['Only one of customerPhoneNumber and groupId may be provided']],
    ['assign without wabaNumber', ASSIGN, { customerPhoneNumber: CUSTOMER, assignedUserPhoneNumber: agent }, ['wabaNumber must be a string']],
    ['assign with a short phone', ASSIGN, assignBody('12345'), ['assignedUserPhoneNumber must be longer than or equal to 7 characters']],
    ['assign with a long, lettered phone', ASSIGN, assignBody('call 919811100001 now'), ['assignedUserPhoneNumber must be shorter than or equal to 15 characters', 'assignedUserPhoneNumber must be a valid phone number']],
    ['assign with reassign "yes"', ASSIGN, assignBody(agent, CUSTOMER, WABA, 'yes'), ['reassign must be a boolean value']],
    ['unassign with neither chat field', UNASSIGN, { wabaNumber: WABA }, ['Either customerPhoneNumber or groupId must be provided']],
    ['unassign with a numeric customer', UNASSIGN, { customerPhoneNumber: 919876500001, wabaNumber: WABA }, ['customerPhoneNumber must be a string']],
  ];

  it.each(cases)('%s: 400 with every broken rule in a message array', async (_name, path, body, message) => {
    const answer = await post(sandbox.url, path, body);
    expect(answer).toMatchObject({ status: 400, body: { statusCode: 400, message, error: 'Bad Request' } });
  });

  it('a body that is not a JSON object: 400 naming the fields', async () => {
    const answer = await post(sandbox.url, ASSIGN, [CUSTOMER]);
    expect(answer.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/JSON object with customerPhoneNumber or groupId/) });
  });

  it('a chat it cannot resolve: 400; a group: 400 (the sandbox has none); a forbidden chat: 403', async () => {
    expect((await post(sandbox.url, ASSIGN, assignBody(agent, '919876599999'))).body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/^Chat could not be resolved/) });
    expect((await post(sandbox.url, ASSIGN, { groupId: 'grp_1234', assignedUserPhoneNumber: agent })).body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/^Group chat/) });
    expect((await post(sandbox.url, UNASSIGN, { customerPhoneNumber: FORBIDDEN_CUSTOMER, wabaNumber: WABA })).status).toBe(403);
    expect(sandbox.changes()).toEqual([]);
  });
});
