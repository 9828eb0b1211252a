import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { addBody, post } from './helpers.js';

describe('the sandbox answers Nest-style 404s off its routes', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('for an unknown path and for the wrong method on an API path', async () => {
    sandbox = await startSandbox({ port: 0 });
    const unknown = await fetch(`${sandbox.url}/x`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await unknown.json()).toEqual({ statusCode: 404, message: 'Cannot GET /x', error: 'Not Found' });

    const wrongMethod = await fetch(`${sandbox.url}/collaborators/add`, { headers: { Authorization: 'sandbox-key' } });
    expect(await wrongMethod.json()).toMatchObject({ message: 'Cannot GET /collaborators/add', statusCode: 404 });
    // Not API arrivals.
    expect(sandbox.state().requests).toBe(0);
  });

  it.each(['add', 'remove'])('for the old guessed path /chat/collaborators/%s', async (action) => {
    sandbox = await startSandbox({ port: 0 });
    const answer = await post(sandbox.url, `/chat/collaborators/${action}`, addBody());
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ message: `Cannot POST /chat/collaborators/${action}`, statusCode: 404 });
    expect(sandbox.state()).toMatchObject({ requests: 0, collaborators: [] });
  });
});
