// The one rule for where a CSV cell is quoted, shared by the reader (framing.ts: does a line leave
// a quoted cell open?) and retry.csv (retry-writer.ts: where does cell N start and end?), so the
// two can never disagree. As in csv-spectrum, PapaParse and Python's csv, a quote opens a cell only
// at the cell's start; inside, "" is a quote and any other '"' closes the cell. Pure.

/**
 * Walks `text` by the rule, starting inside a quoted cell when `quoted`. Calls `atDelimiter` with the
 * index of each delimiter outside quotes; walking stops when it returns true. Returns whether a
 * quoted cell is open where the walk ended.
 */
export function scanCells(text: string, delimiter: string, quoted: boolean, atDelimiter?: (at: number) => boolean): boolean {
  let cellStart = !quoted;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (ch === delimiter) {
      if (atDelimiter?.(i)) return false;
      cellStart = true;
      continue;
    }
    if (ch === '"' && cellStart) quoted = true;
    cellStart = false;
  }
  return quoted;
}
