import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ARJUN, ASSIGN, assignBody, post, PRIYA, WABA } from './helpers.js';

describe('POST /team-member/assign without reassign', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('answers 400 for a chat another agent holds, naming reassign but not the chat, and leaves the assignee', async () => {
    sandbox = await startSandbox({ port: 0 });
    for (const reassign of [false, undefined]) {
      const answer = await post(sandbox.url, ASSIGN, { ...assignBody(ARJUN, '919876500001', WABA), reassign });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ statusCode: 400, message: 'Already assigned to another team member: send reassign true to move it', error: 'Bad Request' });
    }
    expect(sandbox.state().assignees).toContainEqual({ waba: WABA, customer: '919876500001', agent: PRIYA });
    expect(sandbox.changes()).toEqual([]);
  });
});
