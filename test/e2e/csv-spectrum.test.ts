// csv-spectrum's files (the shared test data of CSV parsers) as the notes columns of a real run:
// every value must come back unchanged in results.csv, and every record must be one row.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readCsvFile, runCli } from './cli.js';
import { AGENTS, WABA } from './generated.js';
import { useHarness } from './harness.js';

const KEY = 'spectrum-key-3b9c';
const harness = useHarness(KEY);
const SPECTRUM = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
const NAMES = readdirSync(join(SPECTRUM, 'csvs')).map((file) => file.replace(/\.csv$/, ''));

/** The spectrum file with a WhatsApp and an agent column put in front of every record, its bytes otherwise untouched. */
function withRoleColumns(csv: Buffer): Buffer {
  const ends = (parse(csv, { info: true, relax_quotes: true }) as unknown as { info: { bytes: number } }[]).map((record) => record.info.bytes);
  let start = 0;
  return Buffer.concat(
    ends.map((end, i) => {
      const lead = i === 0 ? 'WhatsApp Number,agent_phone,' : `+9170000000${String(i).padStart(2, '0')},+${AGENTS[0]},`;
      const record = csv.subarray(start, end);
      start = end;
      return Buffer.concat([Buffer.from(lead), record]);
    }),
  );
}

/** The package's expected values; one file's JSON is a bare object, and its phone number disagrees with its own CSV (an upstream slip). */
function expectedRows(name: string): Record<string, string>[] {
  const json = JSON.parse(readFileSync(join(SPECTRUM, 'json', `${name}.json`), 'utf8')) as Record<string, string> | Record<string, string>[];
  const rows = Array.isArray(json) ? json : [json];
  return name === 'location_coordinates' ? rows.map((row) => ({ ...row, 'Contact Phone Number': '2095257564' })) : rows;
}

describe("csv-spectrum's files", () => {
  it.each(NAMES)('%s: every value comes back unchanged in results.csv', async (name) => {
    const sandbox = await harness.sandbox();
    const dir = harness.dir();
    const input = join(dir, `${name}.csv`);
    writeFileSync(input, withRoleColumns(readFileSync(join(SPECTRUM, 'csvs', `${name}.csv`))));
    const expected = expectedRows(name);
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(dir, 'out'), '--waba', WABA, '--rate', '0'], {
      env: { DOUBLETICK_API_KEY: KEY },
    });
    const rows = readCsvFile(join(dir, 'out/results.csv'));
    expect(rows.map((row) => row.status)).toEqual(expected.map(() => 'succeeded'));
    expect(rows.map((row) => Object.fromEntries(Object.keys(expected[0] ?? {}).map((key) => [key, row[key]])))).toEqual(expected);
    expect(result.code).toBe(0);
  });
});
