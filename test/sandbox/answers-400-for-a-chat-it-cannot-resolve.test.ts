import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, AGENTS, CUSTOMER, post, WABA } from './helpers.js';

describe('the sandbox answers 400 when (from, to) is not a chat', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  const envelope = {
    message: 'Chat could not be resolved for the given from and to numbers',
    error: 'Bad Request',
    statusCode: 400,
  };

  it.each([
    ['an unknown customer', WABA, '919876599999'],
    ['an unknown WABA', '919800000009', CUSTOMER],
    ['a customer with no chat on that WABA', '919800000002', '919876500002'],
  ])('for %s', async (_name, from, to) => {
    sandbox = await startSandbox({ port: 0 });
    const answer = await post(sandbox.url, ADD, { from, to, agentNumbers: [AGENTS[0]] });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(envelope);
    expect(sandbox.state().collaborators).toEqual([]);
  });
});
