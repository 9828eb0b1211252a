// Files laid out as HubSpot, Salesforce, Zoho, Pipedrive and Freshsales export them (fictional
// numbers), through the real CLI and the sandbox: the mapping line, the column actually used (the
// sandbox's pairs), every row's status and the exit code.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
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

describe('a Salesforce report export', () => {
  it('skips its title and footer lines as not_a_row, exits 0, and uses Mobile over the office Phone', async () => {
    const { result, rows, summary, pairs } = await runExport('salesforce-contacts-report.csv', ['--default-country', 'IN']);
    expect(result.stdout.split('\n')[0]).toBe(
      'customer ← "Mobile" (also phone-like: "Phone", "Home Phone", "Other Phone", "Fax"), agent ← "Contact Owner Mobile" (also: "Contact Owner", "Account Owner"), WABA ← --waba',
    );
    expect(rows.map((row) => [row.status, row.error_code])).toEqual([
      ['skipped', 'not_a_row'],
      ['succeeded', ''],
      ['succeeded', ''],
      ['succeeded', ''],
      ...Array(4).fill(['skipped', 'not_a_row']),
    ]);
    expect(rows[1]?.Description).toBe('Met at expo.\r\nWants Hindi support.');
    expect(pairs).toEqual([pair('919845030001', '919811100001'), pair('919845030002', '919811100002'), pair('919845030003', '919811100001')]);
    expect(summary?.statuses).toMatchObject({ succeeded: 3, skipped: 5 });
    expect(result.code).toBe(0);
  });
});

describe('validate on a Salesforce report export', () => {
  it('prints the mapping first, counts title and footer lines apart as not rows, and exits 0', async () => {
    const result = await runCli(['validate', crm('salesforce-contacts-report.csv'), '--waba', WABA, '--default-country', 'IN']);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^customer ← "Mobile" .*agent ← "Contact Owner Mobile"/);
    expect(lines[1]).toMatch(/\(delimiter ",", utf8\): 3 rows read$/);
    expect(result.stdout).toMatch(/\n {2}not_a_row +5 {2}1, 5, 6, 7, 8 +row 1: a title line above the header, not a row \(skipped; not an error\)\n/);
    expect(lines.at(-2)).toBe('total: all 3 rows are valid');
    expect(result.code).toBe(0);
  });
});

describe('a Zoho export saved as Windows-1252', () => {
  it('stops before any request naming --encoding windows-1252 when read as UTF-8', async () => {
    const { result, requests } = await runExport('zoho-contacts-windows-1252.csv');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not UTF-8 text .*pass --encoding windows-1252$/m);
    expect(requests).toBe(0);
  });

  it('with --encoding windows-1252 uses Mobile and the owner mobile, and keeps the accents', async () => {
    const { result, rows, pairs } = await runExport('zoho-contacts-windows-1252.csv', ['--encoding', 'windows-1252', '--default-country', 'IN']);
    expect(result.stdout.split('\n')[0]).toMatch(/^customer ← "Mobile" \(also phone-like: "Phone", "Home Phone", "Other Phone", "Asst Phone", "Fax"\), agent ← "Owner Mobile" \(also: "Contact Owner"\), WABA ← --waba$/);
    expect(rows.map((row) => row.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(rows.map((row) => row['First Name'])).toEqual(['José', 'Renée', 'Søren']);
    expect(rows[0]?.Description).toBe('Prefers “WhatsApp” – evenings');
    expect(pairs).toEqual([pair('919845040001', '919811100003'), pair('919845040002', '919811100003'), pair('919845040003', '919811100004')]);
    expect(result.code).toBe(0);
  });
});

describe('a Pipedrive export saved as UTF-16 text', () => {
  it("uses Person - Phone - Mobile and the person's owner phone, never the work or home phone", async () => {
    const { result, rows, pairs } = await runExport('pipedrive-persons-utf16le.txt', ['--default-country', 'IN']);
    expect(result.stdout.split('\n')[0]).toBe(
      'customer ← "Person - Phone - Mobile" (also phone-like: "Person - Phone - Work", "Person - Phone - Home"), agent ← "Person - Owner phone" (also: "Person - Owner", "Organization - Owner"), WABA ← --waba',
    );
    expect(rows.map((row) => row.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(rows[0]?.['Person - Notes']).toBe('"Call after 6pm"\nno Sundays');
    expect(pairs).toEqual([pair('919845050001', '919811100005'), pair('919845050002', '919811100005'), pair('919845050003', '919811100006')]);
    expect(result.code).toBe(0);
  });
});

describe('a Freshsales export', () => {
  it('uses the WhatsApp number over Mobile and Work, and reports the contact without one', async () => {
    const { result, rows, pairs } = await runExport('freshsales-contacts.csv');
    expect(result.stdout.split('\n')[0]).toBe(
      'customer ← "WhatsApp number" (also phone-like: "Mobile"), agent ← "Sales owner mobile" (also: "Sales owner"), WABA ← --waba',
    );
    expect(rows.map((row) => [row.status, row.error_code])).toEqual([
      ['succeeded', ''],
      ['succeeded', ''],
      ['invalid', 'missing_value'],
    ]);
    expect(rows[0]?.Notes).toBe('Prefers "WhatsApp"; evenings');
    expect(pairs).toEqual([pair('34612000101', '919811100007'), pair('393120000102', '919811100007')]);
    expect(result.code).toBe(2);
  });

  it('stops before any request when two columns are equally good, naming both and the flag; the flag then picks one', async () => {
    const tie = await runExport('freshsales-two-mobiles.csv');
    expect(tie.result.code).toBe(1);
    expect(tie.result.stderr.trim()).toBe(
      'collab-bulk: columns Mobile (column 2) and Cell (column 3) both look like the customer phone column; pick one with --customer-column "Mobile" or --customer-column "Cell"',
    );
    expect(tie.requests).toBe(0);
    const picked = await runExport('freshsales-two-mobiles.csv', ['--customer-column', 'Cell']);
    expect(picked.pairs).toEqual([pair('351913000003', '919811100008')]);
    expect(picked.result.code).toBe(0);
  });
});

describe('an export whose only phone column is an office phone', () => {
  it('never uses it by itself: stops before any request naming it and the flag', async () => {
    const { result, requests } = await runExport('hubspot-office-phone-only.csv');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/only Work Phone looks like one, .*pass --customer-column "Work Phone"/);
    expect(requests).toBe(0);
  });
});

describe('retry.csv of a CRM export', () => {
  it('is the export byte for byte, in UTF-16 with its BOM, tabs and CRLF, when nothing was sent', async () => {
    const out = join(harness.dir(), 'out');
    const result = await runCli(['run', crm('pipedrive-persons-utf16le.txt'), '--dry-run', '--out', out, '--waba', WABA, '--default-country', 'IN']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'retry.csv'))).toEqual(readFileSync(crm('pipedrive-persons-utf16le.txt')));
  });

  it('is the Salesforce export without its title and footer, every other byte kept', async () => {
    const out = join(harness.dir(), 'out');
    await runCli(['run', crm('salesforce-contacts-report.csv'), '--dry-run', '--out', out, '--waba', WABA, '--default-country', 'IN']);
    const lines = readFileSync(crm('salesforce-contacts-report.csv'), 'utf8').split('\r\n');
    expect(readFileSync(join(out, 'retry.csv'), 'utf8')).toBe(`${lines.slice(1, 6).join('\r\n')}\r\n`);
  });

  it('is the Windows-1252 export byte for byte', async () => {
    const out = join(harness.dir(), 'out');
    await runCli(['run', crm('zoho-contacts-windows-1252.csv'), '--dry-run', '--out', out, '--waba', WABA, '--encoding', 'windows-1252', '--default-country', 'IN']);
    const retry = readFileSync(join(out, 'retry.csv'));
    expect(retry).toEqual(readFileSync(crm('zoho-contacts-windows-1252.csv')));
    expect(iconv.decode(retry, 'windows-1252')).toContain('Zoë D’Souza');
  });
});
