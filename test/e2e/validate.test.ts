// `collab-bulk validate` through the real CLI: the same reading and checks as `run`, a table of
// problems on stdout, exit 0 or 2, no request and no file written.
import { createServer, type Server } from 'node:http';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, fixture, runCli, tempDir } from './cli.js';

const odd = (name: string): string => fixture(`odd/${name}`);

let out: ReturnType<typeof tempDir>;
beforeEach(() => {
  out = tempDir('collab-bulk-validate-');
});
afterEach(() => out.remove());

function runsFor(name: string): string[] {
  try {
    return readdirSync(join(ROOT, 'runs')).filter((entry) => entry.startsWith(name));
  } catch {
    return [];
  }
}

describe('collab-bulk validate', () => {
  it('exits 0 and says so when every row is valid', async () => {
    const result = await runCli(['validate', odd('sep-line-excel.csv')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`customer ← "customer_phone", agent ← "agent_phone", WABA ← "waba_number"\n${odd('sep-line-excel.csv')} (delimiter ";", utf8): 2 rows read\ntotal: all 2 rows are valid\n`);
  });

  it('exits 2 with one line per kind of problem, its count, sample rows and first message', async () => {
    const result = await runCli(['validate', odd('crm-export-semicolon-bom.csv')]);
    expect(result.code).toBe(2);
    expect(result.stdout.split('\n')).toEqual([
      'customer ← "Customer Phone", agent ← "Agent Phone", WABA ← "WABA Number"',
      `${odd('crm-export-semicolon-bom.csv')} (delimiter ";", utf8): 5 rows read`,
      '  problem        rows  first rows  first message',
      '  invalid_phone     1  5           row 5: Customer Phone "+91 98765" too short (7 digits)',
      '  missing_value     1  4           row 4: Customer Phone is empty',
      'total: 2 of 5 rows invalid; 3 valid',
      '',
    ]);
  });

  it('lists at most five sample rows per kind', async () => {
    const input = join(out.path, 'many-bad.csv');
    const bad = Array.from({ length: 8 }, (_, i) => `+91 12${i},+919811100001,919800000001`);
    writeFileSync(input, `customer_phone,agent_phone,waba_number\n+919876500001,+919811100001,919800000001\n${bad.join('\n')}\n`);
    const result = await runCli(['validate', input]);
    expect(result.stdout).toMatch(/\n {2}invalid_phone {5}8 {2}2, 3, 4, 5, 6, … {2}row 2: customer_phone "\+91 120" too short/);
    expect(result.stdout).toMatch(/\ntotal: 8 of 9 rows invalid; 1 valid\n$/);
  });

  it('counts duplicates apart, as rows sent once rather than errors', async () => {
    const result = await runCli(['validate', odd('duplicate-rows.csv')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n {2}duplicate +2 {2}3, 5 +row 3: same chat and agent as row 1 \(sent once; not an error\)\n/);
    expect(result.stdout).toMatch(/\ntotal: all 5 rows are valid, 2 of them duplicates of earlier rows\n$/);
  });

  it('reports malformed rows as run does', async () => {
    const result = await runCli(['validate', odd('unclosed-quote.csv')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/\n {2}malformed_row +1 {2}2 +row 2: line 3: the quote/);
  });

  it('takes the same reading flags as run', async () => {
    const result = await runCli(['validate', odd('no-country-code.csv'), '--default-country', 'in']);
    expect([result.code, result.stdout.trim().split('\n').at(-1)]).toEqual([0, 'total: all 3 rows are valid']);
    const waba = await runCli(['validate', odd('no-waba-column.csv'), '--waba', '+91 98000 00001']);
    expect(waba.code).toBe(0);
  });

  it('reads standard input for -', async () => {
    const result = await runCli(['validate', '-'], { stdin: 'customer_phone,agent_phone,waba_number\n+919876500001,+919811100001,919800000001\n' });
    expect([result.code, result.stdout]).toEqual([0, 'customer ← "customer_phone", agent ← "agent_phone", WABA ← "waba_number"\nstandard input (delimiter ",", utf8): 1 row read\ntotal: the one row is valid\n']);
  });

  it('refuses a file it cannot read in one sentence, exit 1', async () => {
    const result = await runCli(['validate', odd('header-only.csv')]);
    expect([result.code, result.stdout, result.stderr]).toEqual([1, '', 'collab-bulk: the file has a header but no rows\n']);
  });

  it('refuses a bad flag the way run does', async () => {
    const result = await runCli(['validate', odd('sep-line-excel.csv'), '--default-country', 'India']);
    expect([result.code, result.stderr]).toEqual([1, 'collab-bulk: --default-country must be a two-letter ISO country code such as IN or GB, not "India"\n']);
  });

  it('sends no request and writes no run folder, whatever the environment says', async () => {
    let requests = 0;
    const server: Server = createServer((_request, response) => {
      requests++;
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const env = { DOUBLETICK_API_KEY: 'k', DOUBLETICK_BASE_URL: `http://127.0.0.1:${port}` };
      const result = await runCli(['validate', odd('duplicate-rows.csv')], { env });
      expect([result.code, requests, runsFor('duplicate-rows')]).toEqual([0, 0, []]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
