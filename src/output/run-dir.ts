// The out dir of a run: what it holds, and the check that --resume continues the same input.
// The lock keeps a second run out while one is writing. run.json records the input's size and a hash of its first MiB; a different file is refused.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CollabBulkError, UsageError } from '../errors.js';
import { JOURNAL_FILE } from './journal.js';
import { acquireRunLock, type RunLock } from './run-lock.js';

export const FILES = {
  results: 'results.csv',
  retry: 'retry.csv',
  summary: 'summary.json',
  report: 'report.html',
  journal: JOURNAL_FILE,
  manifest: 'run.json',
  removals: 'removals.csv',
  undo: 'undo.csv',
} as const;

interface Manifest {
  input: string;
  size: number;
  headSha256: string;
  action: string;
}

const HEAD_BYTES = 1024 * 1024;

export function outPath(dir: string, file: keyof typeof FILES): string {
  return join(dir, FILES[file]);
}

export interface PreparedRunDir {
  /** False when --resume found no run there and a fresh one was started. */
  resuming: boolean;
  lock: RunLock;
}

/**
 * Creates the out dir and takes its lock; writes run.json for a new run, or checks it for --resume.
 * --resume in a folder that holds no run starts a fresh run there, so a cron line can always carry it.
 */
export async function prepareRunDir(dir: string, run: { input: string; action: string; resume: boolean }): Promise<PreparedRunDir> {
  makeDir(dir);
  const lock = acquireRunLock(dir);
  try {
    const holdsRun = existsSync(outPath(dir, 'journal')) || existsSync(outPath(dir, 'manifest'));
    if (run.resume && holdsRun) {
      await checkResume(dir, run);
      return { resuming: true, lock };
    }
    if (holdsRun) throw new UsageError(`${dir} already holds a run: pass --resume to finish it, or choose another --out`);
    if (run.input !== '-') await writeManifest(dir, run);
    return { resuming: false, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function writeManifest(dir: string, run: { input: string; action: string }): Promise<void> {
  try {
    await writeFile(outPath(dir, 'manifest'), `${JSON.stringify(await fingerprint(run.input, run.action), null, 2)}\n`);
  } catch (error) {
    throw cannotWrite(dir, error);
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir never returns under /proc (it spins), and
 * a plain mkdir per level says which level cannot be made. A level that appears meanwhile is
 * fine: shards started together under one new parent folder all make it.
 */
function makeDir(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at)) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  try {
    for (const level of missing) makeLevel(level);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (error) {
    throw cannotWrite(dir, error);
  }
}

function makeLevel(path: string): void {
  try {
    mkdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function cannotWrite(dir: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new UsageError(`--out ${dir} cannot be written (${code}): choose a folder you can write to`);
}

async function checkResume(dir: string, run: { input: string; action: string }): Promise<void> {
  if (run.input === '-') throw new UsageError('--resume needs the input as a file: standard input cannot be read again');
  let recorded: unknown;
  try {
    recorded = JSON.parse(await readFile(outPath(dir, 'manifest'), 'utf8'));
  } catch {
    throw new UsageError(`--resume: ${dir} holds no run this input can resume (${FILES.manifest} is missing or unreadable)`);
  }
  if (!isManifest(recorded)) throw new UsageError(`--resume: ${join(dir, FILES.manifest)} is not a collab-bulk run record; choose another --out`);
  const now = await fingerprint(run.input, run.action);
  if (recorded.size !== now.size || recorded.headSha256 !== now.headSha256) {
    throw new CollabBulkError('resume_mismatch', `--resume: ${run.input} is not the file this run started with (its size or content differs from ${recorded.input})`);
  }
  if (recorded.action !== now.action) {
    throw new CollabBulkError('resume_mismatch', `--resume: this run was started with --action ${recorded.action}, not ${now.action}`);
  }
}

function isManifest(value: unknown): value is Manifest {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  return typeof m.input === 'string' && typeof m.size === 'number' && typeof m.headSha256 === 'string' && typeof m.action === 'string';
}

async function fingerprint(input: string, action: string): Promise<Manifest> {
  const info = await stat(input);
  const handle = await open(input, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
    await handle.read(buffer, 0, buffer.length, 0);
    return { input, size: info.size, headSha256: createHash('sha256').update(buffer).digest('hex'), action };
  } finally {
    await handle.close();
  }
}
