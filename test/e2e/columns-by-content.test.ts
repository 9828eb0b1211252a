// Issue 17, points 11 and 12, through the real CLI and the sandbox: a column whose name promises a
// WhatsApp number but whose cells are flags or names is passed over for the column that holds the
// numbers, and the mapping line and summary.json say the cells decided; a documented name
// (customer_phone) outranks a generic one (Contact Phone Number), and a real tie still stops.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, readCsvFile, runCli } from './cli.js';
import { pairsOf, WABA } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'content-key-3f9a';
const harness = useHarness(KEY);
const crm = (name: string): string => fixture(join('crm', name));
const pair = (customer: string, agent: string): string => `${WABA}|${customer}|${agent}`;

async function runExport(name: string) {
  const sandbox = await harness.sandbox();
  const out = join(harness.dir(), 'out');
  const result = await runCli(['run', crm(name), '--base-url', sandbox.url, '--out', out, '--rate', '0', '--waba', WABA], {
    env: { DOUBLETICK_API_KEY: KEY },
  });
  const rows = result.code === 1 ? [] : readCsvFile(join(out, 'results.csv'));
  const summary = result.code === 1 ? undefined : (JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown>);
  return { result, rows, summary, pairs: pairsOf(sandbox.state()) };
}

describe('a HubSpot export with Mobile and "WhatsApp Opted In" (Yes/No)', () => {
  it('uses Mobile for the customer, says the cells decided, and every row goes through', async () => {
    const { result, rows, summary, pairs } = await runExport('hubspot-whatsapp-opted-in.csv');
    const line = 'customer ← "Mobile" (chosen by its content: "WhatsApp Opted In" holds no phone numbers), agent ← "Owner Mobile" (also: "Contact owner"), WABA ← --waba';
    expect(result.stdout.split('\n')[0]).toBe(line);
    expect(rows.map((row) => [row.status, row.error_code])).toEqual([['succeeded', ''], ['succeeded', ''], ['succeeded', '']]);
    expect(pairs).toEqual([pair('919845030001', '919811100001'), pair('919845030002', '919811100001'), pair('919845030003', '919811100002')]);
    expect(summary?.columns).toMatchObject({
      line,
      customer: { header: 'Mobile', column: 3 },
      byContent: [{ role: 'customer', passedOver: [{ header: 'WhatsApp Opted In', column: 4, cells: 3, phones: 0 }] }],
    });
    expect(result.code).toBe(0);
  });
});

describe('validate on a file with "Has WhatsApp" and "WhatsApp Name"', () => {
  it('passes both over for Phone and finds every row valid', async () => {
    const result = await runCli(['validate', crm('whatsapp-flags-and-names.csv'), '--waba', WABA]);
    expect(result.stdout.split('\n')[0]).toBe(
      'customer ← "Phone" (chosen by its content: "Has WhatsApp" holds no phone numbers, "WhatsApp Name" holds no phone numbers), agent ← "agent_phone", WABA ← --waba',
    );
    expect(result.code).toBe(0);
  });
});

describe('customer_phone beside "Contact Phone Number"', () => {
  it('uses the documented customer_phone instead of stopping as a tie', async () => {
    const { result, rows, pairs } = await runExport('customer-phone-and-contact-phone.csv');
    expect(result.stdout.split('\n')[0]).toBe('customer ← "customer_phone" (also phone-like: "Contact Phone Number"), agent ← "agent_phone", WABA ← --waba');
    expect(rows.map((row) => row.status)).toEqual(['succeeded', 'succeeded']);
    expect(pairs).toEqual([pair('919845040001', '919811100001'), pair('919845040002', '919811100002')]);
    expect(result.code).toBe(0);
  });

  it('still stops on two spellings of the documented name, naming both, with nothing sent', async () => {
    const { result, pairs } = await runExport('two-customer-phone-columns.csv');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'columns customer_phone (column 1) and Customer Phone (column 2) both look like the customer phone column; pick one with --customer-column "customer_phone" or --customer-column "Customer Phone"',
    );
    expect(pairs).toEqual([]);
  });
});
