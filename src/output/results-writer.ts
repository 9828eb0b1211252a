// Writes results.csv: every input row as it was, then what happened to it. Cells that a
// spreadsheet would run as a formula are neutralised here (and only here: retry.csv stays exact).
import type { RowResult } from '../rows/row-result.js';
import { excelSafe } from './csv-safety.js';
import { createCsvFile, type CsvFile } from './csv-file.js';

export const RESULT_COLUMNS = ['row', 'status', 'http_status', 'error_code', 'error_message', 'attempts', 'retryable', 'agent_names', 'assigned'] as const;

export function createResultsWriter(path: string, header: readonly string[], options: { excel: boolean; onError?(error: Error): void }): CsvFile {
  const file = createCsvFile(path, { bom: options.excel, onError: options.onError });
  file.write([...header.map(excelSafe), ...RESULT_COLUMNS]);
  return file;
}

export function resultRecord(fields: readonly string[], width: number, result: RowResult): string[] {
  // Aligned to the header so the status columns never shift; a ragged row's count is in its message.
  const cells: string[] = [];
  for (let i = 0; i < width; i++) cells.push(excelSafe(fields[i] ?? ''));
  return [
    ...cells,
    String(result.row),
    result.status,
    result.httpStatus === undefined ? '' : String(result.httpStatus),
    result.errorCode ?? '',
    excelSafe(result.errorMessage ?? ''),
    String(result.attempts),
    String(result.retryable),
    excelSafe((result.agentNames ?? []).join('; ')),
    result.assigned ?? '',
  ];
}
