// --shard i/n and `collab-bulk merge` through the real CLI: three shards of one input, merged,
// are the files one process writes for the same input, and a set that is not one split is refused.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { fixture, readCsvFile, runCli, tempDir, type CliResult } from './cli.js';

const KEY = 'shard-secret-key-19c2';
const env = { DOUBLETICK_API_KEY: KEY };
const quiet = ['--progress', 'false', '--log-level', 'warn', '--rate', '50'];

async function shardedRun(input: string, dir: string, count: number, args: readonly string[]): Promise<CliResult[]> {
  const runs = Array.from({ length: count }, (_, i) => runCli(['run', input, '--shard', `${i + 1}/${count}`, '--out', join(dir, `s${i + 1}`), ...quiet, ...args], { env }));
  return Promise.all(runs);
}

const read = (dir: string, file: string): Buffer => readFileSync(join(dir, file));
const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));

describe('three shards merged, on a file with every kind of row', () => {
  const single: Sandbox[] = [];
  const out = tempDir();
  let singleRun: CliResult;
  let shards: CliResult[];
  let merge: CliResult;

  beforeAll(async () => {
    single.push(await startSandbox({ port: 0, apiKey: KEY }), await startSandbox({ port: 0, apiKey: KEY }));
    // The single run and the shards have their own sandboxes: they run side by side.
    [singleRun, shards] = await Promise.all([
      runCli(['run', fixture('mixed.csv'), '--out', join(out.path, 'single'), '--base-url', single[0]!.url, ...quiet], { env }),
      shardedRun(fixture('mixed.csv'), out.path, 3, ['--base-url', single[1]!.url]),
    ]);
    merge = await runCli(['merge', join(out.path, 's1'), join(out.path, 's3'), join(out.path, 's2'), '--out', join(out.path, 'merged')]);
  });

  afterAll(async () => {
    for (const sandbox of single) await sandbox.close();
    out.remove();
  });

  it('has each shard write only its own chats: every row once, every chat in one shard', () => {
    expect(shards.map((s) => s.code)).toEqual([2, 2, 2]);
    const byShard = [1, 2, 3].map((i) => readCsvFile(join(out.path, `s${i}`, 'results.csv')));
    const rows = byShard.flat().map((r) => Number(r.row)).sort((a, b) => a - b);
    expect(rows).toEqual(readCsvFile(join(out.path, 'single', 'results.csv')).map((r) => Number(r.row)));
    const shardOfChat = new Map<string, number>();
    byShard.forEach((results, i) => {
      for (const r of results) {
        if (r.status === 'invalid') continue;
        const chat = `${r.waba_number}|${(r.customer_phone ?? '').replace(/\D/g, '')}`;
        expect(shardOfChat.get(chat) ?? i, `chat ${chat}`).toBe(i);
        shardOfChat.set(chat, i);
      }
    });
    expect(summaryOf(join(out.path, 's2')).shard).toMatchObject({ index: 2, count: 3 });
  });

  it('writes the results.csv and retry.csv of the single run, byte for byte, in input order', () => {
    expect(merge.stderr).toBe('');
    expect(read(join(out.path, 'merged'), 'results.csv').toString()).toBe(read(join(out.path, 'single'), 'results.csv').toString());
    expect(read(join(out.path, 'merged'), 'retry.csv').equals(read(join(out.path, 'single'), 'retry.csv'))).toBe(true);
  });

  it('adds the shards up to the summary and exit code of the single run', () => {
    const merged = summaryOf(join(out.path, 'merged'));
    const whole = summaryOf(join(out.path, 'single'));
    for (const key of ['rows', 'statuses', 'errorCodes', 'requestsSent', 'httpStatuses', 'exitCode', 'stoppedBecause', 'action']) {
      expect(merged[key], key).toEqual(whole[key]);
    }
    expect(merged.shards).toBe(3);
    expect(merge.code).toBe(singleRun.code);
  });

  it('sends every pair once across the shards, as the single run did', () => {
    expect(single[1]!.state().addCalls).toEqual(single[0]!.state().addCalls);
    expect(single[1]!.state().requests).toBe(single[0]!.state().requests);
  });
});

describe('merging shards of a Latin-1, semicolon file', () => {
  const out = tempDir();
  afterAll(() => out.remove());

  it('keeps retry.csv in the input encoding and delimiter, and the Excel BOM of results.csv', async () => {
    const lines = ['customer_phone;agent_phone;waba_number;name'];
    for (let i = 0; i < 14; i++) lines.push(`+9170000000${String(i).padStart(2, '0')};+919811100001;919800000001;Zoë Müller ${i}`);
    const input = join(out.path, 'latin1.csv');
    writeFileSync(input, iconv.encode(`${lines.join('\r\n')}\r\n`, 'latin1'));
    const args = ['--dry-run', '--excel', '--encoding', 'latin1'];
    const [whole, shards] = await Promise.all([runCli(['run', input, '--out', join(out.path, 'single'), ...quiet, ...args], { env }), shardedRun(input, out.path, 2, args)]);
    const merge = await runCli(['merge', join(out.path, 's1'), join(out.path, 's2'), '--out', join(out.path, 'merged')]);
    expect([whole.code, ...shards.map((s) => s.code), merge.code]).toEqual([0, 0, 0, 0]);
    const retry = read(join(out.path, 'merged'), 'retry.csv');
    expect(retry.equals(read(join(out.path, 'single'), 'retry.csv'))).toBe(true);
    expect(iconv.decode(retry, 'latin1')).toContain('Zoë Müller 13');
    expect(read(join(out.path, 'merged'), 'results.csv').equals(read(join(out.path, 'single'), 'results.csv'))).toBe(true);
  });
});

describe('merge refuses a set of folders that is not one whole split', () => {
  const out = tempDir();
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, apiKey: KEY });
    const other = join(out.path, 'other.csv');
    writeFileSync(other, readFileSync(fixture('mixed.csv'), 'utf8').replace('Valid single', 'Valid alone'));
    await Promise.all([
      shardedRun(fixture('mixed.csv'), join(out.path, 'a'), 3, ['--base-url', sandbox.url]),
      shardedRun(other, join(out.path, 'b'), 3, ['--base-url', sandbox.url]),
      runCli(['run', fixture('mixed.csv'), '--out', join(out.path, 'plain'), '--base-url', sandbox.url, ...quiet], { env }),
    ]);
  });

  afterAll(async () => {
    await sandbox.close();
    out.remove();
  });

  const refuse = async (dirs: string[], message: RegExp): Promise<void> => {
    const result = await runCli(['merge', ...dirs.map((d) => join(out.path, d)), '--out', join(out.path, `m-${dirs.join('-').replace(/\//g, '')}`)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  };

  it('refuses a missing shard, naming it', () => refuse(['a/s1', 'a/s3'], /shard 2\/3 is missing: pass the out folders of all 3 shards/));

  it('refuses shards of different inputs', () => refuse(['a/s1', 'b/s2', 'a/s3'], /are shards of different inputs/));

  it('refuses the same shard twice', () => refuse(['a/s1', 'a/s2', 'a/s2', 'a/s3'], /are both shard 2\/3/));

  it('refuses a folder that was not a shard run', () => refuse(['a/s1', 'plain'], /is not a shard run/));

  it('refuses a folder that holds no finished run', () => refuse(['a/s1', 'nowhere'], /holds no finished run/));
});

describe('shards started together', () => {
  const out = tempDir();
  afterAll(() => out.remove());

  it('all run when their out folders share a parent that none of them found', async () => {
    // Cron starts every shard at the same second; each one makes the missing parent folders.
    const parent = join(out.path, 'nightly', '2026-12-06');
    const shards = await shardedRun(fixture('mixed.csv'), parent, 8, ['--dry-run']);
    const wrote = shards.map((s, i) => [s.code === 0 || s.code === 2, s.stderr.includes('cannot be written'), summaryOf(join(parent, `s${i + 1}`)).shard?.index]);
    expect(wrote).toEqual(shards.map((_, i) => [true, false, i + 1]));
  });
});
