import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, addBody, post } from './helpers.js';

describe('with fail-rate 1 every API request fails with a 5xx', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('answers 500, 502 or 503 with an envelope, before auth, and never changes state', async () => {
    sandbox = await startSandbox({ port: 0, failRate: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const answer = await post(sandbox.url, ADD, addBody(), { key: i % 2 === 0 ? 'sandbox-key' : 'wrong' });
      expect(answer.body).toMatchObject({ statusCode: answer.status, error: expect.any(String) });
      statuses.push(answer.status);
    }
    expect(new Set(statuses)).toEqual(new Set([500, 502, 503]));

    const state = sandbox.state();
    expect(state.collaborators).toEqual([]);
    expect(state.addCalls).toEqual({});
    expect(state.requests).toBe(12);
    expect((state.statusCounts['500'] ?? 0) + (state.statusCounts['502'] ?? 0) + (state.statusCounts['503'] ?? 0)).toBe(12);
  });
});
