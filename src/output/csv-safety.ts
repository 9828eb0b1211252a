// Output stage: every cell written to results.csv passes through here, because that file is opened in
// spreadsheets and echoes back whatever the input held, including cells crafted to run as formulas.

// OWASP's CSV-injection triggers: a spreadsheet reads a cell starting with one of these as a formula.
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
// A '+', digits and phone punctuation cannot call a function or reach a cell, so it is left readable
// rather than prefixed: results.csv is full of numbers like "+91 98111 00001", and agent cells
// holding several of them ("+91 98111 00001;+91 98111 00002", or one per line from Alt+Enter):
// without letters nothing can be called.
const PLAIN_PHONE = /^\+[\d ().;|,+\r\n-]*\d[\d ().;|,+\r\n-]*$/;

/** Neutralises spreadsheet formulas (OWASP CSV injection): a cell starting with = + - @ TAB or CR that is not a plain phone number gets a leading apostrophe. */
export function excelSafe(cell: string): string {
  if (!FORMULA_TRIGGER.test(cell) || PLAIN_PHONE.test(cell)) return cell;
  return `'${cell}`;
}
