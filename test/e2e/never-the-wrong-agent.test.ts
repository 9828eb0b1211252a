// An agent number is a team member's only when it is that member's number, through the real CLI
// and the sandbox, pair by pair: numbers of other countries whose digits end like a member's never
// make that member a collaborator, with the directory read, with it down, or in the API's echoes;
// and a name with a digit ("Agent 7") waits for the directory instead of being a bad phone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Org } from '../../src/sandbox/index.js';
import { readCsvFile, readCsvRaw, runCli, tempDir } from './cli.js';
import { customer, pairsOf, WABA } from './generated.js';
import { useHarness } from './harness.js';
import { collaboratorCalls, startScriptedServer, type ScriptedServer } from './scripted-server.js';

const KEY = 'wrong-agent-key-5c2a';
const env = { DOUBLETICK_API_KEY: KEY };
const harness = useHarness(KEY);

const VIKRAM = '919811100001';
const KENJI = '819012345678';
// Members of five countries; each lookalike below ends with 8 to 11 of one member's digits.
const org: Org = {
  wabaNumbers: [WABA],
  teamMembers: [
    { name: 'Vikram Shah', phone: '+91 98111 00001', email: 'vikram@example.com' },
    { name: 'Kenji Sato', phone: '+81 90 1234 5678', email: 'kenji@example.jp' },
    { name: 'Jonas Weber', phone: '+49 151 12345678', email: 'jonas@example.de' },
    { name: 'Marie Dubois', phone: '+33 6 12 34 56 78', email: 'marie@example.fr' },
    { name: 'Wei Ling Tan', phone: '+65 9123 4567', email: 'weiling@example.sg' },
  ],
  chats: [],
  forbiddenChats: [],
  acceptAnyCustomer: true,
};
const LOOKALIKES = ['+1 (901) 234-5678', '+1 511 234 5678', '+44 98111 00001', '+34 612 345 678', '+852 9123 4567'];

function writeInput(dir: string, agentCells: readonly string[]): string {
  const path = join(dir, 'in.csv');
  const lines = ['customer_phone,agent_phone,waba_number', ...agentCells.map((cell, i) => `+${customer(i)},"${cell}",${WABA}`)];
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function run(agentCells: readonly string[], sandboxOptions: Parameters<typeof harness.sandbox>[0] = {}) {
  const sandbox = await harness.sandbox({ org, ...sandboxOptions });
  const dir = harness.dir();
  const result = await runCli(['run', writeInput(dir, agentCells), '--base-url', sandbox.url, '--out', join(dir, 'o'), '--rate', '0'], { env });
  const rows = readCsvFile(join(dir, 'o/results.csv'));
  return { sandbox, result, rows, view: rows.map((r) => [r.status, r.error_code, r.attempts, r.retryable, r.agent_names]), retry: () => readCsvRaw(join(dir, 'o/retry.csv')) };
}

const pair = (i: number, agent: string): string => `${WABA}|${customer(i)}|${agent}`;

describe('with the team directory read', () => {
  it('calls +1 (901) 234-5678 agent_not_found on a team with Kenji (+81 90 1234 5678), and Kenji is no collaborator', async () => {
    const { sandbox, result, view, rows } = await run(['+1 (901) 234-5678', '+1 (901) 234-5678; +91 98111 00001', '+81 90 1234 5678']);
    expect(view).toEqual([
      ['failed', 'agent_not_found', '0', 'false', ''],
      ['partial', 'agent_not_found', '1', 'false', 'Vikram Shah'],
      ['succeeded', '', '1', 'false', 'Kenji Sato'],
    ]);
    expect(rows[0]!.error_message).toBe('not a team member of the organisation');
    expect(pairsOf(sandbox.state())).toEqual([pair(1, VIKRAM), pair(2, KENJI)].sort());
    expect(result.code).toBe(2);
  });

  it('sends no number that shares 8 to 11 trailing digits with a member of another country', async () => {
    const { sandbox, result, view } = await run(LOOKALIKES);
    expect(view).toEqual(LOOKALIKES.map(() => ['failed', 'agent_not_found', '0', 'false', '']));
    expect(sandbox.state().requests).toBe(0);
    expect(pairsOf(sandbox.state())).toEqual([]);
    expect(result.code).toBe(2);
  });
});

describe('with the team directory down', () => {
  it('sends the lookalike as written, and the API (digits compared) adds no one', async () => {
    const { sandbox, result, view } = await run(['+1 (901) 234-5678'], { teamStatus: 503 });
    expect(view).toEqual([['failed', 'agent_not_found', '1', 'false', '']]);
    expect(pairsOf(sandbox.state())).toEqual([]);
    expect(result.code).toBe(2);
  });

  it('leaves "Agent 7" (a name with a digit) agent_unresolved and retryable, not invalid_phone', async () => {
    const { sandbox, result, rows, view, retry } = await run(['Agent 7', '+91 98111 00001'], { teamStatus: 503 });
    expect(view).toEqual([
      ['invalid', 'agent_unresolved', '0', 'true', ''],
      ['succeeded', '', '1', 'false', 'Vikram Shah'],
    ]);
    expect(rows[0]!.error_message).toMatch(/"Agent 7" is a name, and without the team directory/);
    expect(retry().slice(1).map((cells) => cells[1])).toEqual(['Agent 7']);
    expect(pairsOf(sandbox.state())).toEqual([pair(1, VIKRAM)]);
    expect(result.code).toBe(2);
  });
});

describe('reading the API’s echoes', () => {
  const servers: ScriptedServer[] = [];
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    for (const dir of dirs.splice(0)) dir.remove();
  });

  it('does not take an echo of +81 90 1234 5678 for the +1 (901) 234-5678 sent: unconfirmed, retryable, no name', async () => {
    const server = await startScriptedServer(() => ({ status: 200, body: { success: [{ number: `+${KENJI}`, name: 'Kenji Sato' }], failed: [] } }));
    servers.push(server);
    const dir = tempDir();
    dirs.push(dir);
    const input = writeInput(dir.path, ['+1 (901) 234-5678']);
    const result = await runCli(['run', input, '--base-url', server.url, '--out', join(dir.path, 'o'), '--rate', '0', '--no-team-check'], { env });
    const rows = readCsvFile(join(dir.path, 'o/results.csv'));
    expect(rows.map((r) => [r.status, r.error_code, r.retryable, r.agent_names])).toEqual([['failed', 'unconfirmed', 'true', '']]);
    // Sent once, then resent once for want of an answer about it.
    expect(collaboratorCalls(server.received).map((call) => (call.body as { agentNumbers: string[] }).agentNumbers)).toEqual([['19012345678'], ['19012345678']]);
    expect(result.code).toBe(2);
  });
});
