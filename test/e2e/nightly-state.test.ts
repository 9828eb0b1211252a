// --state across nights through the real CLI, a real SQLite file and the sandbox (issue 18): night 2
// sends only the pairs that changed, night 3 with no change sends nothing and every row is
// `unchanged`; a pair that failed is sent again; one run at a time; a file that is not a state.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, runCli, waitFor } from './cli.js';
import { AGENTS, customer, pairsOf, WABA } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'nightly-state-key-2f90';
const env = { DOUBLETICK_API_KEY: KEY };
const quiet = ['--progress', 'false', '--log-level', 'warn', '--rate', '0'];
const harness = useHarness(KEY);

/** One line per chat: two agents each, as a CRM export with an owner and a co-owner. */
function exportOf(chats: readonly [number, string, string][]): string {
  return `customer_phone,agent_phone,waba_number\n${chats.map(([i, a, b]) => `+${customer(i)},+${a};+${b},${WABA}`).join('\n')}\n`;
}

describe('collab-bulk run --state, night after night', () => {
  it('sends only what changed, then nothing, and says unchanged for the rest', async () => {
    const sandbox = await harness.sandbox();
    const dir = harness.dir();
    const state = join(dir, 'state.sqlite');
    const input = join(dir, 'export.csv');
    const night = (n: number) => runCli(['run', input, '--state', state, '--out', join(dir, `night${n}`), '--base-url', sandbox.url, ...quiet], { env });
    const chats: [number, string, string][] = Array.from({ length: 20 }, (_, i) => [i, AGENTS[i % 4]!, AGENTS[4 + (i % 4)]!]);

    writeFileSync(input, exportOf(chats));
    expect((await night(1)).code).toBe(0);
    expect(pairsOf(sandbox.state())).toHaveLength(40);
    const afterNight1 = sandbox.state().requests;

    // Night 2: one new chat, one chat whose co-owner changed, rows shuffled.
    const changed: [number, string, string][] = [...chats.slice(0, 5), [5, chats[5]![1], AGENTS[7]!] as [number, string, string], ...chats.slice(6), [20, AGENTS[0]!, AGENTS[1]!] as [number, string, string]].reverse();
    writeFileSync(input, exportOf(changed));
    expect((await night(2)).code).toBe(0);
    expect(sandbox.state().requests - afterNight1).toBe(2);
    const rows2 = readCsvFile(join(dir, 'night2', 'results.csv'));
    expect(rows2.filter((r) => r.status === 'unchanged')).toHaveLength(19);
    expect(rows2.filter((r) => r.status === 'succeeded').map((r) => r.customer_phone).sort()).toEqual([`+${customer(20)}`, `+${customer(5)}`].sort());
    for (const row of rows2.filter((r) => r.status === 'unchanged')) expect([row.error_code, row.attempts, (row.agent_names ?? '').split('; ').length]).toEqual(['', '0', 2]);

    // Night 3: the same export: no collaborator request at all.
    const afterNight2 = sandbox.state().requests;
    const third = await night(3);
    expect(third.code).toBe(0);
    expect(sandbox.state().requests).toBe(afterNight2);
    expect(readCsvFile(join(dir, 'night3', 'results.csv')).every((r) => r.status === 'unchanged')).toBe(true);

    const shown = await runCli(['state', state]);
    expect(shown.code).toBe(0);
  });

  it('sends again a pair that failed in an earlier run', async () => {
    const dir = harness.dir();
    const state = join(dir, 'state.sqlite');
    const input = join(dir, 'export.csv');
    writeFileSync(input, `customer_phone,agent_phone,waba_number\n+${customer(1)},+${AGENTS[0]},${WABA}\n`);
    const down = await harness.sandbox({ failRate: 1 });
    const first = await runCli(['run', input, '--state', state, '--out', join(dir, 'n1'), '--base-url', down.url, '--max-retries', '0', ...quiet], { env });
    expect(first.code).toBe(2);
    const up = await harness.sandbox();
    const second = await runCli(['run', input, '--state', state, '--out', join(dir, 'n2'), '--base-url', up.url, ...quiet], { env });
    expect(second.code).toBe(0);
    expect(readCsvFile(join(dir, 'n2', 'results.csv'))[0]).toMatchObject({ status: 'succeeded', attempts: '1' });
    expect(pairsOf(up.state())).toEqual([`${WABA}|${customer(1)}|${AGENTS[0]}`]);
  });

  it('refuses a file that is not a state in one sentence, before any request', async () => {
    const sandbox = await harness.sandbox();
    const dir = harness.dir();
    const input = join(dir, 'export.csv');
    writeFileSync(input, `customer_phone,agent_phone,waba_number\n+${customer(1)},+${AGENTS[0]},${WABA}\n`);
    const notState = join(dir, 'notes.txt');
    writeFileSync(notState, 'this is not a database\n');
    const result = await runCli(['run', input, '--state', notState, '--out', join(dir, 'o'), '--base-url', sandbox.url, ...quiet], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(notState);
    expect(sandbox.state().requests).toBe(0);
  });

  it('lets one run at a time use a state', async () => {
    // Every answer takes 3 s: once the first run's first request (GET /team) has arrived, it holds
    // the state for two answers more, however long the second run takes to start on a busy machine.
    const sandbox = await harness.sandbox({ latencyMs: 3_000 });
    const dir = harness.dir();
    const state = join(dir, 'state.sqlite');
    const input = join(dir, 'export.csv');
    writeFileSync(input, exportOf([[1, AGENTS[0]!, AGENTS[1]!]]));
    const slow = runCli(['run', input, '--state', state, '--out', join(dir, 'a'), '--base-url', sandbox.url, ...quiet], { env });
    await waitFor(() => sandbox.state().teamRequests + sandbox.state().requests > 0);
    const second = await runCli(['run', input, '--state', state, '--out', join(dir, 'b'), '--base-url', sandbox.url, ...quiet], { env });
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect((await slow).code).toBe(0);
  });

  it('finishes a night killed with kill -9 through --resume, and the next night sends nothing', async () => {
    const sandbox = await harness.sandbox({ latencyMs: 30 });
    const dir = harness.dir();
    const state = join(dir, 'state.sqlite');
    const input = join(dir, 'export.csv');
    writeFileSync(input, exportOf(Array.from({ length: 60 }, (_, i) => [i, AGENTS[i % 4]!, AGENTS[4]!] as [number, string, string])));
    const out = join(dir, 'killed');
    const killed = await runCli(['run', input, '--state', state, '--out', out, '--base-url', sandbox.url, '--progress', 'false', '--rate', '20'], {
      env,
      onSpawn: (child) => void waitFor(() => sandbox.state().requests >= 10, 20_000).then(() => child.kill('SIGKILL')),
    });
    expect(killed.signal).toBe('SIGKILL');
    const resumed = await runCli(['run', input, '--state', state, '--out', out, '--resume', '--base-url', sandbox.url, ...quiet], { env });
    expect(resumed.code).toBe(0);
    expect(readCsvFile(join(out, 'results.csv')).every((r) => r.status === 'succeeded')).toBe(true);
    expect(pairsOf(sandbox.state())).toHaveLength(120);
    const before = sandbox.state().requests;
    const next = await runCli(['run', input, '--state', state, '--out', join(dir, 'next'), '--base-url', sandbox.url, ...quiet], { env });
    expect(next.code).toBe(0);
    expect(sandbox.state().requests).toBe(before);
  });
});
