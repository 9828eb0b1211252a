import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, post } from './helpers.js';

describe('the sandbox compares phone numbers on their digits only', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('matches "+91 98111-00001" to team member 919811100001 and stores digits', async () => {
    sandbox = await startSandbox({ port: 0 });
    const answer = await post(sandbox.url, ADD, {
      from: '+91 98000-00001',
      to: '(+91) 98765 00001',
      agentNumbers: ['+91 98111-00001'],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ success: [{ number: '+919811100001', name: 'Asha Rao' }], failed: [] });
    expect(sandbox.state().collaborators).toEqual([
      { waba: '919800000001', customer: '919876500001', agent: '919811100001' },
    ]);
  });
});
