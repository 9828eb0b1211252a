import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, addBody, post } from './helpers.js';

describe('the sandbox rejects a request without the right key', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  // The body the reference documents for a 401 (GET /team): no `error` field.
  const envelope = { statusCode: 401, message: 'Unauthorized' };

  it('answers 401 with the DoubleTick envelope when the key is missing', async () => {
    sandbox = await startSandbox({ port: 0 });
    const answer = await post(sandbox.url, ADD, addBody(), { key: null });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.body).toEqual(envelope);
  });

  it('answers 401 for a wrong key and for a "Bearer" prefixed key, and changes nothing', async () => {
    sandbox = await startSandbox({ port: 0, apiKey: 'right' });
    expect((await post(sandbox.url, ADD, addBody(), { key: 'wrong' })).body).toEqual(envelope);
    expect((await post(sandbox.url, ADD, addBody(), { key: 'Bearer right' })).status).toBe(401);
    expect((await post(sandbox.url, ADD, addBody(), { key: 'right' })).status).toBe(200);
    expect(sandbox.state().statusCounts).toEqual({ 401: 2, 200: 1 });
    expect(sandbox.state().collaborators).toHaveLength(1);
  });
});
