import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { AGENTS, FORBIDDEN_CUSTOMER, post, REMOVE, WABA } from './helpers.js';

describe('the sandbox answers 403 for a chat the key may not touch', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('answers the Forbidden envelope and changes nothing', async () => {
    sandbox = await startSandbox({ port: 0 });
    const answer = await post(sandbox.url, REMOVE, { from: WABA, to: FORBIDDEN_CUSTOMER, agentNumbers: [AGENTS[0]] });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ message: 'You do not have access to this chat', error: 'Forbidden', statusCode: 403 });
    expect(sandbox.state().removeCalls).toEqual({});
  });
});
