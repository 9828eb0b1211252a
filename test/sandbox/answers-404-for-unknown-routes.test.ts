import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

describe('the sandbox answers Nest-style 404s off its routes', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('for an unknown path and for the wrong method on an API path', async () => {
    sandbox = await startSandbox({ port: 0 });
    const unknown = await fetch(`${sandbox.url}/x`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await unknown.json()).toEqual({ message: 'Cannot GET /x', error: 'Not Found', statusCode: 404 });

    const wrongMethod = await fetch(`${sandbox.url}/chat/collaborators/add`, { headers: { Authorization: 'sandbox-key' } });
    expect(await wrongMethod.json()).toMatchObject({ message: 'Cannot GET /chat/collaborators/add', statusCode: 404 });
    // Not API arrivals.
    expect(sandbox.state().requests).toBe(0);
  });
});
