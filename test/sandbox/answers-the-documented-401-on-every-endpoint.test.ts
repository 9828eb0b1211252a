import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ASSIGN, assignBody, get, post, UNASSIGN } from './helpers.js';

describe('the assignment and chat-list endpoints reject a missing or wrong key', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('answers assign and unassign with "Invalid public api key", GET /chats with "Unauthorized", and changes nothing', async () => {
    sandbox = await startSandbox({ port: 0, apiKey: 'right' });
    const invalidKey = { statusCode: 401, message: 'Invalid public api key', error: 'Unauthorized' };
    expect(await post(sandbox.url, ASSIGN, assignBody(), { key: 'wrong' })).toMatchObject({ status: 401, body: invalidKey });
    expect(await post(sandbox.url, UNASSIGN, { customerPhoneNumber: '919876500001', wabaNumber: '919800000001' }, { key: null })).toMatchObject({ status: 401, body: invalidKey });
    expect(await get(sandbox.url, '/chats', 'Bearer right')).toMatchObject({ status: 401, body: { statusCode: 401, message: 'Unauthorized' } });
    expect(sandbox.changes()).toEqual([]);
    expect(sandbox.state().statusCounts).toEqual({ 401: 3 });
  });
});
