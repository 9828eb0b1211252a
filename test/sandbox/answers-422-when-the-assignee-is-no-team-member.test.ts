import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ASSIGN, assignBody, post } from './helpers.js';

describe('POST /team-member/assign for a phone of no team member', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('answers the documented 422 (no error field) and assigns nobody', async () => {
    sandbox = await startSandbox({ port: 0 });
    const before = sandbox.state().assignees;
    const answer = await post(sandbox.url, ASSIGN, assignBody('919811109999', '919876500003'));
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ statusCode: 422, message: 'User is not a member of the team' });
    expect(sandbox.state().assignees).toEqual(before);
    expect(sandbox.changes()).toEqual([]);
  });
});
