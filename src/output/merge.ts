// `collab-bulk merge`: joins the out folders of a --shard i/n split into the folder one run would
// have written. results.csv is a k-way merge on the row column (each shard is already in input
// order); retry.csv follows it, taking the next retry record of a shard for each of its rows
// marked retryable (the two files are written together, so they pair up one to one).
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { UsageError } from '../errors.js';
import { createCsvFile, type CsvFile } from './csv-file.js';
import { mergeSummaries } from './merge-summary.js';
import { openRawRecords, type RawFile } from './raw-records.js';
import { RESULT_COLUMNS } from './results-writer.js';
import { createRetryWriter } from './retry-writer.js';
import { FILES, outPath } from './run-dir.js';
import { loadShardSet, type ShardRun } from './shard-set.js';
import { writeSummary, type Summary } from './summary.js';

type Records = AsyncIterator<string[]>;

export async function mergeShardDirs(dirs: readonly string[], outDir: string): Promise<Summary> {
  const shards = await loadShardSet(dirs);
  await prepareMergeDir(outDir, shards);
  const started = new Date();
  const results = await Promise.all(shards.map(async (shard) => ({ shard, bom: await startsWithBom(outPath(shard.dir, 'results')), records: csvRecords(createReadStream(outPath(shard.dir, 'results')), ',') })));
  // retry.csv records are the input's text as read: they are joined as text, never re-quoted.
  const retries = await Promise.all(shards.map((shard) => openRawRecords(outPath(shard.dir, 'retry'), shard.summary.shard.encoding, shard.summary.shard.delimiter)));
  const resultsHeader = await sameHeader(results.map((r) => r.records), shards, FILES.results);
  const retryHeader = await sameRawHeader(retries, shards);
  const { delimiter, encoding } = shards[0]!.summary.shard;
  const resultsOut = createCsvFile(outPath(outDir, 'results'), { bom: results[0]!.bom });
  const retryOut = createRetryWriter(outPath(outDir, 'retry'), retryHeader, { delimiter, encoding, bom: retries[0]!.bom, agentColumn: 0 });
  resultsOut.write(resultsHeader);
  const rowColumn = resultsHeader.length - RESULT_COLUMNS.length;
  const retryableColumn = rowColumn + RESULT_COLUMNS.indexOf('retryable');

  const heads = await Promise.all(results.map((r) => next(r.records)));
  for (;;) {
    let pick = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head && (pick < 0 || Number(head[rowColumn]) < Number(heads[pick]![rowColumn]))) pick = i;
    }
    if (pick < 0) break;
    const record = heads[pick]!;
    await write(resultsOut, record);
    if (record[retryableColumn] === 'true') {
      const again = await retries[pick]!.next();
      if (again === undefined) throw new UsageError(`${outPath(shards[pick]!.dir, 'retry')} has fewer rows than its results.csv marks retryable: was it edited?`);
      if (!retryOut.write(again)) await retryOut.drained();
    }
    heads[pick] = await next(results[pick]!.records);
  }
  await Promise.all([resultsOut.close(), retryOut.close()]);
  const summary = mergeSummaries(shards, { outDir, started });
  await writeSummary(outPath(outDir, 'summary'), summary);
  return summary;
}

async function prepareMergeDir(outDir: string, shards: readonly ShardRun[]): Promise<void> {
  if (shards.some((shard) => resolve(shard.dir) === resolve(outDir))) {
    throw new UsageError(`--out ${outDir} is one of the shards: merge into a folder of its own`);
  }
  if (existsSync(outPath(outDir, 'summary')) || existsSync(outPath(outDir, 'results'))) {
    throw new UsageError(`--out ${outDir} already holds results: choose another folder`);
  }
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out ${outDir} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}): choose a folder you can write to`);
  }
}

function csvRecords(stream: Readable, delimiter: string): Records {
  const parser = parse({ delimiter, bom: true, relax_column_count: true });
  stream.on('error', (error) => parser.destroy(error));
  return stream.pipe(parser)[Symbol.asyncIterator]() as Records;
}

async function next(records: Records): Promise<string[] | undefined> {
  const step = await records.next();
  return step.done ? undefined : step.value;
}

async function sameHeader(files: Records[], shards: readonly ShardRun[], name: string): Promise<string[]> {
  const headers = await Promise.all(files.map(next));
  const first = headers[0];
  if (!first) throw new UsageError(`${outPath(shards[0]!.dir, name === FILES.results ? 'results' : 'retry')} is empty: was it edited?`);
  headers.forEach((header, i) => {
    if (header?.join('\u0000') !== first.join('\u0000')) {
      throw new UsageError(`${shards[i]!.dir} and ${shards[0]!.dir} have different ${name} headers, so they are not shards of one input`);
    }
  });
  return first;
}

async function sameRawHeader(files: readonly RawFile[], shards: readonly ShardRun[]): Promise<string> {
  const headers = await Promise.all(files.map((file) => file.header()));
  const first = headers[0];
  if (first === undefined) throw new UsageError(`${outPath(shards[0]!.dir, 'retry')} is empty: was it edited?`);
  headers.forEach((header, i) => {
    if (header !== first) throw new UsageError(`${shards[i]!.dir} and ${shards[0]!.dir} have different ${FILES.retry} headers, so they are not shards of one input`);
  });
  return first;
}

async function write(file: CsvFile, record: readonly string[]): Promise<void> {
  if (!file.write(record)) await file.drained();
}

async function startsWithBom(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await handle.read(head, 0, 3, 0);
    return bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    await handle.close();
  }
}
