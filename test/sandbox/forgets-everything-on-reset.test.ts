import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, addBody, post } from './helpers.js';

describe('the control endpoints expose and clear the sandbox memory', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('GET /__sandbox/state answers the state and POST /__sandbox/reset clears it with 204, neither counted', async () => {
    sandbox = await startSandbox({ port: 0, rateLimit: 0.2 });
    const start = sandbox.state();
    // fixtures/org.json gives chats their assignees from the start.
    expect(start.assignees.length).toBeGreaterThan(0);
    await post(sandbox.url, ADD, addBody());
    expect((await post(sandbox.url, ADD, addBody())).status).toBe(429);

    const before = await fetch(`${sandbox.url}/__sandbox/state`);
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await before.json()).toMatchObject({ requests: 2, statusCounts: { 200: 1, 429: 1 }, collaborators: [{}] });

    const reset = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
    expect(reset.status).toBe(204);
    expect(sandbox.state()).toEqual({
      collaborators: [],
      assignees: start.assignees,
      changeCount: 0,
      addCalls: {},
      removeCalls: {},
      statusCounts: {},
      requests: 0,
      apiRequests: {},
      teamRequests: 0,
      maxRequestsInOneSecond: 0,
      maxInFlight: 0,
    });
    expect(sandbox.changes()).toEqual([]);
    // The bucket was refilled too.
    expect((await post(sandbox.url, ADD, addBody())).status).toBe(200);
  });
});
