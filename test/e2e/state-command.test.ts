// `collab-bulk state FILE` through the real CLI, on a state built with the store's API.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openState } from '../../src/state/store.js';
import { APPLIED, NOT_FOUND, record, tempDir } from '../state/helpers.js';
import { runCli } from './cli.js';

function buildState(path: string): void {
  const state = openState(path);
  const one = state.beginRun({ input: 'night1.csv', action: 'add', startedAt: new Date('2026-12-01T02:00:00Z') });
  state.recordPair(record(1, 1), one);
  state.recordPair(record(2, 1), one);
  state.recordPair(record(3, 1, NOT_FOUND), one);
  state.endRun(one, { total: 3, done: 2, failed: 1 }, 2, new Date('2026-12-01T02:01:00Z'));
  const two = state.beginRun({ input: 'night2.csv', action: 'add', mirror: true, startedAt: new Date('2026-12-02T02:00:00Z') });
  state.recordPair(record(2, 1, APPLIED, 'remove', 0), two);
  state.endRun(two, { total: 1, done: 1, errorCodes: {}, stoppedBecause: null, removals: { planned: 1, removed: 1 } }, 0, new Date('2026-12-02T02:00:30Z'));
  state.close();
}

describe('collab-bulk state', () => {
  it('prints pairs applied, failed and removed and the last runs with counts and exit codes', async () => {
    const path = join(tempDir(), 'nightly.db');
    buildState(path);
    const result = await runCli(['state', path]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        `State ${path}: 3 pairs`,
        '  applied (added, not sent again): 1',
        '  failed (sent again next run):    1 (1 adds, 0 removals; 0 retryable)',
        '  removed:                         1',
        '',
        'Last 2 runs, newest first:',
        '  #2 2026-12-02T02:00:00Z add --mirror night2.csv: ended 2026-12-02T02:00:30Z, exit 0, total 1, done 1, removals (planned 1, removed 1)',
        '  #1 2026-12-01T02:00:00Z add night1.csv: ended 2026-12-01T02:01:00Z, exit 2, total 3, done 2, failed 1',
        '',
      ].join('\n'),
    );
  });

  it("prints one pair's history with --pair in any phone format", async () => {
    const path = join(tempDir(), 'nightly.db');
    buildState(path);
    const result = await runCli(['state', path, '--pair', '+971 50 000 0001, 098000 00002 ,+44 7700 900001', '--default-country', 'IN']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const history = result.stdout.slice(result.stdout.indexOf('Pair '));
    expect(history).toMatch(
      /^Pair WABA \+971500000001, customer \+919800000002, agent \+447700900001, oldest first:\n {2}\S+Z run #1 row 2: add applied \(HTTP 200\)\n {2}\S+Z run #2 row 0: remove applied \(HTTP 200\)\n$/,
    );
  });

  it('refuses a file that is not a state, and a bad --pair, in one sentence with exit 1', async () => {
    const dir = tempDir();
    const text = join(dir, 'agents.csv');
    writeFileSync(text, 'waba_number,customer_phone,agent_phone\n');
    const notState = await runCli(['state', text]);
    expect(notState.code).toBe(1);
    expect(notState.stdout).toBe('');
    expect(notState.stderr).toBe(`collab-bulk: state file ${text} is not a collab-bulk state (it is not an SQLite database): name the state file a run created, or a new file\n`);

    const other = join(dir, 'crm.db');
    const db = new Database(other);
    db.exec('CREATE TABLE contacts (id INTEGER PRIMARY KEY)');
    db.close();
    const foreign = await runCli(['state', other]);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toBe(`collab-bulk: state file ${other} is an SQLite database but not a collab-bulk state: name the state file a run created, or a new file\n`);

    const missing = await runCli(['state', join(dir, 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`collab-bulk: state file ${join(dir, 'none.db')} does not exist: name the state file a run created with --state\n`);

    const path = join(dir, 'nightly.db');
    buildState(path);
    const badPair = await runCli(['state', path, '--pair', '971500000001,919800000002']);
    expect(badPair.code).toBe(1);
    expect(badPair.stderr).toBe('collab-bulk: --pair expects three phone numbers <waba>,<customer>,<agent> separated by commas, but got "971500000001,919800000002"\n');
  });
});
