// Resume reads pair records, never message text or a new session's planning (issue 17, points 2, 3
// and 8): rows final in the journal keep their results whatever the directory says now; a borrowed
// pair takes its owner's recorded outcome; agent_names lists every agent that went through.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCsvFile, runCli, tempDir } from './cli.js';
import { startReferenceServer, type ReferenceServer } from './reference-server.js';

const KEY = 'pair-truth-key-7d21';
const WABA = '919800000001';
const env = { DOUBLETICK_API_KEY: KEY };
const quiet = ['--progress', 'false', '--log-level', 'warn', '--max-retries', '1', '--rate', '50'];
const ASHA = { name: 'Asha Rao', phone: '+919811100001', email: 'asha.rao@example.com' };
const RAO = { name: 'R. Rao', phone: '+919811100002', email: 'rao@example.com' };
const VIKRAM = { name: 'Vikram Shah', phone: '+919811100003', email: 'vikram@example.com' };
const customer = (i: number): string => `91700000${String(i).padStart(4, '0')}`;

const servers: ReferenceServer[] = [];
const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

async function setup(lines: string[], members = [ASHA, RAO, VIKRAM]) {
  const server = await startReferenceServer(KEY, members);
  servers.push(server);
  const dir = tempDir();
  dirs.push(dir);
  const input = join(dir.path, 'in.csv');
  writeFileSync(input, `customer_phone,agent_phone,waba_number\n${lines.join('\n')}\n`);
  const out = join(dir.path, 'out');
  const run = (...extra: string[]) => runCli(['run', input, '--out', out, '--base-url', server.url, ...quiet, ...extra], { env });
  const results = () => readCsvFile(join(out, 'results.csv'));
  const retryLines = () => readFileSync(join(out, 'retry.csv'), 'utf8').trim().split('\n').slice(1);
  return { server, run, results, retryLines };
}

describe('--resume keeps what the journal holds as final', () => {
  it('keeps 5 applied rows succeeded and sends only the 3 that failed, though GET /team now answers 500', async () => {
    const lines = Array.from({ length: 8 }, (_, i) => `+${customer(i)},${ASHA.phone},${WABA}`);
    const t = await setup(lines);
    const failing = new Set([customer(1), customer(4), customer(6)]);
    t.server.fault = (body) => (failing.has(body.to) ? { status: 500, body: { statusCode: 500, message: 'Internal server error' } } : undefined);
    const first = await t.run();
    expect(first.code).toBe(2);
    expect(t.results().map((r) => r.status)).toEqual(['succeeded', 'failed', 'succeeded', 'succeeded', 'failed', 'succeeded', 'failed', 'succeeded']);

    t.server.fault = undefined;
    t.server.teamStatus = 500;
    const sentBefore = t.server.received.filter((r) => r.method === 'POST').length;
    const second = await t.run('--resume');
    expect(second.code).toBe(0);
    expect(t.results().map((r) => [r.status, r.error_code])).toEqual(lines.map(() => ['succeeded', '']));
    expect(t.retryLines()).toEqual([]);
    const resent = t.server.received.filter((r) => r.method === 'POST').slice(sentBefore).map((r) => (r.body as { to: string }).to);
    expect(resent.sort()).toEqual([...failing].sort());
    expect([...t.server.pairs].sort()).toEqual(lines.map((_, i) => `${WABA}|${customer(i)}|919811100001`).sort());
  });

  it('keeps them with --no-team-check added on resume too', async () => {
    const lines = Array.from({ length: 4 }, (_, i) => `+${customer(i)},${ASHA.email},${WABA}`);
    const t = await setup(lines);
    t.server.fault = (body) => (body.to === customer(2) ? { status: 503, body: { statusCode: 503, message: 'Unavailable' } } : undefined);
    expect((await t.run()).code).toBe(2);
    t.server.fault = undefined;
    const second = await t.run('--resume', '--no-team-check');
    // The applied rows stay succeeded; the one not done cannot be resolved without the directory.
    expect(t.results().map((r) => [r.status, r.error_code])).toEqual([['succeeded', ''], ['succeeded', ''], ['invalid', 'agent_unresolved'], ['succeeded', '']]);
    expect(t.retryLines()).toEqual([`+${customer(2)},${ASHA.email},${WABA}`]);
    expect(second.code).toBe(2);
  });
});

describe('a borrowed pair on resume', () => {
  it("takes its owner's recorded outcome, not a match inside another agent's message text", async () => {
    // Row 1: asha.rao@ is no member (agent_not_found, never sent), rao@ goes through: partial, final.
    // Row 2 names rao@ again (borrowed from row 1) and Vikram, whose request fails in session 1.
    const t = await setup([`+${customer(1)},${ASHA.email}; ${RAO.email},${WABA}`, `+${customer(1)},${RAO.email}; ${VIKRAM.email},${WABA}`], [RAO, VIKRAM]);
    t.server.fault = (body) => (body.agentNumbers.includes('919811100003') ? { status: 500, body: { statusCode: 500, message: 'boom' } } : undefined);
    expect((await t.run('--no-coalesce')).code).toBe(2);
    expect(t.results().map((r) => [r.status, r.error_code])).toEqual([['partial', 'agent_not_found'], ['partial', 'server_error']]);

    t.server.fault = undefined;
    expect((await t.run('--no-coalesce', '--resume')).code).toBe(2);
    const [row1, row2] = t.results();
    expect(row1).toMatchObject({ status: 'partial', error_code: 'agent_not_found', retryable: 'false', agent_names: 'R. Rao' });
    expect(row2).toMatchObject({ status: 'succeeded', error_code: '', retryable: 'false', agent_names: 'R. Rao; Vikram Shah' });
    expect([...t.server.pairs].sort()).toEqual([`${WABA}|${customer(1)}|919811100002`, `${WABA}|${customer(1)}|919811100003`]);
    expect(t.retryLines()).toEqual([]);
  });

  it('carries the applied pairs of a row that was not final, and sends only the rest', async () => {
    const t = await setup([`+${customer(1)},${RAO.phone}; ${VIKRAM.phone},${WABA}`]);
    t.server.unmentioned.add('919811100003');
    expect((await t.run()).code).toBe(2);
    expect(t.results()[0]).toMatchObject({ status: 'partial', error_code: 'unconfirmed', retryable: 'true' });
    expect(t.retryLines()).toEqual([`+${customer(1)},${VIKRAM.phone},${WABA}`]);
    t.server.unmentioned.clear();
    const before = t.server.received.filter((r) => r.method === 'POST').length;
    expect((await t.run('--resume')).code).toBe(0);
    const resent = t.server.received.filter((r) => r.method === 'POST').slice(before).map((r) => (r.body as { agentNumbers: string[] }).agentNumbers);
    expect(resent).toEqual([['919811100003']]);
    expect(t.results()[0]).toMatchObject({ status: 'succeeded', agent_names: 'R. Rao; Vikram Shah' });
  });
});

describe('agent_names', () => {
  it('lists an agent an earlier row of the same chat carried, with the name the answer gave', async () => {
    const t = await setup([`+${customer(1)},${RAO.phone},${WABA}`, `+${customer(1)},${RAO.phone};${VIKRAM.phone},${WABA}`]);
    expect((await t.run('--no-team-check')).code).toBe(0);
    expect(t.results().map((r) => [r.status, r.agent_names])).toEqual([['succeeded', 'R. Rao'], ['succeeded', 'R. Rao; Vikram Shah']]);
  });
});
