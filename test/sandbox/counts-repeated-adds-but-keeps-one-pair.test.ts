import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, AGENTS, CUSTOMER, post, WABA } from './helpers.js';

describe('adding the same collaborator twice is idempotent', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('keeps one pair but counts two accepted add calls', async () => {
    sandbox = await startSandbox({ port: 0 });
    const body = { from: WABA, to: CUSTOMER, agentNumbers: [AGENTS[0]] };
    expect((await post(sandbox.url, ADD, body)).body).toEqual({ success: [{ number: `+${AGENTS[0]}`, name: 'Asha Rao' }], failed: [] });
    expect((await post(sandbox.url, ADD, { ...body, agentNumbers: [`+${AGENTS[0]}`] })).status).toBe(200);

    const state = sandbox.state();
    expect(state.collaborators).toEqual([{ waba: WABA, customer: CUSTOMER, agent: AGENTS[0] }]);
    expect(state.addCalls).toEqual({ [`${WABA}|${CUSTOMER}|${AGENTS[0]}`]: 2 });
    expect(state.requests).toBe(2);
    expect(state.statusCounts).toEqual({ 200: 2 });
  });
});
