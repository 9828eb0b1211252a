// Shared by the state tests: a temp folder per test and pair records built from short numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { PairAction, PairOutcome, PairRecord } from '../../src/rows/pair.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'state-test-'));
  dirs.push(dir);
  return dir;
}

export const WABA = '971500000001';
export const customer = (n: number): string => String(919800000000 + n);
export const agent = (n: number): string => String(447700900000 + n);
export const pair = (c: number, a: number) => ({ waba: WABA, customer: customer(c), agent: agent(a) });

export const APPLIED: PairOutcome = { kind: 'applied', httpStatus: 200 };
export const NOT_FOUND: PairOutcome = { kind: 'failed', code: 'agent_not_found', retryable: false, httpStatus: 200, message: 'agent is not a member of the team' };

export function record(c: number, a: number, outcome: PairOutcome = APPLIED, action: PairAction = 'add', row = c): PairRecord {
  return { ...pair(c, a), action, row, raw: `+${agent(a)}`, outcome };
}
