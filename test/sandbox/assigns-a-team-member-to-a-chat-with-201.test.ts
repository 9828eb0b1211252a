import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { AGENTS, ASSIGN, assignBody, post, PRIYA, WABA } from './helpers.js';

describe('POST /team-member/assign makes a team member the chat\'s assignee', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('answers 201 with the member, moves an assigned chat with reassign true, and numbers match on digits', async () => {
    sandbox = await startSandbox({ port: 0 });
    // fixtures/org.json: Priya holds 919876500001 on the first WABA; 919876500003 is unassigned.
    const moved = await post(sandbox.url, ASSIGN, assignBody(`+${AGENTS[1]}`, '+91 98765 00001', WABA, true));
    expect(moved.status).toBe(201);
    expect(moved.body).toEqual({ name: 'Vikram Shah', email: 'vikram.shah@example.com', phone: AGENTS[1] });
    expect((await post(sandbox.url, ASSIGN, assignBody(AGENTS[0], '919876500003', `+${WABA}`, false))).status).toBe(201);

    const assignees = sandbox.state().assignees.filter((a) => a.waba === WABA && ['919876500001', '919876500003'].includes(a.customer));
    expect(assignees).toEqual([
      { waba: WABA, customer: '919876500001', agent: AGENTS[1] },
      { waba: WABA, customer: '919876500003', agent: AGENTS[0] },
    ]);
    expect(sandbox.changes()).toEqual([
      { seq: 1, kind: 'assigned', waba: WABA, customer: '919876500001', agent: AGENTS[1], previous: PRIYA },
      { seq: 2, kind: 'assigned', waba: WABA, customer: '919876500003', agent: AGENTS[0], previous: null },
    ]);
    expect(sandbox.state().apiRequests).toEqual({ 'POST /team-member/assign': 2 });
  });

  it('accepts the agent who already holds the chat and changes nothing', async () => {
    sandbox = await startSandbox({ port: 0 });
    expect((await post(sandbox.url, ASSIGN, assignBody(PRIYA, '919876500001', WABA, false))).status).toBe(201);
    expect(sandbox.changes()).toEqual([]);
  });
});
