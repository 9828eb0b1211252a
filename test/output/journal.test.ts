import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, openJournal, type SessionRecord } from '../../src/output/journal.js';
import { ResumeState } from '../../src/output/resume-state.js';
import type { RowResult } from '../../src/rows/row-result.js';

const ok: RowResult = { row: 1, status: 'succeeded', httpStatus: 200, attempts: 1, retryable: false };
const partial: RowResult = {
  row: 2,
  status: 'partial',
  httpStatus: 503,
  errorCode: 'server_error',
  errorMessage: 'A2: HTTP 503; "quoted"\nand a newline',
  attempts: 6,
  retryable: true,
  retryAgents: ['+91 98111 00002'],
};
const notFound: RowResult = { row: 3, status: 'failed', httpStatus: 200, errorCode: 'agent_not_found', errorMessage: 'not a team member', attempts: 1, retryable: false };
const unsent: RowResult = { row: 4, status: 'not_attempted', errorMessage: 'the run stopped before this row was sent', attempts: 0, retryable: true };

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'collab-journal-'));
  path = join(dir, JOURNAL_FILE);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(results: RowResult[], end?: Partial<SessionRecord>): void {
  const journal = openJournal(path, new Date('2026-01-01T00:00:00.000Z'));
  for (const result of results) journal.append(result);
  if (end) journal.endSession({ startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:04.000Z', requests: 0, retries: 0, rateLimited: 0, httpStatuses: {}, sendSeconds: 0, ...end });
  journal.close();
}

function load(): ResumeState {
  const state = ResumeState.load(path);
  states.push(state);
  return state;
}
const states: ResumeState[] = [];
afterEach(() => {
  for (const state of states.splice(0)) state.close();
});

describe('journal and what --resume takes from it', () => {
  it('gives back a final result, as written, by row', () => {
    write([ok, notFound]);
    expect([load().finalResult(1), load().finalResult(3)]).toEqual([ok, notFound]);
  });

  it('takes neither a row that was not sent nor one that ended retryable', () => {
    write([ok, partial, unsent]);
    const state = load();
    expect([state.finalResult(2), state.finalResult(4), state.finalRows]).toEqual([undefined, undefined, 1]);
  });

  it('writes one JSON line per row, after a line marking the session start', () => {
    write([ok, partial]);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!)).toEqual({ sessionStart: '2026-01-01T00:00:00.000Z' });
  });

  it('adds to an existing journal instead of replacing it', () => {
    write([ok]);
    write([notFound]);
    expect(load().finalRows).toBe(2);
  });

  it('gives nothing when there is no journal', () => {
    expect(ResumeState.load(join(dir, 'missing.jsonl')).finalRows).toBe(0);
  });

  it('skips a torn last line', () => {
    write([ok]);
    appendFileSync(path, '{"row":2,"status":"succ');
    expect([load().finalRows, load().finalResult(2)]).toEqual([1, undefined]);
  });

  it('skips lines that are JSON but not a row result', () => {
    writeFileSync(path, '{"hello":"world"}\nnull\n42\n{"row":"3","status":"failed"}\n');
    expect(load().finalRows).toBe(0);
  });

  it('lets a later entry for the same row win, final or not', () => {
    write([{ ...partial, row: 5 }, { ...ok, row: 5 }, { ...notFound, row: 6 }, { ...unsent, row: 6 }]);
    expect([load().finalResult(5)?.status, load().finalResult(6)]).toEqual(['succeeded', undefined]);
  });

  it('keeps an entry appended after a torn line, as on resume after a crash', () => {
    write([ok]);
    appendFileSync(path, '{"row":2,"status":"succ');
    write([notFound]);
    expect(load().finalResult(3)).toEqual(notFound);
  });

  it('adds up the earlier sessions, counting a killed one by the sends of its rows', () => {
    write([ok], { requests: 5, retries: 1, rateLimited: 1, httpStatuses: { '200': 4, '429': 1 }, sendSeconds: 2 });
    write([{ ...notFound, attempts: 3 }]);
    expect(load().prior).toEqual({
      sessions: 2,
      startedAt: '2026-01-01T00:00:00.000Z',
      requests: 8,
      retries: 1,
      rateLimited: 1,
      httpStatuses: { '200': 4, '429': 1 },
      durationSeconds: 4,
      sendSeconds: 2,
    });
  });

  it('reads rows in a journal larger than one read chunk', () => {
    const many = Array.from({ length: 20_000 }, (_, i): RowResult => ({ ...notFound, row: i + 1, errorMessage: 'x'.repeat(60) }));
    write(many);
    const state = load();
    expect([state.finalRows, state.finalResult(1)?.row, state.finalResult(12_345)?.row, state.finalResult(20_000)?.row]).toEqual([20_000, 1, 12_345, 20_000]);
    // Flat in the file's size: an offset per row (at most 16 bytes with the array's doubling), no result kept.
    expect(state.byteLength).toBeLessThanOrEqual(16 * 20_000);
  });

  it('keeps lines that could not be written and hands back the error at close', () => {
    const errors: Error[] = [];
    const journal = openJournal('/dev/full', new Date(), (error) => errors.push(error));
    journal.append(ok);
    expect(journal.close()).toMatchObject({ code: 'ENOSPC' });
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ENOSPC']);
  });
});

describe('when a line reaches the file', () => {
  const rowsIn = (): number => readFileSync(path, 'utf8').split('\n').filter((l) => l.includes('"row"')).length;

  it('writes a row that sent a request by the end of its event-loop turn, and gathers rows that sent nothing for a moment', async () => {
    const journal = openJournal(path, new Date('2026-01-01T00:00:00.000Z'));
    journal.append(unsent);
    journal.append({ ...unsent, row: 5 });
    await new Promise((resolve) => setImmediate(resolve));
    // Nothing was sent for these two: a resume plans them again to the same result.
    expect(rowsIn()).toBe(0);
    journal.append(ok);
    await new Promise((resolve) => setImmediate(resolve));
    // The sent row goes out within the turn, and the gathered lines with it, in order.
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean).slice(1).map((l) => JSON.parse(l).row)).toEqual([4, 5, 1]);
    journal.append({ ...unsent, row: 6 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(rowsIn()).toBe(4);
    journal.close();
  });

  it('writes gathered lines at close', () => {
    const journal = openJournal(path, new Date('2026-01-01T00:00:00.000Z'));
    journal.append(unsent);
    journal.close();
    expect(rowsIn()).toBe(1);
  });
});
