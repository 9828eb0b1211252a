// Shared by the odd-files*.test.ts files: each test's dry run of the real CLI into a fresh temp dir,
// and what it wrote (results.csv rows, retry.csv records) next to the input parsed independently.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, expect } from 'vitest';
import { fixture, readCsvFile, runCli, tempDir, type CliResult, type CsvRow } from './cli.js';

export const odd = (name: string): string => fixture(`odd/${name}`);

let current: ReturnType<typeof tempDir> | undefined;

/** Gives every test of the file its own output temp dir, removed after it. */
export function useOut(): void {
  beforeEach(() => {
    current = tempDir('collab-bulk-odd-');
  });
  afterEach(() => current?.remove());
}

/** The current test's temp dir. */
export const out = (): string => current!.path;

/** Removes the current temp dir and starts a fresh one (a second run of the same test). */
export function freshOut(): void {
  current?.remove();
  current = tempDir('collab-bulk-odd-');
}

export interface DryRun extends CliResult {
  rows: CsvRow[];
}

export async function dryRun(input: string, flags: string[] = [], stdin?: Buffer): Promise<DryRun> {
  const result = await runCli(['run', input, '--dry-run', '--out', join(out(), 'o'), '--no-progress', '--log-level', 'error', ...flags], { stdin });
  expect(result.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  const results = join(out(), 'o/results.csv');
  return { ...result, rows: existsSync(results) ? readCsvFile(results) : [] };
}

/** [status, error_code] per row, in row order. */
export const statuses = (rows: CsvRow[]): string[][] => rows.map((r) => [r.row ?? '', r.status ?? '', r.error_code ?? '']);

export function retryRows(encoding = 'utf8', delimiter = ','): string[][] {
  return parse(iconv.decode(readFileSync(join(out(), 'o/retry.csv')), encoding), { delimiter, bom: true }) as string[][];
}

/** The input's own records, parsed independently of collab-bulk. */
export function inputRows(path: string, encoding = 'utf8', delimiter = ','): string[][] {
  return parse(iconv.decode(readFileSync(path), encoding), { delimiter, bom: true, relax_column_count: true }) as string[][];
}

export async function refused(input: string, flags: string[] = []): Promise<string> {
  const result = await dryRun(input, flags);
  expect(result.code).toBe(1);
  expect(existsSync(join(out(), 'o'))).toBe(false);
  expect(result.stderr.endsWith('\n') && result.stderr.trim().split('\n')).toHaveLength(1);
  return result.stderr.trim();
}
