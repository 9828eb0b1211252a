import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, AGENTS, CUSTOMER, post, REMOVE, WABA } from './helpers.js';

describe('remove takes collaborators off a chat', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('drops the pair and reports team members as success even if they were not collaborators', async () => {
    sandbox = await startSandbox({ port: 0 });
    await post(sandbox.url, ADD, { from: WABA, to: CUSTOMER, agentNumbers: [AGENTS[0], AGENTS[1]] });

    const answer = await post(sandbox.url, REMOVE, {
      from: WABA,
      to: CUSTOMER,
      agentNumbers: [AGENTS[0], AGENTS[2], '919800000000'],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      success: [
        { number: `+${AGENTS[0]}`, name: 'Asha Rao' },
        { number: `+${AGENTS[2]}`, name: 'Neha Iyer' },
      ],
      failed: [{ number: '919800000000' }],
    });

    const state = sandbox.state();
    expect(state.collaborators).toEqual([{ waba: WABA, customer: CUSTOMER, agent: AGENTS[1] }]);
    expect(state.removeCalls).toEqual({
      [`${WABA}|${CUSTOMER}|${AGENTS[0]}`]: 1,
      [`${WABA}|${CUSTOMER}|${AGENTS[2]}`]: 1,
    });
  });
});
