import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Org, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, post } from './helpers.js';

const org: Org = {
  wabaNumbers: ['+1 555 000 0001'],
  teamMembers: [{ name: 'Bench Agent', phone: '15550009999' }],
  chats: [],
  forbiddenChats: [{ waba: '15550000001', customer: '15551234000' }],
  acceptAnyCustomer: true,
};

describe('an in-process organisation with acceptAnyCustomer', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('opens a chat for any 8-15 digit customer on a listed WABA, still honouring forbidden chats', async () => {
    sandbox = await startSandbox({ port: 0, org });
    const send = (from: string, to: string) => post(sandbox!.url, ADD, { from, to, agentNumbers: ['15550009999'] });

    expect((await send('15550000001', '15551234567')).status).toBe(200);
    expect((await send('15550000001', '12345678')).status).toBe(200);
    expect((await send('15550000001', '1234567')).status).toBe(400);
    expect((await send('15550000001', '1234567890123456')).status).toBe(400);
    expect((await send('15550000002', '15551234567')).status).toBe(400);
    expect((await send('15550000001', '15551234000')).status).toBe(403);
    expect(sandbox.state().collaborators).toHaveLength(2);
  });
});
