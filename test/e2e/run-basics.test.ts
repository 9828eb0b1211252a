// Exit codes, dry runs and clear input errors, through the real CLI and sandbox. The rate limit,
// which judges timing, is in rate-window.test.ts (rate project).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { fixture, readCsvFile, readCsvRaw, runCli, tempDir } from './cli.js';
import { openOrg, pairsOf, writeRows } from './generated.js';

const KEY = 'basics-key-51c2';
const env = { DOUBLETICK_API_KEY: KEY };

describe('collab-bulk run', () => {
  let sandbox: Sandbox;
  let out: ReturnType<typeof tempDir>;

  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, apiKey: KEY, org: openOrg() });
    out = tempDir();
  });

  afterEach(async () => {
    await sandbox.close();
    out.remove();
  });

  it('exits 0 when every row succeeds, and the sandbox holds every pair', async () => {
    const input = join(out.path, 'in.csv');
    const pairs = writeRows(input, 30, 2);
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(out.path, 'o'), '--rate', '0'], { env });
    expect(result.code).toBe(0);
    expect(readCsvFile(join(out.path, 'o/results.csv')).map((r) => r.status)).toEqual(Array(30).fill('succeeded'));
    expect(pairsOf(sandbox.state())).toEqual([...pairs].sort());
  });

  it('sends nothing on --dry-run, yet writes every row and a retry file ready to run', async () => {
    const input = join(out.path, 'in.csv');
    writeRows(input, 20, 2);
    const result = await runCli(['run', input, '--dry-run', '--base-url', sandbox.url, '--out', join(out.path, 'o')]);
    expect(result.code).toBe(0);
    expect(sandbox.state().requests).toBe(0);
    expect(readCsvFile(join(out.path, 'o/results.csv')).map((r) => r.status)).toEqual(Array(20).fill('not_attempted'));
    expect(readCsvRaw(join(out.path, 'o/retry.csv'))).toEqual(readCsvRaw(input));
  });

  it('fails in one sentence, exit 1, before any request when a required column is missing', async () => {
    const input = join(out.path, 'no-agent.csv');
    writeFileSync(input, 'customer_phone,waba_number\n+919876500001,919800000001\n');
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(out.path, 'o')], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/no agent phone column/i);
    expect(sandbox.state().requests).toBe(0);
    expect(existsSync(join(out.path, 'o/results.csv'))).toBe(false);
  });

  it('refuses to start without an API key, exit 1', async () => {
    const result = await runCli(['run', fixture('sample.csv'), '--base-url', sandbox.url, '--out', out.path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no API key/);
    expect(sandbox.state().requests).toBe(0);
  });
});
