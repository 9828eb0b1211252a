// A run recording into the state is SIGKILLed: the state opens afterwards (the dead run's lock is
// taken over) and holds every pair committed before the kill; the uncommitted batch is lost and
// those pairs are simply sent again. Runs the built store (dist/) in a child process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openState } from '../../src/state/store.js';
import { pair, tempDir } from './helpers.js';

const STORE = fileURLToPath(new URL('../../dist/state/store.js', import.meta.url));

// Records 500 applied pairs and commits them, says "flushed", waits for a line on stdin, then records
// 5 more in a batch that would commit only after a minute, says "pending", and waits to be killed.
const CHILD = `
import { openState } from ${JSON.stringify(STORE)};
const [path] = process.argv.slice(1);
const state = openState(path, { batch: { maxWrites: 100000, maxAgeMs: 60000 } });
const run = state.beginRun({ input: 'night.csv', action: 'add' });
const rec = (c) => ({ waba: '971500000001', customer: String(919800000000 + c), agent: '447700900001', action: 'add', row: c, raw: '', outcome: { kind: 'applied', httpStatus: 200 } });
for (let c = 1; c <= 500; c++) state.recordPair(rec(c), run);
state.flush();
process.stdout.write('flushed\\n');
process.stdin.once('data', () => {
  for (let c = 501; c <= 505; c++) state.recordPair(rec(c), run);
  process.stdout.write('pending\\n');
  setInterval(() => {}, 1000);
});
`;

describe('a run killed with SIGKILL', () => {
  it('holds the lock while alive, then leaves a state that opens and holds what was committed', async () => {
    expect(existsSync(STORE), `${STORE} is missing: run npm run build first`).toBe(true);
    const path = join(tempDir(), 'nightly.db');
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, path], { stdio: ['pipe', 'pipe', 'pipe'] });
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const said = (word: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const check = (): void => void (stdout.includes(`${word}\n`) && resolve());
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), check()));
        child.once('exit', () => reject(new Error(`child exited before "${word}": ${stderr}`)));
        check();
      });
    const exited = once(child, 'exit');
    try {
      await said('flushed');
      expect(() => openState(path)).toThrow(`(pid ${child.pid}, since `);
      child.stdin.write('go\n');
      await said('pending');
      child.kill('SIGKILL');
      await exited;
    } finally {
      clearTimeout(killer);
    }

    const state = openState(path);
    expect(state.countApplied()).toBe(500);
    expect(state.isApplied(pair(500, 1))).toBe(true);
    // Lost with the open batch: the next run sends it again.
    expect(state.isApplied(pair(501, 1))).toBe(false);
    expect(state.runs()).toMatchObject([{ input: 'night.csv', pid: child.pid }]);
    expect(state.runs()[0]?.endedAt).toBeUndefined();
    state.close();
  });
});
