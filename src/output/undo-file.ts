// undo.csv: every pair a run changed, inverted, in input order, as a file `collab-bulk run` takes
// (its action column says add or remove per line): an add that went through becomes a remove and a
// remove an add. Written only when the run changed something.
import type { Pair, PairAction } from '../rows/pair.js';
import { createCsvFile, type CsvFile } from './csv-file.js';

export const UNDO_COLUMNS = ['action', 'waba_number', 'customer_phone', 'agent_phone', 'assign_to'] as const;

/** One pair this run changed, and how. */
export interface Change extends Pair {
  action: PairAction;
  /** Undo makes this agent the chat's assignee again (the from-agent of an --assign row). */
  assignTo?: string;
}

export interface UndoFile {
  write(changes: readonly Change[]): boolean;
  drained(): Promise<void>;
  close(): Promise<void>;
}

/** The file is created with its first line, so a run that changed nothing leaves none. */
export function openUndoFile(path: string, onError: (error: Error) => void): UndoFile {
  let file: CsvFile | undefined;
  return {
    write(changes) {
      if (changes.length === 0) return true;
      if (!file) {
        file = createCsvFile(path, { onError });
        file.write(UNDO_COLUMNS);
      }
      let ok = true;
      for (const change of changes) ok = file.write([change.action === 'add' ? 'remove' : 'add', change.waba, change.customer, change.agent, change.assignTo ?? '']) && ok;
      return ok;
    },
    drained: () => file?.drained() ?? Promise.resolve(),
    close: () => file?.close() ?? Promise.resolve(),
  };
}
