// The team directory through the real CLI and sandbox: read once before the first collaborator
// request, agents named by phone, e-mail or name, unknown agents never sent, a dead key stopping the
// run before any collaborator request, and a directory that cannot be had.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Org } from '../../src/sandbox/index.js';
import { readCsvFile, readCsvRaw, runCli } from './cli.js';
import { customer, pairsOf, WABA } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'team-key-3b7e';
const env = { DOUBLETICK_API_KEY: KEY };
const harness = useHarness(KEY);

const org: Org = {
  wabaNumbers: [WABA],
  teamMembers: [
    { name: 'Asha Rao', phone: '919811100001', email: 'asha.rao@example.com' },
    { name: 'Vikram Shah', phone: '919811100002', email: 'vikram.shah@example.com' },
    { name: 'Rahul Mehta', phone: '919811100003', email: 'rahul.m@example.com' },
    { name: 'Rahul Mehta', phone: '919811100004', email: 'rahul.mehta@example.com' },
  ],
  chats: [],
  forbiddenChats: [],
  acceptAnyCustomer: true,
};

/** One row per agent cell, each its own chat. */
function writeInput(dir: string, agentCells: string[]): string {
  const path = join(dir, 'in.csv');
  const lines = ['customer_phone,agent_phone,waba_number', ...agentCells.map((cell, i) => `+${customer(i)},"${cell}",${WABA}`)];
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function run(agentCells: string[], sandboxOptions: Parameters<typeof harness.sandbox>[0] = {}, flags: string[] = []) {
  const sandbox = await harness.sandbox({ org, ...sandboxOptions });
  const dir = harness.dir();
  const input = writeInput(dir, agentCells);
  const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(dir, 'o'), '--rate', '0', ...flags], { env });
  const rows = readCsvFile(join(dir, 'o/results.csv'));
  const view = rows.map((r) => [r.status, r.error_code, r.attempts, r.retryable, r.agent_names]);
  const summary = () => JSON.parse(readFileSync(join(dir, 'o/summary.json'), 'utf8'));
  return { sandbox, dir, result, rows, view, retry: () => readCsvRaw(join(dir, 'o/retry.csv')), summary };
}

describe('collab-bulk run with the team directory', () => {
  it('sends a member named by e-mail or by name as its phone, and fills agent_names', async () => {
    const { sandbox, result, view } = await run(['ASHA.RAO@example.com', 'vikram  shah', '+91 98111 00001; Vikram Shah']);
    expect(result.code).toBe(0);
    expect(view).toEqual([
      ['succeeded', '', '1', 'false', 'Asha Rao'],
      ['succeeded', '', '1', 'false', 'Vikram Shah'],
      ['succeeded', '', '1', 'false', 'Asha Rao; Vikram Shah'],
    ]);
    expect(pairsOf(sandbox.state())).toEqual(
      [`${WABA}|${customer(0)}|919811100001`, `${WABA}|${customer(1)}|919811100002`, `${WABA}|${customer(2)}|919811100001`, `${WABA}|${customer(2)}|919811100002`].sort(),
    );
    expect(sandbox.state().teamRequests).toBe(1);
  });

  it('says in summary.json what the directory gave: read with its member count, rejected, unavailable, or not checked', async () => {
    expect((await run(['+919811100001'])).summary().teamDirectory).toEqual({ status: 'read', members: 4 });
    expect((await run(['+919811100001'], { apiKey: 'another-key' })).summary().teamDirectory).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/rejected/) });
    expect((await run(['+919811100001'], { teamStatus: 503 })).summary().teamDirectory).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/503/) });
    expect((await run(['+919811100001'], {}, ['--no-team-check'])).summary().teamDirectory).toEqual({ status: 'not_checked' });
  });

  it('refuses a name two members share, naming both e-mails, without a request', async () => {
    const { sandbox, rows } = await run(['Rahul Mehta']);
    expect(rows[0]).toMatchObject({ status: 'invalid', error_code: 'ambiguous_agent', attempts: '0' });
    expect(rows[0]!.error_message).toContain('rahul.m@example.com, rahul.mehta@example.com');
    expect(sandbox.state().requests).toBe(0);
  });

  it('spends no request on agents that are no member, and sends the known ones of a mixed row', async () => {
    const { sandbox, result, view, rows } = await run(['+919811109999', 'nobody@example.com', '+919811100002; +919811109998']);
    expect(result.code).toBe(2);
    expect(view).toEqual([
      ['failed', 'agent_not_found', '0', 'false', ''],
      ['failed', 'agent_not_found', '0', 'false', ''],
      ['partial', 'agent_not_found', '1', 'false', 'Vikram Shah'],
    ]);
    expect(rows[2]!.error_message).toBe('agent +919811109998: not a team member of the organisation');
    expect(sandbox.state().requests).toBe(1);
  });

  it('keeps a cell that is no phone, e-mail or member name invalid_phone, saying no member has that name', async () => {
    const { rows } = await run(['N/A']);
    expect(rows[0]).toMatchObject({ status: 'invalid', error_code: 'invalid_phone', error_message: 'agent_phone "N/A" has letters in it, and no team member has that name' });
  });

  it('stops before any collaborator request when GET /team rejects the key: exit 3, every sendable row not_attempted/unauthorized and in retry.csv', async () => {
    const { sandbox, result, view, retry } = await run(['+919811100001', 'asha.rao@example.com', '12'], { apiKey: 'another-key' });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/the API key was rejected/);
    expect(sandbox.state()).toMatchObject({ requests: 0, teamRequests: 1 });
    expect(view).toEqual([
      ['not_attempted', 'unauthorized', '0', 'true', ''],
      ['not_attempted', 'unauthorized', '0', 'true', ''],
      ['invalid', 'invalid_phone', '0', 'false', ''],
    ]);
    expect(retry().slice(1).map((r) => r[1])).toEqual(['+919811100001', 'asha.rao@example.com']);
  });

  it('says once when the directory cannot be had, sends phones as given and leaves e-mails and names for a rerun', async () => {
    const { sandbox, result, view, retry } = await run(['+919811100001', 'asha.rao@example.com', 'Vikram Shah'], { teamStatus: 503 });
    expect(result.code).toBe(2);
    expect(result.stderr.match(/team directory \(GET \/team\) could not be read/g)).toHaveLength(1);
    expect(view).toEqual([
      ['succeeded', '', '1', 'false', 'Asha Rao'],
      ['invalid', 'agent_unresolved', '0', 'true', ''],
      ['invalid', 'agent_unresolved', '0', 'true', ''],
    ]);
    expect(sandbox.state()).toMatchObject({ requests: 1, teamRequests: 3 });
    expect(retry().slice(1).map((r) => r[1])).toEqual(['asha.rao@example.com', 'Vikram Shah']);
  });

  it('skips the directory with --no-team-check and with --dry-run', async () => {
    const skipped = await run(['+919811109999'], {}, ['--no-team-check']);
    expect(skipped.view).toEqual([['failed', 'agent_not_found', '1', 'false', '']]);
    expect(skipped.sandbox.state()).toMatchObject({ requests: 1, teamRequests: 0 });
    const dry = await run(['+919811100001'], {}, ['--dry-run']);
    expect(dry.sandbox.state()).toMatchObject({ requests: 0, teamRequests: 0 });
  });
});
