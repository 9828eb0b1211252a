// --state --mirror through the real CLI, a real SQLite file and the sandbox (issue 18): the pairs
// collab-bulk added that left the export are removed, never one someone added by hand; the guard
// holds at N + 1 removals and passes at N; an empty export is refused and a damaged one holds all;
// a night killed during its removals finishes them with --resume, still removing only what left.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { readCsvFile, runCli, waitFor } from './cli.js';
import { AGENTS, customer, pairsOf, WABA } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'mirror-key-81c4';
const env = { DOUBLETICK_API_KEY: KEY };
const quiet = ['--progress', 'false', '--log-level', 'warn', '--rate', '0'];
const harness = useHarness(KEY);

const exportOf = (chats: number): string =>
  `customer_phone,agent_phone,waba_number\n${Array.from({ length: chats }, (_, i) => `+${customer(i)},+${AGENTS[i % 3]};+${AGENTS[3]},${WABA}`).join('\n')}\n`;

/** A collaborator added through the API by someone else, not by collab-bulk. */
async function addByHand(sandbox: Sandbox, customerNumber: string, agent: string): Promise<void> {
  const answer = await fetch(`${sandbox.url}/collaborators/add`, { method: 'POST', headers: { authorization: KEY, 'content-type': 'application/json' }, body: JSON.stringify({ from: WABA, to: customerNumber, agentNumbers: [agent] }) });
  expect(answer.status).toBe(200);
}

async function nights(sandbox: Sandbox) {
  const dir = harness.dir();
  const input = join(dir, 'export.csv');
  const state = join(dir, 'state.sqlite');
  let n = 0;
  const night = (text: string, ...extra: string[]) => {
    writeFileSync(input, text);
    const out = join(dir, `night${++n}`);
    return runCli(['run', input, '--state', state, '--mirror', '--out', out, '--base-url', sandbox.url, ...quiet, ...extra], { env }).then((result) => ({ ...result, out }));
  };
  return { night, state };
}

describe('collab-bulk run --state --mirror', () => {
  it('removes exactly the pairs that left the export, never one added by hand', async () => {
    const sandbox = await harness.sandbox();
    await addByHand(sandbox, customer(0), AGENTS[5]!);
    await addByHand(sandbox, customer(9), AGENTS[5]!);
    const { night } = await nights(sandbox);
    expect((await night(exportOf(10))).code).toBe(0);
    expect(pairsOf(sandbox.state())).toHaveLength(22);

    // Chat 9 left the export: its two pairs go; the hand-added one on chat 9 stays.
    const second = await night(exportOf(9), '--max-removals', '2');
    expect(second.code).toBe(0);
    const removals = readCsvFile(join(second.out, 'removals.csv'));
    expect(removals.map((r) => [r.customer_phone, r.agent_phone, r.status]).sort()).toEqual([
      [customer(9), AGENTS[0], 'removed'],
      [customer(9), AGENTS[3], 'removed'],
    ].sort());
    const summary = JSON.parse(readFileSync(join(second.out, 'summary.json'), 'utf8'));
    expect(summary.removals).toEqual({ planned: 2, removed: 2, failed: 0, held: 0 });
    expect(pairsOf(sandbox.state())).toEqual(
      [...Array.from({ length: 9 }, (_, i) => [`${WABA}|${customer(i)}|${AGENTS[i % 3]}`, `${WABA}|${customer(i)}|${AGENTS[3]}`]).flat(), `${WABA}|${customer(0)}|${AGENTS[5]}`, `${WABA}|${customer(9)}|${AGENTS[5]}`].sort(),
    );
    // Removed once: the next night with the same export has nothing to remove or add.
    const before = sandbox.state().requests;
    const third = await night(exportOf(9));
    expect(third.code).toBe(0);
    expect(sandbox.state().requests).toBe(before);
  });

  it('holds every removal at N + 1 (exit 3, too_many_removals) and passes at N, the adds going through either way', async () => {
    const sandbox = await harness.sandbox();
    const { night } = await nights(sandbox);
    expect((await night(exportOf(10))).code).toBe(0);
    const withNew = `${exportOf(8)}+${customer(50)},+${AGENTS[0]},${WABA}\n`;
    const held = await night(withNew, '--max-removals', '3');
    expect(held.code).toBe(3);
    const summary = JSON.parse(readFileSync(join(held.out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ stoppedBecause: 'too_many_removals', removals: { planned: 4, removed: 0, failed: 0, held: 4 } });
    expect(summary.stopMessage).toContain('--max-removals 4');
    expect(held.stderr).toContain('--max-removals');
    expect(readCsvFile(join(held.out, 'removals.csv')).every((r) => r.status === 'held')).toBe(true);
    expect(pairsOf(sandbox.state())).toContain(`${WABA}|${customer(50)}|${AGENTS[0]}`);
    expect(pairsOf(sandbox.state())).toHaveLength(21);

    const passed = await night(withNew, '--max-removals', '4');
    expect(passed.code).toBe(0);
    expect(pairsOf(sandbox.state())).toHaveLength(17);
  });

  it('refuses an export with no data rows, and holds every removal when a record is damaged', async () => {
    const sandbox = await harness.sandbox();
    const { night } = await nights(sandbox);
    expect((await night(exportOf(4))).code).toBe(0);
    const empty = await night('customer_phone,agent_phone,waba_number\n');
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
    expect(empty.stderr).toMatch(/no (data )?rows/);
    const damaged = await night(`customer_phone,agent_phone,waba_number\n+${customer(0)},+${AGENTS[0]};+${AGENTS[3]},${WABA}\n"+${customer(1)},+${AGENTS[1]}\n`, '--max-removals', '100%');
    expect(damaged.code).toBe(2);
    expect(JSON.parse(readFileSync(join(damaged.out, 'summary.json'), 'utf8')).removals).toMatchObject({ removed: 0 });
    expect(pairsOf(sandbox.state())).toHaveLength(8);
  });

  it('plan predicts what run then does, pair by pair, and sends nothing', async () => {
    const sandbox = await harness.sandbox();
    const { night, state } = await nights(sandbox);
    expect((await night(exportOf(6))).code).toBe(0);
    const dir = harness.dir();
    const input = join(dir, 'tonight.csv');
    // Chat 5 left; chat 20 is new; chat 1 gains an agent; one row is invalid.
    const tonight = `${exportOf(5)}+${customer(20)},+${AGENTS[2]},${WABA}\n+${customer(1)},+${AGENTS[6]},${WABA}\n+12,+${AGENTS[0]},${WABA}\n`;
    writeFileSync(input, tonight);
    const before = sandbox.state().requests;
    const plan = await runCli(['plan', input, '--state', state, '--mirror', '--max-removals', '2', '--out', join(dir, 'plan')], {});
    expect(plan.code).toBe(0);
    expect(sandbox.state().requests).toBe(before);
    expect(plan.stdout).toContain('to add: 2 pairs');
    expect(plan.stdout).toContain('unchanged: 10 pairs');
    expect(plan.stdout).toContain('to remove: 2 pairs (--mirror)');
    expect(plan.stdout).toContain('invalid: 1');
    expect(plan.stdout).toContain('guard: pass');
    const planned = readCsvFile(join(dir, 'plan', 'plan.csv'));

    const run = await night(tonight, '--max-removals', '2');
    expect(run.code).toBe(2);
    const added = planned.filter((p) => p.action === 'add').map((p) => `${p.waba_number}|${p.customer_phone}|${p.agent_phone}`);
    for (const pair of added) expect(pairsOf(sandbox.state())).toContain(pair);
    const removed = readCsvFile(join(run.out, 'removals.csv')).map((r) => `${r.customer_phone}|${r.agent_phone}|${r.status}`).sort();
    expect(removed).toEqual(planned.filter((p) => p.action === 'remove').map((p) => `${p.customer_phone}|${p.agent_phone}|removed`).sort());
    const results = readCsvFile(join(run.out, 'results.csv'));
    expect(results.filter((r) => r.status === 'unchanged')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'invalid').map((r) => Number(r.row))).toEqual(planned.filter((p) => p.action === 'invalid').map((p) => Number(p.row)));
  });

  it('finishes a night killed with kill -9 during its removals through --resume, removing only the pairs that left', async () => {
    const sandbox = await harness.sandbox();
    const { night, state } = await nights(sandbox);
    // 600 pairs: more than the state gathers into one write of the pairs an input names.
    expect((await night(exportOf(300))).code).toBe(0);
    const addsBefore = { ...sandbox.state().addCalls };
    const dir = harness.dir();
    const input = join(dir, 'export.csv');
    writeFileSync(input, exportOf(290));
    const gone = Array.from({ length: 10 }, (_, i) => [`${WABA}|${customer(290 + i)}|${AGENTS[(290 + i) % 3]}`, `${WABA}|${customer(290 + i)}|${AGENTS[3]}`]).flat().sort();
    const removeCalls = (): number => Object.values(sandbox.state().removeCalls).reduce((a, b) => a + b, 0);
    const out = join(dir, 'night2');
    const args = ['run', input, '--state', state, '--mirror', '--max-removals', '100%', '--out', out, '--base-url', sandbox.url, '--progress', 'false', '--log-level', 'warn'];
    const killed = await runCli([...args, '--rate', '4'], { env, onSpawn: (child) => void waitFor(() => removeCalls() >= 3, 20_000).then(() => child.kill('SIGKILL')) });
    expect(killed.signal).toBe('SIGKILL');
    expect(removeCalls()).toBeLessThan(gone.length);

    // plan reads the killed night's state as the resumed run will: what is left to remove, all of it gone from the export.
    const plan = await runCli(['plan', input, '--state', state, '--mirror', '--max-removals', '100%', '--out', join(dir, 'plan')], {});
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('unchanged: 580 pairs');
    const toRemove = readCsvFile(join(dir, 'plan', 'plan.csv')).filter((p) => p.action === 'remove').map((p) => `${p.waba_number}|${p.customer_phone}|${p.agent_phone}`);
    expect(toRemove.length).toBeGreaterThan(0);
    for (const pair of toRemove) expect(gone).toContain(pair);

    const resumed = await runCli([...args, '--rate', '0', '--resume'], { env });
    expect(resumed.code).toBe(0);
    // Every remove either session sent was of a pair that left; no pair the export names was removed (and so none added back).
    expect(Object.keys(sandbox.state().removeCalls).sort()).toEqual(gone);
    expect(sandbox.state().addCalls).toEqual(addsBefore);
    expect(pairsOf(sandbox.state())).toHaveLength(580);
  });
});
