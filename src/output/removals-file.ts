// removals.csv: one line per pair --mirror planned to remove, with what became of it, in the
// order the removals settled. The numbers are E.164 digits, as the state holds them.
import type { RowResult } from '../rows/row-result.js';
import type { Pair } from '../rows/pair.js';
import { createCsvFile, type CsvFile } from './csv-file.js';

export const REMOVAL_COLUMNS = ['waba_number', 'customer_phone', 'agent_phone', 'status', 'http_status', 'error_code', 'error_message', 'attempts'] as const;

/** removed, failed, or held (not sent: the guard held it, or the run stopped first). */
export type RemovalStatus = 'removed' | 'failed' | 'held';

export function removalStatus(result: RowResult): RemovalStatus {
  if (result.status === 'succeeded') return 'removed';
  return result.status === 'not_attempted' ? 'held' : 'failed';
}

export function openRemovalsFile(path: string, onError: (error: Error) => void): CsvFile {
  const file = createCsvFile(path, { onError });
  file.write(REMOVAL_COLUMNS);
  return file;
}

export function removalRecord(pair: Pair, result: RowResult): string[] {
  const status = removalStatus(result);
  return [pair.waba, pair.customer, pair.agent, status, String(result.httpStatus ?? ''), result.errorCode ?? '', result.errorMessage ?? '', String(result.attempts)];
}
