// The out folders handed to `collab-bulk merge`, read and checked before anything is written:
// each must be a finished shard run, all of one input and one action, and together exactly the
// shards 1..n of one split. Any gap or mismatch is refused in one sentence.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { FILES, outPath } from './run-dir.js';
import type { ShardInfo, Summary } from './summary.js';

export interface ShardRun {
  dir: string;
  summary: Summary & { shard: ShardInfo };
}

interface Manifest {
  input?: string;
  size?: number;
  headSha256?: string;
  action?: string;
}

/** The shard runs ordered 1..n, or a UsageError saying what is wrong with the set. */
export async function loadShardSet(dirs: readonly string[]): Promise<ShardRun[]> {
  if (dirs.length === 0) throw new UsageError('merge needs the out folders of every shard of one run');
  const runs: (ShardRun & { manifest: Manifest })[] = [];
  for (const dir of dirs) runs.push(await loadShard(dir));
  const first = runs[0]!;
  const count = first.summary.shard.count;
  for (const run of runs) {
    if (!sameInput(run.manifest, first.manifest)) {
      throw new UsageError(`${run.dir} and ${first.dir} are shards of different inputs (${run.manifest.input ?? '?'}, ${first.manifest.input ?? '?'}): merge only the shards of one run`);
    }
    if (run.summary.action !== first.summary.action || run.summary.dryRun !== first.summary.dryRun) {
      throw new UsageError(`${run.dir} and ${first.dir} are runs of different kinds (--action or --dry-run differ): merge only the shards of one run`);
    }
    if (run.summary.shard.count !== count) {
      throw new UsageError(`${run.dir} is shard ${label(run)} but ${first.dir} is shard ${label(first)}: merge only the shards of one split`);
    }
  }
  const byIndex = new Map<number, ShardRun>();
  for (const run of runs) {
    const twin = byIndex.get(run.summary.shard.index);
    if (twin) throw new UsageError(`${twin.dir} and ${run.dir} are both shard ${label(run)}: pass each shard's out folder once`);
    byIndex.set(run.summary.shard.index, run);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const which = missing.map((i) => `${i}/${count}`).join(', ');
    throw new UsageError(`shard ${which} ${missing.length === 1 ? 'is' : 'are'} missing: pass the out folders of all ${count} shards`);
  }
  return Array.from({ length: count }, (_, i) => {
    const run = byIndex.get(i + 1)!;
    return { dir: run.dir, summary: run.summary };
  });
}

async function loadShard(dir: string): Promise<ShardRun & { manifest: Manifest }> {
  const summary = await readJson<Summary>(dir, 'summary', `${dir} holds no finished run (no ${FILES.summary}): finish it with --resume, then merge`);
  if (!summary.shard) throw new UsageError(`${dir} is not a shard run (it was not started with --shard): merge joins the out folders of a --shard i/n split`);
  for (const file of ['results', 'retry'] as const) {
    if (!existsSync(outPath(dir, file))) throw new UsageError(`${dir} has no ${FILES[file]}: merge needs every shard's outputs as the run left them`);
  }
  const manifest = await readJson<Manifest>(dir, 'manifest', `${dir} holds no ${FILES.manifest}, so its input cannot be checked: merge only out folders of collab-bulk runs`);
  return { dir, summary: summary as ShardRun['summary'], manifest };
}

async function readJson<T>(dir: string, file: 'summary' | 'manifest', message: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(outPath(dir, file), 'utf8');
  } catch {
    throw new UsageError(message);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object') return value as T;
  } catch {
    // fall through to the message below
  }
  throw new UsageError(`${outPath(dir, file)} is not valid JSON: was it edited by hand?`);
}

function sameInput(a: Manifest, b: Manifest): boolean {
  return a.size === b.size && a.headSha256 === b.headSha256 && a.action === b.action;
}

function label(run: ShardRun): string {
  return `${run.summary.shard.index}/${run.summary.shard.count}`;
}
