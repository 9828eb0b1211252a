import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, CUSTOMER, post, WABA } from './helpers.js';

describe('the sandbox sorts each sent agent number into success or failure, as sent', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('puts team members in success and everyone else in failure, keeping the client spelling', async () => {
    sandbox = await startSandbox({ port: 0 });
    const sent = ['+91 98111 00002', '919899999999', '', '91-9811100003', 'not a number'];
    const answer = await post(sandbox.url, ADD, { from: WABA, to: CUSTOMER, agentNumbers: sent });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      success: ['+91 98111 00002', '91-9811100003'],
      failure: ['919899999999', '', 'not a number'],
    });
    expect(sandbox.state().collaborators.map((pair) => pair.agent)).toEqual(['919811100002', '919811100003']);
  });
});
