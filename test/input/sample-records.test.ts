import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvRecord } from '../../src/input/reader.js';
import { sampleRecords } from '../../src/input/sample-records.js';

const record = (row: number, fields: string[] = [`+9198111${String(row).padStart(5, '0')}`]): CsvRecord => ({ row, line: row + 1, fields, raw: `${fields.join(',')}\n` });

/** A source that counts how many records were pulled from it, and can fail at one of them. */
function counted(total: number, failAt?: number) {
  const source = { pulled: 0, closed: false };
  async function* generate(): AsyncGenerator<CsvRecord> {
    try {
      for (let row = 1; row <= total; row++) {
        if (row === failAt) throw new Error(`row ${row} cannot be read`);
        source.pulled++;
        yield record(row);
      }
    } finally {
      source.closed = true;
    }
  }
  return { source, records: generate() };
}

async function collect(records: AsyncIterable<CsvRecord>): Promise<number[]> {
  const rows: number[] = [];
  for await (const one of records) rows.push(one.row);
  return rows;
}

describe('sampleRecords', () => {
  it('reads no more than the limit ahead, then replays every record once, in order', async () => {
    const { source, records } = counted(450);
    const sampled = await sampleRecords(records, 200);
    expect(source.pulled).toBe(200);
    expect(sampled.sample).toHaveLength(200);
    expect(sampled.sample[0]).toEqual(['+919811100001']);
    expect(await collect(sampled.records)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
  });

  it('samples a short file whole', async () => {
    const { records } = counted(3);
    const sampled = await sampleRecords(records, 200);
    expect(sampled.sample).toHaveLength(3);
    expect(await collect(sampled.records)).toEqual([1, 2, 3]);
  });

  it('throws an error met while sampling at its place, after the records before it', async () => {
    const { records } = counted(10, 5);
    const sampled = await sampleRecords(records, 200);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const one of sampled.records) seen.push(one.row);
      })(),
    ).rejects.toThrow('row 5 cannot be read');
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('closes the reader when the consumer stops early', async () => {
    const { source, records } = counted(500);
    const sampled = await sampleRecords(records, 200);
    for await (const one of sampled.records) if (one.row === 250) break;
    expect(source.closed).toBe(true);
    expect(source.pulled).toBe(250);
  });

  it('leaves malformed records and report furniture out of the sample, not out of the replay', async () => {
    const { header, records } = await readCsv(Readable.from(['customer,agent\n+919876500001,+919811100001\n"unclosed,x\n']), ',');
    expect(header).toEqual(['customer', 'agent']);
    const sampled = await sampleRecords(records);
    expect(sampled.sample).toEqual([['+919876500001', '+919811100001']]);
    expect((await collect(sampled.records)).length).toBe(2);
  });
});
