// The out dir of a run: what it holds, and the check that --resume continues the same input.
// run.json records the input's size and a hash of its first MiB; a different file is refused.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CollabBulkError, UsageError } from '../errors.js';
import { JOURNAL_FILE } from './journal.js';

export const FILES = {
  results: 'results.csv',
  retry: 'retry.csv',
  summary: 'summary.json',
  journal: JOURNAL_FILE,
  manifest: 'run.json',
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

/** Creates the out dir for a new run, or checks it for --resume. */
export async function prepareRunDir(dir: string, run: { input: string; action: string; resume: boolean }): Promise<void> {
  if (run.resume) return checkResume(dir, run);
  if (existsSync(outPath(dir, 'journal')) || existsSync(outPath(dir, 'manifest'))) {
    throw new UsageError(`${dir} already holds a run: pass --resume to finish it, or choose another --out`);
  }
  try {
    await mkdir(dir, { recursive: true });
    if (run.input === '-') return;
    await writeFile(outPath(dir, 'manifest'), `${JSON.stringify(await fingerprint(run.input, run.action), null, 2)}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--out ${dir} cannot be written (${code}): choose a folder you can write to`);
  }
}

async function checkResume(dir: string, run: { input: string; action: string }): Promise<void> {
  if (run.input === '-') throw new UsageError('--resume needs the input as a file: standard input cannot be read again');
  let recorded: Manifest;
  try {
    recorded = JSON.parse(await readFile(outPath(dir, 'manifest'), 'utf8')) as Manifest;
  } catch {
    throw new UsageError(`--resume: ${dir} holds no run to resume (no ${FILES.manifest})`);
  }
  const now = await fingerprint(run.input, run.action);
  if (recorded.size !== now.size || recorded.headSha256 !== now.headSha256) {
    throw new CollabBulkError('resume_mismatch', `--resume: ${run.input} is not the file this run started with (its size or content differs from ${recorded.input})`);
  }
  if (recorded.action !== now.action) {
    throw new CollabBulkError('resume_mismatch', `--resume: this run was started with --action ${recorded.action}, not ${now.action}`);
  }
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
