import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, addBody, post } from './helpers.js';

describe('with reset-rate 1 every API request loses its connection', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('makes the client see a socket error, counts "reset" and changes nothing', async () => {
    sandbox = await startSandbox({ port: 0, resetRate: 1 });
    await expect(post(sandbox.url, ADD, addBody())).rejects.toThrow();
    await expect(post(sandbox.url, ADD, addBody())).rejects.toThrow();

    const state = sandbox.state();
    expect(state.statusCounts).toEqual({ reset: 2 });
    expect(state.requests).toBe(2);
    expect(state.collaborators).toEqual([]);
  });
});
