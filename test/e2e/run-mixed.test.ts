// The real CLI against the real sandbox on a file with every kind of row: each row's line in
// results.csv, retry.csv and the sandbox's state are checked one by one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { fixture, readCsvFile, readCsvRaw, runCli, tempDir, type CliResult, type CsvRow } from './cli.js';

const KEY = 'e2e-secret-key-7f3a9c';

describe('collab-bulk run on a mixed file', () => {
  let sandbox: Sandbox;
  let out: ReturnType<typeof tempDir>;
  let result: CliResult;
  let rows: CsvRow[];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, apiKey: KEY });
    out = tempDir();
    result = await runCli(['run', fixture('mixed.csv'), '--base-url', sandbox.url, '--out', out.path, '--rate', '50'], {
      env: { DOUBLETICK_API_KEY: KEY },
    });
    rows = readCsvFile(join(out.path, 'results.csv'));
  });

  afterAll(async () => {
    await sandbox.close();
    out.remove();
  });

  it('exits 2 because some rows did not succeed', () => {
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(result.code).toBe(2);
  });

  it('writes one results line per input row, in input order, with the input columns as they were', () => {
    const input = readCsvFile(fixture('mixed.csv'));
    expect(rows.map((r) => r.row)).toEqual(input.map((_, i) => String(i + 1)));
    for (const [i, row] of rows.entries()) expect(row.customer_name).toBe(input[i]!.customer_name);
    expect(rows[0]!.customer_phone).toBe('+91 98765 00001');
  });

  it('gives each row the status, code and attempts that match what happened to it', () => {
    const view = rows.map((r) => [r.status, r.error_code, r.http_status, r.attempts, r.retryable]);
    expect(view).toEqual([
      ['succeeded', '', '200', '1', 'false'],
      ['succeeded', '', '200', '1', 'false'],
      // Not a team member by the directory: no request is spent on it.
      ['failed', 'agent_not_found', '', '0', 'false'],
      ['failed', 'chat_not_found', '400', '1', 'false'],
      ['invalid', 'invalid_phone', '', '0', 'false'],
      ['invalid', 'missing_value', '', '0', 'false'],
      ['duplicate', '', '', '0', 'false'],
      ['partial', 'agent_not_found', '200', '1', 'false'],
      ['failed', 'forbidden', '403', '1', 'false'],
      ['succeeded', '', '200', '1', 'false'],
    ]);
  });

  it('names the agents that went through in agent_names', () => {
    expect(rows.map((r) => r.agent_names)).toEqual(['Asha Rao', 'Vikram Shah; Neha Iyer', '', '', '', '', '', 'Rahul Mehta', '', 'Vikram Shah']);
  });

  it('explains invalid, duplicate and partial rows in words', () => {
    expect(rows[4]!.error_message).toContain('customer_phone "12345"');
    expect(rows[5]!.error_message).toContain('agent_phone is empty');
    expect(rows[6]!.error_message).toContain('row 1');
    expect(rows[7]!.error_message).toContain('+919811109998');
  });

  it('applied every valid pair exactly once and sent nothing for invalid or duplicate rows', () => {
    const state = sandbox.state();
    expect(state.collaborators.map((c) => `${c.waba}|${c.customer}|${c.agent}`).sort()).toEqual(
      [
        '919800000001|919876500001|919811100001',
        '919800000001|919876500002|919811100002',
        '919800000001|919876500002|919811100003',
        '919800000001|919876500005|919811100004',
        '919800000002|919876500001|919811100002',
      ].sort(),
    );
    expect(Object.values(state.addCalls).every((n) => n === 1)).toBe(true);
    // Rows 1, 2, 4, 8, 9 and 10 reach the API, one request each; rows 3 (no known agent) and 5-7 never do.
    expect(state.requests).toBe(6);
    expect(state.teamRequests).toBe(1);
  });

  it('leaves retry.csv with the input header and no rows, since no failure here is transient', () => {
    const retry = readCsvRaw(join(out.path, 'retry.csv'));
    expect(retry).toEqual([['customer_phone', 'agent_phone', 'waba_number', 'customer_name']]);
  });

  it('writes summary.json with counts that add up to the rows', () => {
    const summary = JSON.parse(readFileSync(join(out.path, 'summary.json'), 'utf8'));
    expect(summary.rows).toBe(10);
    expect(summary.statuses).toEqual({ succeeded: 3, partial: 1, failed: 3, invalid: 2, duplicate: 1, not_attempted: 0, skipped: 0, unchanged: 0 });
    expect(summary.requestsSent).toBe(6);
    expect(summary.exitCode).toBe(2);
    expect(summary.errorCodes).toMatchObject({ agent_not_found: 2, chat_not_found: 1, forbidden: 1, invalid_phone: 1, missing_value: 1 });
  });

  it('never shows the API key in its output, logs or files', () => {
    expect(result.stdout + result.stderr).not.toContain(KEY);
    for (const file of readdirSync(out.path)) expect(readFileSync(join(out.path, file), 'utf8')).not.toContain(KEY);
  });
});
