// Logs through the real process: JSON on stderr off a terminal, or into --log-file; one line per
// row at debug level, each with its row number; the API key redacted wherever it would appear.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './cli.js';
import { useHarness } from './harness.js';

const KEY = 'logs-secret-key-5c1d9e';
const env = { DOUBLETICK_API_KEY: KEY };

const jsonLines = (text: string): Record<string, unknown>[] =>
  text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('collab-bulk run logs', () => {
  const harness = useHarness(KEY);

  it('at debug level logs every row with its row number and never the key, which pino redacts', async () => {
    const sandbox = await harness.sandbox({ org: undefined });
    const out = join(harness.dir(), 'o');
    const result = await runCli(['run', fixture('mixed.csv'), '--base-url', sandbox.url, '--out', out, '--log-level', 'debug', '--api-key', KEY], {});
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain(KEY);
    for (const file of readdirSync(out)) expect(readFileSync(join(out, file), 'utf8')).not.toContain(KEY);
    const lines = jsonLines(result.stderr);
    expect(lines.find((l) => l.msg === 'run options')).toMatchObject({ level: 'debug', options: { apiKey: '[redacted]', input: fixture('mixed.csv') } });
    const rowLines = lines.filter((l) => l.msg === 'row');
    expect(rowLines.map((l) => l.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rowLines[2]).toMatchObject({ status: 'failed', code: 'agent_not_found' });
    const answers = lines.filter((l) => l.msg === 'answer');
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) expect((answer.rows as number[]).length).toBeGreaterThan(0);
  });

  it('writes the JSON lines to --log-file, leaving stderr to the summary', async () => {
    const sandbox = await harness.sandbox({ org: undefined });
    const work = harness.dir();
    const logFile = join(work, 'logs/run.log');
    const result = await runCli(['run', fixture('mixed.csv'), '--base-url', sandbox.url, '--out', join(work, 'o'), '--log-file', logFile, '--log-level', 'debug'], { env });
    expect(result.code).toBe(2);
    expect(jsonLines(result.stderr)).toEqual([]);
    expect(result.stderr).toMatch(/^Done: 10 rows/);
    const logged = readFileSync(logFile, 'utf8');
    expect(logged).not.toContain(KEY);
    expect(jsonLines(logged).map((l) => l.msg)).toEqual(expect.arrayContaining(['run started', 'run options', 'row', 'answer', 'run finished']));
  });

  it('refuses a --log-file it cannot write, in one sentence, before any request', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const result = await runCli(['run', fixture('sample.csv'), '--base-url', sandbox.url, '--out', join(work, 'o'), '--log-file', join(fixture('sample.csv'), 'x.log')], { env });
    expect([result.code, result.stderr.trim().split('\n').length]).toEqual([1, 1]);
    expect(result.stderr.trim()).toMatch(/^collab-bulk: --log-file .* cannot be written \([A-Z]+\): choose a file you can write to$/);
    expect(sandbox.state().requests).toBe(0);
  });
});
