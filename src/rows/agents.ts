// Row stage: one agent cell may name several collaborators for the same chat; this turns the cell into
// the list of raw values (numbers, or e-mails and names the team directory resolves) that are then
// handled one by one.

// The cell is already a single CSV field, so a ',' inside it can only separate agents, whatever the
// file's delimiter. Newlines come from cells edited with Alt+Enter in a spreadsheet.
const SEPARATORS = /[;|,\r\n]/;
// A '/' separates two agents ("+91 98111 00005 / +91 98111 00006", "Priya / Ravi"), but inside one
// number it is formatting ("98111/00005") and inside a word it is a word ("n/a"): split there only when
// no piece is a fragment of a number, and the slash is spaced or stands between two whole numbers.
const SLASH = /\//;
const FRAGMENT = /^[\d\s().+-]*$/;
const MIN_DIGITS = 8;

/** Splits an agent cell on ';', '|', ',', line breaks and '/' (between whole agents); trims, drops empty pieces. */
export function splitAgents(cell: string): string[] {
  // Most cells hold one agent: no separator, no '/'.
  if (!SEPARATORS.test(cell) && !SLASH.test(cell)) {
    const only = cell.trim();
    return only === '' ? [] : [only];
  }
  return cell
    .split(SEPARATORS)
    .flatMap(splitSlash)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
}

function splitSlash(piece: string): string[] {
  if (!SLASH.test(piece)) return [piece];
  const parts = piece.split(SLASH).filter((part) => part.trim() !== '');
  const fragment = (part: string): boolean => FRAGMENT.test(part) && part.replace(/\D/g, '').length < MIN_DIGITS;
  const whole = (part: string): boolean => part.replace(/\D/g, '').length >= MIN_DIGITS;
  const spaced = /\s\/|\/\s/.test(piece);
  return parts.length > 1 && !parts.some(fragment) && (spaced || parts.every(whole)) ? parts : [piece];
}
