// `collab-bulk validate --online` through the real CLI and sandbox: the file's checks plus the team
// directory, so unknown agents, e-mails and names are reported before the run; never a collaborator request.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Org } from '../../src/sandbox/index.js';
import { readCsvFile, runCli } from './cli.js';
import { customer, WABA } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'validate-online-key-51aa';
const harness = useHarness(KEY);

const org: Org = {
  wabaNumbers: [WABA],
  teamMembers: [
    { name: 'Asha Rao', phone: '919811100001', email: 'asha.rao@example.com' },
    { name: 'Rahul Mehta', phone: '919811100003', email: 'rahul.m@example.com' },
    { name: 'Rahul Mehta', phone: '919811100004', email: 'rahul.mehta@example.com' },
  ],
  chats: [],
  forbiddenChats: [],
  acceptAnyCustomer: true,
};

function input(cells: string[]): string {
  const path = join(harness.dir(), 'in.csv');
  writeFileSync(path, `customer_phone,agent_phone,waba_number\n${cells.map((cell, i) => `+${customer(i)},${cell},${WABA}`).join('\n')}\n`);
  return path;
}

describe('collab-bulk validate --online', () => {
  it('reads the directory and reports unknown agents and shared names, with no collaborator request', async () => {
    const sandbox = await harness.sandbox({ org });
    const result = await runCli(['validate', input(['asha.rao@example.com', 'Asha Rao', '+919811109999', 'Rahul Mehta', 'nobody@example.com']), '--online', '--base-url', sandbox.url], {
      env: { DOUBLETICK_API_KEY: KEY },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('team directory: 3 members read');
    expect(result.stdout).toMatch(/agent_not_found\s+2\s+3, 5\s+row 3: not a team member of the organisation/);
    expect(result.stdout).toMatch(/ambiguous_agent\s+1\s+4\s+row 4: agent_phone "Rahul Mehta" names 2 team members \(rahul\.m@example\.com, rahul\.mehta@example\.com\)/);
    expect(result.stdout).toContain('total: 3 of 5 rows invalid; 2 valid');
    expect(sandbox.state()).toMatchObject({ requests: 0, teamRequests: 1 });
  });

  it('predicts a row with one unknown and one known agent partial, as run then reports it', async () => {
    const sandbox = await harness.sandbox({ org });
    const path = input(['+919811100001; +919811109999', '+919811100001']);
    const validate = await runCli(['validate', path, '--online', '--base-url', sandbox.url], { env: { DOUBLETICK_API_KEY: KEY } });
    expect(validate.code).toBe(2);
    expect(validate.stdout).toMatch(/partial\s+1\s+1\s+row 1: agent \+919811109999: not a team member of the organisation \(the other agents are sent\)/);
    expect(validate.stdout).toContain('total: all 2 rows are valid; 1 of the valid rows partial (some agents are no team members)');
    expect(sandbox.state().requests).toBe(0);
    const out = join(harness.dir(), 'out');
    const run = await runCli(['run', path, '--out', out, '--base-url', sandbox.url, '--progress', 'false'], { env: { DOUBLETICK_API_KEY: KEY } });
    expect(run.code).toBe(2);
    expect(readCsvFile(join(out, 'results.csv')).map((r) => r.status)).toEqual(['partial', 'succeeded']);
  });

  it('says the key was rejected in one sentence, exit 3', async () => {
    const sandbox = await harness.sandbox({ org, apiKey: 'another' });
    const result = await runCli(['validate', input(['+919811100001']), '--online', '--base-url', sandbox.url, '--api-key', KEY]);
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toEqual(['collab-bulk: the API key was rejected by GET /team (Unauthorized); check --api-key or DOUBLETICK_API_KEY']);
    expect(sandbox.state().requests).toBe(0);
  });

  it('says when the directory cannot be had, and leaves e-mails unresolved', async () => {
    const sandbox = await harness.sandbox({ org, teamStatus: 503 });
    const result = await runCli(['validate', input(['asha.rao@example.com', '+919811100001']), '--online', '--base-url', sandbox.url, '--api-key', KEY]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('team directory: could not be read (HTTP 503: Team is unavailable); agents given by e-mail or name are left unresolved');
    expect(result.stdout).toMatch(/agent_unresolved\s+1\s+1\s/);
    expect(sandbox.state().requests).toBe(0);
  });

  it('offline, leaves e-mails and names unresolved and reads no directory', async () => {
    const sandbox = await harness.sandbox({ org });
    const result = await runCli(['validate', input(['asha.rao@example.com', '+919811100001'])], { env: { DOUBLETICK_API_KEY: KEY, DOUBLETICK_BASE_URL: sandbox.url } });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/agent_unresolved\s+1\s+1\s+row 1: agent_phone "asha\.rao@example\.com" is an e-mail/);
    expect(sandbox.state()).toMatchObject({ requests: 0, teamRequests: 0 });
  });
});
