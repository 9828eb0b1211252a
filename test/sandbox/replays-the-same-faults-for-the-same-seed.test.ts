import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { ADD, addBody, AGENTS, CUSTOMER, REMOVE, statusOf, WABA } from './helpers.js';

/** The same 24 requests, one after another so arrival order is fixed. */
async function statusesFor(seed: number): Promise<(number | 'reset')[]> {
  const sandbox = await startSandbox({ port: 0, seed, failRate: 0.3, resetRate: 0.2 });
  try {
    const statuses: (number | 'reset')[] = [];
    for (let i = 0; i < 24; i += 1) {
      const body = addBody([AGENTS[i % AGENTS.length]], WABA, CUSTOMER);
      statuses.push(await statusOf(sandbox.url, i % 3 === 0 ? REMOVE : ADD, body));
    }
    return statuses;
  } finally {
    await sandbox.close();
  }
}

describe('faults are deterministic for a given seed', () => {
  it('gives the same statuses for the same seed, and different ones for another seed', async () => {
    const first = await statusesFor(42);
    expect(first).toContain(200);
    expect(first).toContain('reset');
    expect(first.some((status) => typeof status === 'number' && status >= 500)).toBe(true);
    expect(await statusesFor(42)).toEqual(first);
    expect(await statusesFor(43)).not.toEqual(first);
  });
});
