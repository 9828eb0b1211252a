import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { KEY } from './helpers.js';

async function get(url: string, key: string | null = KEY): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { headers: key === null ? {} : { Authorization: key }, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.json() };
}

describe('GET /team and GET /team/member answer from the organisation file', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('lists every member with the fields the reference names, under data', async () => {
    sandbox = await startSandbox({ port: 0 });
    const answer = await get(`${sandbox.url}/team`);
    expect(answer.status).toBe(200);
    const data = (answer.body as { data: Record<string, unknown>[] }).data;
    expect(data).toHaveLength(8);
    expect(data[0]).toEqual({
      id: 'member-1',
      name: 'Asha Rao',
      phone: '919811100001',
      email: 'asha.rao@example.com',
      joinDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      reportingManager: [],
      orgRoleName: 'Agent',
      orgRoleId: 'role-agent',
      isOrganizationOwner: false,
    });
    expect(sandbox.state()).toMatchObject({ teamRequests: 1, requests: 0 });
  });

  it('answers the documented 401 without the key', async () => {
    sandbox = await startSandbox({ port: 0 });
    expect(await get(`${sandbox.url}/team`, 'wrong')).toEqual({ status: 401, body: { statusCode: 401, message: 'Unauthorized' } });
  });

  it('finds one member by agentNumber in any spelling, with wabaRoles', async () => {
    sandbox = await startSandbox({ port: 0 });
    const answer = await get(`${sandbox.url}/team/member?agentNumber=${encodeURIComponent('+91 98111 00002')}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: 'Vikram Shah', email: 'vikram.shah@example.com', wabaRoles: [{ wabaNumber: '919800000001' }, { wabaNumber: '919800000002' }] });
  });

  it('answers 404 "Team member not found" and 400 for a number that is no phone number', async () => {
    sandbox = await startSandbox({ port: 0 });
    expect(await get(`${sandbox.url}/team/member?agentNumber=919899999999`)).toEqual({
      status: 404,
      body: { statusCode: 404, message: 'Team member not found', error: 'Not Found' },
    });
    expect(await get(`${sandbox.url}/team/member?agentNumber=abc`)).toEqual({
      status: 400,
      body: { statusCode: 400, message: 'agentNumber must be a valid phone number', error: 'Bad Request' },
    });
  });
});
