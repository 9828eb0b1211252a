import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, AGENTS, CUSTOMER, post, WABA } from './helpers.js';

describe('the sandbox refuses a body over 100 KB', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('answers 413 with the envelope and keeps serving the next request', async () => {
    sandbox = await startSandbox({ port: 0 });
    const padding = Array.from({ length: 12_000 }, () => '+91 98111 00001');
    const answer = await post(sandbox.url, ADD, { from: WABA, to: CUSTOMER, agentNumbers: padding });
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ message: 'request entity too large', error: 'Payload Too Large', statusCode: 413 });
    expect(sandbox.state().collaborators).toEqual([]);

    const next = await post(sandbox.url, ADD, { from: WABA, to: CUSTOMER, agentNumbers: [AGENTS[0]] });
    expect(next.status).toBe(200);
  });
});
