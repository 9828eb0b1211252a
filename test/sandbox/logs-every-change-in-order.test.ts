import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, addBody, AGENTS, ASSIGN, assignBody, CUSTOMER, post, PRIYA, REMOVE, UNASSIGN, WABA } from './helpers.js';

describe('the change log', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('numbers every real change in the order it happened, skipping calls that changed nothing', async () => {
    sandbox = await startSandbox({ port: 0 });
    const [asha, vikram] = AGENTS;
    await post(sandbox.url, ADD, addBody([asha, vikram]));
    await post(sandbox.url, ADD, addBody([asha]));
    await post(sandbox.url, ASSIGN, assignBody(vikram));
    await post(sandbox.url, REMOVE, addBody([asha, '919811100003']));
    await post(sandbox.url, UNASSIGN, { customerPhoneNumber: CUSTOMER, wabaNumber: WABA });
    const chat = { waba: WABA, customer: CUSTOMER };
    expect(sandbox.changes()).toEqual([
      { seq: 1, kind: 'collaborator_added', ...chat, agent: asha },
      { seq: 2, kind: 'collaborator_added', ...chat, agent: vikram },
      { seq: 3, kind: 'assigned', ...chat, agent: vikram, previous: PRIYA },
      { seq: 4, kind: 'collaborator_removed', ...chat, agent: asha },
      { seq: 5, kind: 'unassigned', ...chat, agent: vikram },
    ]);
    expect(sandbox.state().changeCount).toBe(5);
    expect(sandbox.changes(3).map((change) => change.seq)).toEqual([4, 5]);
  });

  it('is served at GET /__sandbox/changes (after= for the newer ones), outside the API: no key, not counted', async () => {
    sandbox = await startSandbox({ port: 0 });
    await post(sandbox.url, ADD, addBody());
    await post(sandbox.url, REMOVE, addBody());
    const all = await fetch(`${sandbox.url}/__sandbox/changes`);
    expect(all.status).toBe(200);
    expect(((await all.json()) as { changes: unknown[] }).changes).toEqual(sandbox.changes());
    const newer = (await (await fetch(`${sandbox.url}/__sandbox/changes?after=1`)).json()) as { changes: { seq: number }[] };
    expect(newer.changes.map((change) => change.seq)).toEqual([2]);
    expect(sandbox.state()).toMatchObject({ requests: 2, statusCounts: { 200: 2 } });
  });
});
