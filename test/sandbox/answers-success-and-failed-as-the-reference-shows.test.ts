import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, CUSTOMER, post, WABA } from './helpers.js';

describe('the sandbox sorts each sent agent number into success or failed, as the reference shows', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('lists members as {number, name} in their own spelling, and everyone else as {number} as sent', async () => {
    sandbox = await startSandbox({ port: 0 });
    const sent = ['+91 98111 00002', '919899999999', '', '91-9811100003', 'not a number'];
    const answer = await post(sandbox.url, ADD, { from: WABA, to: CUSTOMER, agentNumbers: sent });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      success: [
        { number: '+919811100002', name: 'Vikram Shah' },
        { number: '+919811100003', name: 'Neha Iyer' },
      ],
      failed: [{ number: '919899999999' }, { number: '' }, { number: 'not a number' }],
    });
    expect(sandbox.state().collaborators.map((pair) => pair.agent)).toEqual(['919811100002', '919811100003']);
  });

  it('answers name null for a member the organisation file gives an empty name', async () => {
    sandbox = await startSandbox({ port: 0, org: { wabaNumbers: [WABA], teamMembers: [{ name: '', phone: '919811100001' }], chats: [{ waba: WABA, customer: CUSTOMER }], forbiddenChats: [] } });
    const answer = await post(sandbox.url, ADD, { from: WABA, to: CUSTOMER, agentNumbers: ['919811100001'] });
    expect(answer.body).toEqual({ success: [{ number: '+919811100001', name: null }], failed: [] });
  });
});
