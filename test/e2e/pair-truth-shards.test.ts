// One run, the same run stopped and resumed, and the same input in three shards merged give the
// same results.csv and the same collaborators (issue 17, points 6 and 7), on random inputs with
// agents shared across rows, duplicate rows, unknown agents and a forbidden chat; and merge keeps
// an Excel `sep=;` line once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { readCsvFile, runCli, tempDir, waitFor } from './cli.js';
import { AGENTS, customer, openOrg, pairsOf, WABA } from './generated.js';

const KEY = 'pair-shards-key-44e0';
const env = { DOUBLETICK_API_KEY: KEY };
const quiet = ['--progress', 'false', '--log-level', 'warn', '--max-retries', '8'];
const FORBIDDEN = customer(3);
const NOT_A_MEMBER = '919811199999';

const dirs: ReturnType<typeof tempDir>[] = [];
afterAll(() => dirs.forEach((dir) => dir.remove()));
const newDir = (): string => {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
};

async function sandbox(): Promise<Sandbox> {
  // Faults that a retry heals (5xx, dropped connections) and ones that are the chat's own (403).
  return startSandbox({ port: 0, apiKey: KEY, org: { ...openOrg(), forbiddenChats: [{ waba: WABA, customer: FORBIDDEN }] }, failRate: 0.15, resetRate: 0.05, seed: 7 });
}

/** What must be equal across the three ways: everything but attempts and the HTTP status of a retried row. */
const outcome = (dir: string) => readCsvFile(join(dir, 'results.csv')).map((r) => [r.row, r.status, r.error_code, r.retryable, r.agent_names].join(' '));

const row = fc.record({
  chat: fc.integer({ min: 0, max: 5 }),
  agents: fc.uniqueArray(fc.oneof(fc.constantFrom(...AGENTS.slice(0, 4)), fc.constant(NOT_A_MEMBER)), { minLength: 1, maxLength: 3 }),
});

describe('one run, a stopped and resumed run, and three shards merged', () => {
  it('give the same results.csv and the same collaborators', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 6, maxLength: 24 }), async (rows) => {
        const dir = newDir();
        const input = join(dir, 'in.csv');
        const lines = rows.map((r) => `+${customer(r.chat)},${r.agents.map((a) => `+${a}`).join(';')},${WABA}`);
        writeFileSync(input, `customer_phone,agent_phone,waba_number\n${lines.join('\n')}\n`);
        const servers = [await sandbox(), await sandbox(), await sandbox()];
        try {
          const [one, resumed, sharded] = servers as [Sandbox, Sandbox, Sandbox];
          // The three ways each have their own sandbox and --out, so they run side by side.
          const stopped = join(dir, 'resumed');
          const shards = [1, 2, 3].map((i) => join(dir, `s${i}`));
          await Promise.all([
            runCli(['run', input, '--out', join(dir, 'one'), '--base-url', one.url, ...quiet], { env }),
            // Interrupted once a few requests went out, then finished with --resume (below).
            runCli(['run', input, '--out', stopped, '--base-url', resumed.url, '--rate', '10', ...quiet], {
              env,
              onSpawn: (child) => void waitFor(() => resumed.state().requests >= 2, 20_000).then(() => child.kill('SIGINT'), () => undefined),
            }),
            ...shards.map((out, i) => runCli(['run', input, '--shard', `${i + 1}/3`, '--out', out, '--base-url', sharded.url, ...quiet], { env })),
          ]);
          const [, merge] = await Promise.all([
            runCli(['run', input, '--out', stopped, '--base-url', resumed.url, '--resume', ...quiet], { env }),
            runCli(['merge', ...shards, '--out', join(dir, 'merged')]),
          ]);
          expect(merge.stderr).toBe('');

          const expected = outcome(join(dir, 'one'));
          expect(expected).toHaveLength(rows.length);
          expect(outcome(stopped)).toEqual(expected);
          expect(outcome(join(dir, 'merged'))).toEqual(expected);
          expect(pairsOf(resumed.state())).toEqual(pairsOf(one.state()));
          expect(pairsOf(sharded.state())).toEqual(pairsOf(one.state()));
          expect(readFileSync(join(dir, 'merged', 'retry.csv'), 'utf8')).toBe(readFileSync(join(dir, 'one', 'retry.csv'), 'utf8'));
        } finally {
          for (const server of servers) await server.close();
        }
      }),
      { numRuns: 4, seed: 1705, endOnFailure: true },
    );
  }, 240_000);
});

describe('merging shards of an Excel file that starts with sep=;', () => {
  it('writes the sep= line once above the header, and every retryable row', async () => {
    const dir = newDir();
    const input = join(dir, 'excel.csv');
    const lines = ['sep=;', 'customer_phone;agent_phone;waba_number'];
    for (let i = 0; i < 12; i++) lines.push(`+${customer(i)};+${AGENTS[i % 3]};${WABA}`);
    writeFileSync(input, `${lines.join('\r\n')}\r\n`);
    const whole = join(dir, 'single');
    const shards = [1, 2, 3].map((i) => join(dir, `s${i}`));
    await Promise.all([
      runCli(['run', input, '--out', whole, '--dry-run', ...quiet], { env }),
      ...shards.map((out, i) => runCli(['run', input, '--dry-run', '--shard', `${i + 1}/3`, '--out', out, ...quiet], { env })),
    ]);
    const merge = await runCli(['merge', ...shards, '--out', join(dir, 'merged')]);
    expect(merge.stderr).toBe('');
    const merged = readFileSync(join(dir, 'merged', 'retry.csv'), 'utf8');
    expect(merged).toBe(readFileSync(join(whole, 'retry.csv'), 'utf8'));
    expect(merged).toBe(`${lines.join('\r\n')}\r\n`);
  });
});
