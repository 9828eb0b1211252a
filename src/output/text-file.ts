// A text file written as rows finish, for lines that are already text (retry.csv gives back the
// input's records as they were read), in the input's encoding.
import { createChunkedFile, type ChunkedFile } from './chunked-file.js';

export type TextFile = ChunkedFile<string>;

/** Lines gathered before they are written (a record is about a hundred characters). */
const CHUNK_LINES = 512;

export function createTextFile(path: string, options: { encoding: string; bom: boolean; onError?(error: Error): void }): TextFile {
  return createChunkedFile(path, { ...options, chunkItems: CHUNK_LINES, format: (lines) => lines.join('') });
}
