// Input stage: reads the first records of a file ahead, so that column choice can look at their
// cells (column-content.ts), then hands every record on in order as if none had been read: the
// sampled ones first, then the rest from the same reader. At most SAMPLE_SIZE records are held; an
// error the reader throws while sampling is thrown again at its place in the replay.
import { SAMPLE_SIZE } from './column-content.js';
import type { CsvRecord } from './reader.js';

export interface SampledRecords {
  /** The fields of the sampled data records (malformed, furniture and mis-encoded ones left out). */
  sample: string[][];
  /** Every record, the sampled ones included, in input order. */
  records: AsyncIterable<CsvRecord>;
}

export async function sampleRecords(records: AsyncIterable<CsvRecord>, limit = SAMPLE_SIZE): Promise<SampledRecords> {
  const iterator = records[Symbol.asyncIterator]();
  const held: CsvRecord[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  try {
    while (held.length < limit) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      held.push(next.value);
    }
  } catch (error) {
    failure = { error };
  }
  const sample = held.flatMap((record) =>
    record.malformed === undefined && record.notARow === undefined && record.badEncoding === undefined ? [record.fields] : [],
  );
  return { sample, records: replay(held, iterator, ended, failure) };
}

async function* replay(
  held: CsvRecord[],
  iterator: AsyncIterator<CsvRecord>,
  ended: boolean,
  failure: { error: unknown } | undefined,
): AsyncGenerator<CsvRecord> {
  let finished = ended || failure !== undefined;
  try {
    // Shifted out as they go, so a long run does not keep the sample alive.
    while (held.length > 0) yield held.shift()!;
    if (failure) throw failure.error;
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // A consumer that stops early (an interrupt, an input error) closes the reader as before.
    if (!finished) await iterator.return?.();
  }
}
