import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { APPLICATION_ID } from '../../src/state/schema.js';
import { openState } from '../../src/state/store.js';
import { APPLIED, customer, NOT_FOUND, pair, record, tempDir, WABA } from './helpers.js';

function refusal(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(1);
    expect((error as Error).message).not.toContain('\n');
    return error as UsageError;
  }
  throw new Error('expected a refusal');
}

describe('openState', () => {
  it('creates a state on first use (WAL, our application_id, schema version) and reopens it with what was recorded', () => {
    const path = join(tempDir(), 'nightly.db');
    const state = openState(path);
    const run = state.beginRun({ input: 'night1.csv', action: 'add' });
    state.recordPair(record(1, 1), run);
    state.recordPair(record(1, 2, NOT_FOUND), run);
    state.endRun(run, { done: 1, failed: 1 }, 2);
    expect(state.close()).toBeUndefined();

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe('1');
    raw.close();

    const again = openState(path);
    expect(again.isApplied(pair(1, 1))).toBe(true);
    expect(again.isApplied(pair(1, 2))).toBe(false);
    expect(again.lookup(pair(1, 2))).toMatchObject({ action: 'add', outcome: 'failed', code: 'agent_not_found', retryable: false, httpStatus: 200, runId: run });
    expect(again.runs()).toMatchObject([{ id: run, input: 'night1.csv', counts: { done: 1, failed: 1 }, exitCode: 2 }]);
    again.close();
  });

  it('refuses a text file and an unrelated SQLite database, leaving both untouched', () => {
    const dir = tempDir();
    const text = join(dir, 'agents.csv');
    writeFileSync(text, 'waba_number,customer_phone,agent_phone\n');
    expect(refusal(() => openState(text)).message).toBe(`--state ${text} is not a collab-bulk state (it is not an SQLite database): name the state file a run created, or a new file`);
    expect(readFileSync(text, 'utf8')).toBe('waba_number,customer_phone,agent_phone\n');

    const other = join(dir, 'crm.db');
    const db = new Database(other);
    db.exec('CREATE TABLE contacts (id INTEGER PRIMARY KEY, phone TEXT)');
    db.close();
    const before = readFileSync(other);
    expect(refusal(() => openState(other)).message).toBe(`--state ${other} is an SQLite database but not a collab-bulk state: name the state file a run created, or a new file`);
    expect(readFileSync(other).equals(before)).toBe(true);
  });

  it('refuses a state used with another --shard i/n, or without the shard it was made for', () => {
    const path = join(tempDir(), 'shard1.db');
    openState(path, { shard: { index: 1, count: 3 } }).close();
    expect(refusal(() => openState(path, { shard: { index: 2, count: 3 } })).message).toBe(
      `--state ${path} belongs to shard 1/3, not --shard 2/3: each shard keeps its own state, so name the state file of this shard (or a new file)`,
    );
    expect(refusal(() => openState(path, { shard: { index: 1, count: 4 } })).message).toContain('not --shard 1/4');
    expect(refusal(() => openState(path)).message).toContain('not a run without --shard');
    openState(path, { shard: { index: 1, count: 3 } }).close();
  });

  it('refuses a second run on the same state while the first holds it, and lets one in once it closed', () => {
    const path = join(tempDir(), 'nightly.db');
    const first = openState(path);
    expect(refusal(() => openState(path)).message).toMatch(/is in use by another collab-bulk run \(pid \d+, since .*\): one run at a time per state/);
    // Reading (the state command, a plan) needs no lock.
    const reader = openState(path, { mode: 'read' });
    expect(reader.countApplied()).toBe(0);
    reader.close();
    first.close();
    openState(path).close();
  });
});

describe('recording and looking up pairs', () => {
  it('keeps each pair\'s last action, ignores not_attempted, and keeps every event in its history', () => {
    const state = openState(join(tempDir(), 'nightly.db'));
    const one = state.beginRun({ input: 'a.csv', action: 'add' });
    state.recordPair(record(1, 1), one);
    state.recordPair(record(2, 1, NOT_FOUND), one);
    state.recordPair(record(3, 1, { kind: 'not_attempted', code: 'unauthorized', message: 'the run stopped first' }), one);
    state.endRun(one, {}, 0);
    const two = state.beginRun({ input: 'a.csv', action: 'remove' });
    state.recordPair(record(1, 1, APPLIED, 'remove'), two);
    state.recordPair(record(2, 1), two);

    expect(state.isApplied(pair(1, 1))).toBe(false);
    expect(state.lookup(pair(1, 1))).toMatchObject({ action: 'remove', outcome: 'applied', added: false, runId: two });
    expect(state.isApplied(pair(2, 1))).toBe(true);
    expect(state.lookup(pair(3, 1))).toBeUndefined();
    expect(state.countApplied()).toBe(1);
    expect(state.counts()).toEqual({ pairs: 2, applied: 1, added: 1, removed: 1, failedAdds: 0, failedRemovals: 0, failedRetryable: 0 });
    expect(state.history(pair(1, 1)).map((event) => [event.runId, event.action, event.outcome])).toEqual([
      [one, 'add', 'applied'],
      [two, 'remove', 'applied'],
    ]);
    expect(state.history(pair(2, 1))[0]).toMatchObject({ outcome: 'failed', code: 'agent_not_found', message: 'agent is not a member of the team', row: 2 });
    state.close();
  });

  it('lists, a page at a time, the pairs it added that the input no longer names (for --mirror)', () => {
    const path = join(tempDir(), 'nightly.db');
    const night1 = openState(path);
    const one = night1.beginRun({ input: 'n1.csv', action: 'add' });
    for (let c = 1; c <= 6; c++) night1.recordPair(record(c, 1), one);
    night1.recordPair(record(7, 1, NOT_FOUND), one);
    night1.endRun(one, {}, 0);
    night1.close();

    const night2 = openState(path);
    const two = night2.beginRun({ input: 'n2.csv', action: 'add', mirror: true });
    // The input names chats 1, 3, 5 with agent 1 and chat 2 with a new agent 2; 4, 6 and the failed 7 are gone.
    for (const c of [1, 3, 5]) expect(night2.see(pair(c, 1))?.outcome).toBe('applied');
    expect(night2.see(pair(2, 2))).toBeUndefined();
    night2.recordPair(record(2, 2), two);
    expect(night2.removalCount(two)).toBe(3);
    expect([...night2.removalCandidates(two, 2)]).toEqual([pair(2, 1), pair(4, 1), pair(6, 1)]);
    // Removing one while walking the list: the pages are fresh queries, so recording goes on alongside.
    const removed: string[] = [];
    for (const candidate of night2.removalCandidates(two, 1)) {
      night2.recordPair({ ...candidate, action: 'remove', row: 0, raw: candidate.agent, outcome: APPLIED }, two);
      removed.push(candidate.customer);
    }
    expect(removed).toHaveLength(3);
    expect(night2.removalCount(two)).toBe(0);
    expect(night2.countApplied()).toBe(4);
    night2.close();
  });

  it('keeps every pair of a chat named by a row whose agents could not be read (seeChat)', () => {
    const state = openState(join(tempDir(), 'nightly.db'));
    const one = state.beginRun({ input: 'n1.csv', action: 'add' });
    for (const [c, a] of [[1, 1], [1, 2], [2, 1]] as const) state.recordPair(record(c, a), one);
    state.endRun(one, {}, 0);
    const two = state.beginRun({ input: 'n2.csv', action: 'add', mirror: true });
    state.seeChat(WABA, customer(1));
    expect([...state.removalCandidates(two)]).toEqual([pair(2, 1)]);
    state.close();
  });
});
