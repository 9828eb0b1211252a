// `collab-bulk chats --assigned-to` through the real CLI and sandbox: the agent named by e-mail or by
// phone in any format, its chats listed over several pages of GET /chats under a rate limit that
// answers 429s, written as a reassignment file; an unknown agent, a rejected key and a listing the
// API cannot finish each end with one sentence and no file.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Org } from '../../src/sandbox/index.js';
import { readCsvRaw, runCli } from './cli.js';
import { useHarness } from './harness.js';

const KEY = 'chats-key-51c2';
const env = { DOUBLETICK_API_KEY: KEY };
const harness = useHarness(KEY);

const W1 = '919800000001';
const W2 = '919800000002';
const PRIYA = '919811100005';
const ARJUN = '919811100006';
const customer = (i: number): string => `91700${String(i).padStart(7, '0')}`;

/** 250 chats of Priya's (every fifth on W2), then 20 of Arjun's and 10 of nobody's. */
const org: Org = {
  wabaNumbers: [W1, W2],
  teamMembers: [
    { name: 'Priya Nair', phone: `+${PRIYA}`, email: 'priya.nair@example.com' },
    { name: 'Arjun Das', phone: ARJUN, email: 'arjun.das@example.com' },
  ],
  chats: Array.from({ length: 280 }, (_, i) => ({
    waba: i < 250 && i % 5 === 4 ? W2 : W1,
    customer: customer(i),
    ...(i < 250 ? { assignee: PRIYA } : i < 270 ? { assignee: ARJUN } : {}),
  })),
  forbiddenChats: [],
};

const priyas = (keep: (i: number) => boolean = () => true): string[][] =>
  Array.from({ length: 250 }, (_, i) => i)
    .filter(keep)
    .map((i) => [i % 5 === 4 ? W2 : W1, customer(i), PRIYA, '']);

describe('collab-bulk chats --assigned-to', () => {
  it('lists every chat of an agent named by e-mail over three pages of GET /chats, riding out 429s, into --out', async () => {
    // One page a second and no burst, asked at up to 10/s: the second and third pages meet 429s.
    const sandbox = await harness.sandbox({ org, rateLimit: 1, burst: 1 });
    const out = join(harness.dir(), 'move.csv');
    const result = await runCli(['chats', '--assigned-to', 'PRIYA.NAIR@example.com', '--out', out, '--base-url', sandbox.url, '--rate', '10'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`250 chats assigned to Priya Nair (+${PRIYA}) written to ${out} (3 pages of GET /chats)\nNext: fill in to_agent, then run it: collab-bulk run ${out}\n`);
    expect(readCsvRaw(out)).toEqual([['waba_number', 'customer_phone', 'from_agent', 'to_agent'], ...priyas()]);
    const state = sandbox.state();
    // Three pages and the one GET /team.
    expect(state.statusCounts['200']).toBe(4);
    expect(state.statusCounts['429'] ?? 0).toBeGreaterThan(0);
    expect(state.apiRequests).toEqual({ 'GET /chats': 3 + (state.statusCounts['429'] ?? 0) });
    expect(state.teamRequests).toBe(1);
    // A listing changes nothing.
    expect(sandbox.changes()).toEqual([]);
  });

  it('resolves a phone in any format, narrows to --waba, and writes chats-<digits>.csv in the working directory by default', async () => {
    const sandbox = await harness.sandbox({ org });
    const cwd = harness.dir();
    const result = await runCli(['chats', '--assigned-to', '+91 98111-00005', '--waba', `+${W2}`, '--base-url', sandbox.url, '--rate', '0'], { env, cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^50 chats assigned to Priya Nair \(\+919811100005\) written to chats-919811100005\.csv \(1 page of GET \/chats\)\n/);
    expect(readCsvRaw(join(cwd, `chats-${PRIYA}.csv`)).slice(1)).toEqual(priyas((i) => i % 5 === 4));
  });

  it('refuses an agent who is no team member with one sentence and exit 1, listing nothing', async () => {
    const sandbox = await harness.sandbox({ org });
    const cwd = harness.dir();
    const agents = ['nobody@example.com', '+91 98111 09999', 'Kavya Menon'];
    const results = await Promise.all(agents.map((agent) => runCli(['chats', '--assigned-to', agent, '--base-url', sandbox.url], { env, cwd })));
    for (const [i, agent] of agents.entries()) {
      const result = results[i]!;
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.startsWith(`collab-bulk: --assigned-to "${agent}"`)).toBe(true);
      expect(result.stderr).toMatch(/(not a team member|no team member has)[^\n]*\n$/);
    }
    expect(sandbox.state().apiRequests).toEqual({});
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('stops with exit 3 and one sentence when the key is rejected, never printing it, and writes no file', async () => {
    const sandbox = await harness.sandbox({ org, apiKey: 'the-right-key' });
    const out = join(harness.dir(), 'move.csv');
    const result = await runCli(['chats', '--assigned-to', 'priya.nair@example.com', '--out', out, '--base-url', sandbox.url], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('collab-bulk: the API key was rejected by GET /team (Unauthorized): nothing was listed\n');
    expect(result.stderr + result.stdout).not.toContain(KEY);
    expect(existsSync(out)).toBe(false);
  });

  it('writes no file when GET /chats keeps failing, saying how far it got (exit 3)', async () => {
    const sandbox = await harness.sandbox({ org, failRate: 1 });
    const out = join(harness.dir(), 'move.csv');
    const result = await runCli(['chats', '--assigned-to', PRIYA, '--out', out, '--base-url', sandbox.url, '--max-retries', '1'], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^collab-bulk: GET \/chats failed \(server_error\): .*, after 2 requests and 0 pages; no file was written\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('reads --assigned-to as a phone when the team directory cannot be had, saying so once', async () => {
    const sandbox = await harness.sandbox({ org, teamStatus: 503 });
    const out = join(harness.dir(), 'move.csv');
    const [result, byEmail] = await Promise.all([
      runCli(['chats', '--assigned-to', `+${ARJUN}`, '--out', out, '--base-url', sandbox.url], { env }),
      runCli(['chats', '--assigned-to', 'arjun.das@example.com', '--out', `${out}.2`, '--base-url', sandbox.url], { env }),
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr.match(/team directory \(GET \/team\) could not be read/g)).toHaveLength(1);
    expect(result.stdout).toMatch(/^20 chats assigned to \+919811100006 written to/);
    expect(byEmail.code).toBe(3);
    expect(byEmail.stderr).toMatch(/is an e-mail, and without the team directory \(GET \/team\) it has no phone number to send: try again when GET \/team answers/);
  });
});
