// Files laid out as HubSpot, Salesforce, Zoho, Pipedrive and Freshsales export them (fictional
// numbers), through the real CLI and the sandbox: the mapping line, the column actually used (the
// sandbox's pairs), every row's status and the exit code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, readCsvFile, runCli } from './cli.js';
import { pairsOf, WABA } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'crm-key-7d1e';
const harness = useHarness(KEY);
const crm = (name: string): string => fixture(join('crm', name));

async function runExport(name: string, flags: readonly string[] = []) {
  const sandbox = await harness.sandbox();
  const out = join(harness.dir(), 'out');
  const result = await runCli(['run', crm(name), '--base-url', sandbox.url, '--out', out, '--rate', '0', '--waba', WABA, ...flags], {
    env: { DOUBLETICK_API_KEY: KEY },
  });
  const rows = result.code === 1 ? [] : readCsvFile(join(out, 'results.csv'));
  const summary = result.code === 1 ? undefined : (JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown>);
  return { result, rows, summary, pairs: pairsOf(sandbox.state()), requests: sandbox.state().requests };
}

const pair = (customer: string, agent: string): string => `${WABA}|${customer}|${agent}`;

describe('a HubSpot contacts export', () => {
  it('maps the customer to the WhatsApp column and the agent to the owner mobile, and says so first', async () => {
    const { result, rows, summary, pairs } = await runExport('hubspot-contacts.csv', ['--default-country', 'IN']);
    expect(result.stdout.split('\n')[0]).toBe(
      'customer ← "WhatsApp Phone Number" (also phone-like: "Phone Number", "Mobile Phone Number"), agent ← "Owner Mobile" (also: "Contact owner"), WABA ← --waba',
    );
    expect(rows.map((row) => row.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(pairs).toEqual([pair('919845020001', '919811100001'), pair('919845020002', '919811100001'), pair('919845020003', '919811100002')]);
    expect(summary?.columns).toMatchObject({
      customer: { header: 'WhatsApp Phone Number', column: 7 },
      agent: { header: 'Owner Mobile', column: 9 },
      waba: null,
      wabaFlag: true,
      alsoPhoneLike: ['Phone Number', 'Mobile Phone Number'],
    });
    expect(result.code).toBe(0);
  });

  it('names --default-country for local numbers when it is missing', async () => {
    const { result, rows, pairs } = await runExport('hubspot-contacts.csv');
    expect(rows.map((row) => row.status)).toEqual(['succeeded', 'succeeded', 'invalid']);
    expect(rows[2]?.error_message).toMatch(/has no country code.*--default-country/);
    expect(pairs).toHaveLength(2);
    expect(result.code).toBe(2);
  });
});
