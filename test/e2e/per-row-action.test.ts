// A per-row action column and undo.csv through the real CLI and the sandbox (issue 19, items 1, 3
// and 5): one file adds on some chats and removes on others; a pair one row adds and another removes
// is refused on both rows; undo.csv puts the sandbox back, and its own undo.csv redoes the change.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { readCsvFile, runCli } from './cli.js';
import { AGENTS, customer, pairsOf, WABA } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'per-row-action-key-6a1d';
const env = { DOUBLETICK_API_KEY: KEY };
const quiet = ['--progress', 'false', '--log-level', 'warn', '--rate', '0'];
const harness = useHarness(KEY);
const pair = (c: number, a: number): string => `${WABA}|${customer(c)}|${AGENTS[a]}`;

async function addByHand(sandbox: Sandbox, c: number, a: number): Promise<void> {
  const answer = await fetch(`${sandbox.url}/collaborators/add`, { method: 'POST', headers: { authorization: KEY, 'content-type': 'application/json' }, body: JSON.stringify({ from: WABA, to: customer(c), agentNumbers: [AGENTS[a]] }) });
  expect(answer.status).toBe(200);
}

describe('an action column', () => {
  it('adds on some chats and removes on others; undo.csv puts everything back, and its own undo.csv redoes it', async () => {
    const sandbox = await harness.sandbox();
    await addByHand(sandbox, 2, 1);
    await addByHand(sandbox, 3, 1);
    const before = pairsOf(sandbox.state());
    const dir = harness.dir();
    const input = join(dir, 'changes.csv');
    writeFileSync(input, [
      'Action,customer_phone,agent_phone,waba_number',
      `add,+${customer(1)},+${AGENTS[0]},${WABA}`,
      `REMOVE,+${customer(2)},+${AGENTS[1]},${WABA}`,
      `,+${customer(3)},+${AGENTS[2]},${WABA}`,
      `move,+${customer(4)},+${AGENTS[2]},${WABA}`,
      `remove,+${customer(3)},+${AGENTS[1]},${WABA}`,
    ].join('\n') + '\n');
    const first = await runCli(['run', input, '--out', join(dir, 'first'), '--base-url', sandbox.url, ...quiet], { env });
    expect(first.code).toBe(2);
    const results = readCsvFile(join(dir, 'first', 'results.csv'));
    expect(results.map((r) => [r.status, r.error_code])).toEqual([['succeeded', ''], ['succeeded', ''], ['succeeded', ''], ['invalid', 'invalid_action'], ['succeeded', '']]);
    expect(results[3]!.error_message).toBe('Action "move" is neither add nor remove');
    expect(pairsOf(sandbox.state())).toEqual([pair(1, 0), pair(3, 2)].sort());

    const undo = join(dir, 'first', 'undo.csv');
    expect(readFileSync(undo, 'utf8')).toBe([
      'action,waba_number,customer_phone,agent_phone,assign_to',
      `remove,${WABA},${customer(1)},${AGENTS[0]},`,
      `add,${WABA},${customer(2)},${AGENTS[1]},`,
      `remove,${WABA},${customer(3)},${AGENTS[2]},`,
      `add,${WABA},${customer(3)},${AGENTS[1]},`,
    ].join('\n') + '\n');
    expect((await runCli(['run', undo, '--out', join(dir, 'undone'), '--base-url', sandbox.url, ...quiet], { env })).code).toBe(0);
    expect(pairsOf(sandbox.state())).toEqual(before);

    expect((await runCli(['run', join(dir, 'undone', 'undo.csv'), '--out', join(dir, 'redone'), '--base-url', sandbox.url, ...quiet], { env })).code).toBe(0);
    expect(pairsOf(sandbox.state())).toEqual([pair(1, 0), pair(3, 2)].sort());
  });

  it('refuses a pair one row adds and another removes: both rows invalid, each naming the other, nothing sent for it', async () => {
    const sandbox = await harness.sandbox();
    const dir = harness.dir();
    const input = join(dir, 'conflict.csv');
    writeFileSync(input, [
      'op,customer_phone,agent_phone,waba_number',
      `add,+${customer(1)},+${AGENTS[0]},${WABA}`,
      `add,+${customer(2)},+${AGENTS[0]},${WABA}`,
      `remove,+${customer(1)},+${AGENTS[0]},${WABA}`,
    ].join('\n') + '\n');
    const result = await runCli(['run', input, '--out', join(dir, 'o'), '--base-url', sandbox.url, ...quiet], { env });
    expect(result.code).toBe(2);
    const rows = readCsvFile(join(dir, 'o', 'results.csv'));
    expect(rows.map((r) => [r.status, r.error_code])).toEqual([['invalid', 'conflicting_actions'], ['succeeded', ''], ['invalid', 'conflicting_actions']]);
    expect(rows[0]!.error_message).toContain('row 3 removes');
    expect(rows[2]!.error_message).toContain('row 1 adds');
    expect(pairsOf(sandbox.state())).toEqual([pair(2, 0)]);
    expect(Object.keys(sandbox.state().addCalls)).toHaveLength(1);
    // validate says the same before the night.
    const validate = await runCli(['validate', input]);
    expect(validate.stdout).toMatch(/conflicting_actions\s+2\s+1, 3/);
  });

  it('writes no undo.csv when the run changed nothing', async () => {
    const sandbox = await harness.sandbox();
    const dir = harness.dir();
    const input = join(dir, 'in.csv');
    writeFileSync(input, `customer_phone,agent_phone,waba_number\n+${customer(1)},+${AGENTS[0]},${WABA}\n`);
    await runCli(['run', input, '--out', join(dir, 'o'), '--dry-run', ...quiet], { env });
    expect(existsSync(join(dir, 'o', 'undo.csv'))).toBe(false);
    expect(sandbox.state().requests).toBe(0);
  });
});
