// A CSV file written as rows finish: records are turned into text by csv-stringify a chunk at a
// time (chunked-file.ts does the gathering, encoding, backpressure and close).
import { stringify, type Options } from 'csv-stringify/sync';
import { createChunkedFile, type ChunkedFile } from './chunked-file.js';

export type CsvFile = ChunkedFile<readonly string[]>;

export interface CsvFileOptions {
  delimiter?: string;
  /** Text encoding of the file (default utf8). */
  encoding?: string;
  /** Start the file with a byte-order mark (Excel needs it to read UTF-8 accents). */
  bom?: boolean;
  /** Hears the first write error (a full disk): the run must stop sending rather than find out at the end. */
  onError?(error: Error): void;
}

/** Records gathered before they are written. */
const CHUNK_RECORDS = 128;

export function createCsvFile(path: string, options: CsvFileOptions = {}): CsvFile {
  const format = csvOptions(options.delimiter ?? ',');
  return createChunkedFile(path, {
    encoding: options.encoding ?? 'utf8',
    bom: Boolean(options.bom),
    onError: options.onError,
    chunkItems: CHUNK_RECORDS,
    format: (records) => stringify(records, format),
  });
}

/** How every collab-bulk CSV is written; a lone CR is quoted too, so no reader takes it for a line break. */
function csvOptions(delimiter: string): Options {
  return { delimiter, eof: true, record_delimiter: '\n', quote_record_delimiter: true };
}
