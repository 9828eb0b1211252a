// Malformed rows and files collab-bulk cannot use (fixtures/odd/, plus a 1 MB line made here), run
// through the real CLI as a dry run: each bad row's line and message, and the one-sentence refusal.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dryRun, odd, out, refused, statuses, useOut } from './odd-files.js';

useOut();

describe('collab-bulk run on malformed rows', () => {
  it('marks ragged rows malformed with their line, and accepts padded ones', async () => {
    const { code, rows } = await dryRun(odd('ragged-rows.csv'));
    expect(code).toBe(2);
    expect(rows.map((r) => [r.status, r.error_message])).toEqual([
      ['not_attempted', 'dry run: valid, not sent'],
      ['invalid', 'line 3 has 2 fields where the header has 4'],
      ['invalid', 'line 4 has 5 fields where the header has 4'],
      ['not_attempted', 'dry run: valid, not sent'],
      ['invalid', 'lines 6-7 (a quoted cell with line breaks) have 3 fields where the header has 4'],
      ['not_attempted', 'dry run: valid, not sent'],
    ]);
  });

  it('blames only the line of an unclosed quote and reads every row after it', async () => {
    const { code, rows } = await dryRun(odd('unclosed-quote.csv'));
    expect(code).toBe(2);
    expect(statuses(rows).map(([, status]) => status)).toEqual(['not_attempted', 'invalid', 'not_attempted', 'not_attempted', 'not_attempted']);
    expect(rows[1]?.error_message).toBe('line 3: the quote (") that opens field 4 (customer_name) is never closed, so line 4 was read as a new row');
    expect(rows[3]?.customer_name).toBe('Ramesh, Jr.');
  });

  it('does not let a stray quote closed by another stray quote swallow the row between', async () => {
    const { rows } = await dryRun(odd('stray-quote-pair.csv'));
    expect(statuses(rows)).toEqual([
      ['1', 'invalid', 'malformed_row'],
      ['2', 'not_attempted', ''],
      ['3', 'not_attempted', ''],
      ['4', 'not_attempted', ''],
    ]);
  });

  it('reads misplaced quotes in a column it does not use as common parsers do, losing no row', async () => {
    const { rows } = await dryRun(odd('bad-quotes.csv'));
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('not_attempted'));
    expect(rows.map((r) => r.customer_name)).toEqual(['O"Brien', 'Ann', '"Dwayne" Johnson', ' "Meera Pillai"', 'Zed']);
  });

  it('marks a 1 MB line malformed by its length and reads the rows after it', async () => {
    const input = join(out(), 'long-line.csv');
    const row = (n: number, name: string): string => `+9198765000${n}0,+9198111000${n}0,919800000001,${name}`;
    const long = row(2, 'x'.repeat(1 << 20));
    writeFileSync(input, `customer_phone,agent_phone,waba_number,note\n${row(1, 'ok')}\n${long}\n${row(3, 'ok')}\n`);
    const { code, rows, stderr } = await dryRun(input);
    expect(code, stderr).toBe(2);
    expect(rows.map((r) => [r.status, r.error_message])).toEqual([
      ['not_attempted', 'dry run: valid, not sent'],
      ['invalid', `line 3 is ${long.length} characters long, more than the 65536 a row may have`],
      ['not_attempted', 'dry run: valid, not sent'],
    ]);
  });
});

describe('collab-bulk run on files it cannot use', () => {
  it.each([
    ['empty.csv', /^collab-bulk: .*empty\.csv is empty: there is no header line and no rows$/],
    ['header-only.csv', /^collab-bulk: the file has a header but no rows$/],
    ['png-renamed.csv', /^collab-bulk: .*png-renamed\.csv is not a CSV file: it is a PNG image$/],
    ['missing-agent-column.csv', /^collab-bulk: no agent phone column found: expected an owner, agent, assignee or collaborator column such as agent_phone, .*; the header has \(closest first\): customer_phone, waba_number, customer_name$/],
    ['duplicate-header-names.csv', /^collab-bulk: columns phone \(column 1\) and phone \(column 4\) both look like the customer phone column and share one name; rename all but one of them$/],
    ['prose.csv', /^collab-bulk: no customer phone column and no agent phone column and no WABA number column found: .*the header has: /],
    ['no-waba-column.csv', /^collab-bulk: no WABA number column found: .*--waba for one number on every row/],
  ])('refuses %s in one sentence before reading any row', async (name, message) => {
    expect(await refused(odd(name))).toMatch(message);
  });
});
