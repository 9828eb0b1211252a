import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Org, type Sandbox } from '../../src/sandbox/index.js';
import { ASSIGN, assignBody, post } from './helpers.js';

const W = '919800000001';
const org: Org = {
  wabaNumbers: [W],
  teamMembers: [
    { name: 'Priya Nair', phone: '+91 98111 00005' },
    { name: 'Arjun Das', phone: '919811100006' },
  ],
  chats: [
    { waba: W, customer: '919876500001', assignee: '+919811100005', collaborators: ['919811100005', '+91 98111 00006'] },
    { waba: W, customer: '919876500002' },
  ],
  forbiddenChats: [],
};

describe('chats in the organisation file may start with an assignee and collaborators', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('holds them from the start, outside the change log, and gets them back on reset', async () => {
    sandbox = await startSandbox({ port: 0, org });
    const start = sandbox.state();
    expect(start.assignees).toEqual([{ waba: W, customer: '919876500001', agent: '919811100005' }]);
    expect(start.collaborators.map((pair) => pair.agent)).toEqual(['919811100005', '919811100006']);
    expect(sandbox.changes()).toEqual([]);

    expect((await post(sandbox.url, ASSIGN, assignBody('919811100006', '919876500001', W))).status).toBe(201);
    expect((await post(sandbox.url, ASSIGN, assignBody('919811100006', '919876500002', W))).status).toBe(201);
    sandbox.reset();
    expect(sandbox.state()).toEqual(start);
    expect(sandbox.changes()).toEqual([]);
  });

  it('refuses an assignee or collaborator who is no team member, naming the field', async () => {
    const bad = (chat: object) => startSandbox({ port: 0, org: { ...org, chats: [{ waba: W, customer: '919876500001', ...chat }] } as Org });
    await expect(bad({ assignee: '919811109999' })).rejects.toThrow('chats[0].assignee "919811109999" is not the phone of a team member');
    await expect(bad({ collaborators: ['919811100005', 'x'] })).rejects.toThrow('chats[0].collaborators[1] must be a phone number string with digits, received "x"');
    await expect(bad({ collaborators: '919811100005' })).rejects.toThrow('chats[0].collaborators must be an array of phones');
  });
});
