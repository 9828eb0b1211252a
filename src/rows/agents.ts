// Row stage: one agent cell may name several collaborators for the same chat; this turns the cell into
// the list of raw numbers that are then normalised one by one.

// The cell is already a single CSV field, so a ',' inside it can only separate numbers, whatever the
// file's delimiter. Newlines come from cells edited with Alt+Enter in a spreadsheet.
const SEPARATORS = /[;|,\r\n]/;

/** Splits an agent cell that may hold several numbers separated by ';' or '|' (and also ',' when the file's delimiter is not ','); trims, drops empty pieces. */
export function splitAgents(cell: string): string[] {
  return cell
    .split(SEPARATORS)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
}
