// What a stop leaves behind, pair by pair (issue 17, points 4 and 5): a row nothing was sent for is
// not_attempted with the stop's code, never a network error it did not have, even when it borrows
// an agent from an earlier row that was not sent either; and a Ctrl-C after such a stop, while a
// pipe is still feeding the input, ends reading and completes every output within 12 s.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { readCsvFile, runCli, tempDir, waitFor } from './cli.js';
import { startReferenceServer, type ReferenceServer } from './reference-server.js';

const KEY = 'pair-stops-key-0b3e';
const WABA = '919800000001';
const AGENT_X = '+919811100001';
const AGENT_Y = '+919811100002';
const customer = (i: number): string => `91700000${String(i).padStart(4, '0')}`;
const unauthorized = { status: 401, body: { statusCode: 401, message: 'Invalid public api key', error: 'Unauthorized' } };

const servers: ReferenceServer[] = [];
const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

async function setup() {
  const server = await startReferenceServer(KEY, [{ name: 'Asha Rao', phone: AGENT_X }, { name: 'Vikram Shah', phone: AGENT_Y }]);
  servers.push(server);
  const dir = tempDir();
  dirs.push(dir);
  return { server, dir: dir.path };
}

describe('a run stopped because the key was rejected', () => {
  it('marks every row nothing was sent for not_attempted / unauthorized with attempts 0, borrowed agents included', async () => {
    const { server, dir } = await setup();
    // The directory answers; every collaborator request is refused, so the third 401 stops the run.
    server.fault = () => unauthorized;
    const lines = ['customer_phone,agent_phone,waba_number'];
    for (let i = 0; i < 40; i++) lines.push(`+${customer(i)},${AGENT_X},${WABA}`, `+${customer(i)},${AGENT_X};${AGENT_Y},${WABA}`);
    const input = join(dir, 'in.csv');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const out = join(dir, 'out');
    const result = await runCli(['run', input, '--out', out, '--base-url', server.url, '--rate', '5', '--concurrency', '1', '--no-coalesce', '--progress', 'false'], { env: { DOUBLETICK_API_KEY: KEY } });
    expect(result.code).toBe(3);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.stoppedBecause).toBe('credentials_rejected');
    const rows = readCsvFile(join(out, 'results.csv'));
    expect(rows).toHaveLength(80);
    const unsent = rows.filter((r) => r.attempts === '0');
    expect(unsent.length).toBeGreaterThan(60);
    for (const row of unsent) {
      // A later row of a chat whose first row was sent borrows that row's failure (unauthorized, retryable).
      expect([row.status, row.error_code, row.retryable], `row ${row.row}`).toEqual(row.status === 'failed' ? ['failed', 'unauthorized', 'true'] : ['not_attempted', 'unauthorized', 'true']);
    }
    expect(rows.filter((r) => r.error_code === 'network_error')).toEqual([]);
    expect(summary.errorCodes.network_error ?? 0).toBe(0);
    // Every row is worth sending again once the key is fixed.
    expect(readFileSync(join(out, 'retry.csv'), 'utf8').trim().split('\n')).toHaveLength(81);
    expect(server.pairs.size).toBe(0);
  });
});

describe('Ctrl-C after another stop, while standard input is still open', () => {
  it('stops reading, writes every output within 12 s, and does not offer --resume for standard input', async () => {
    const { server, dir } = await setup();
    server.fault = () => unauthorized;
    // More than the 64 KiB read ahead to sniff the input; then the pipe stays open.
    const head = ['customer_phone,agent_phone,waba_number', ...Array.from({ length: 2_000 }, (_, i) => `+${customer(i)},${AGENT_X},${WABA}`)].join('\n');
    const out = join(dir, 'out');
    let signalledAt = 0;
    const onSpawn = (child: ChildProcess): void =>
      void waitFor(() => existsSync(join(out, 'journal.jsonl')) && server.received.filter((r) => r.method === 'POST').length >= 3, 30_000).then(async () => {
        // Give the stop a moment to land, then interrupt while the pipe is still open.
        await new Promise((resolve) => setTimeout(resolve, 300));
        signalledAt = Date.now();
        child.kill('SIGINT');
      });
    const result = await runCli(['run', '-', '--out', out, '--base-url', server.url, '--rate', '20', '--concurrency', '1', '--progress', 'false'], {
      env: { DOUBLETICK_API_KEY: KEY },
      stdin: `${head}\n`,
      keepStdinOpen: true,
      timeoutMs: 40_000,
      onSpawn,
    });
    expect(signalledAt).toBeGreaterThan(0);
    expect(Date.now() - signalledAt).toBeLessThan(12_000);
    expect(result.code).toBe(3);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).stoppedBecause).toBe('credentials_rejected');
    const rows = readCsvFile(join(out, 'results.csv'));
    expect(rows.map((r) => Number(r.row))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(result.stderr).not.toContain('--resume');
    expect(result.stderr).toContain('retry.csv');
  });
});
