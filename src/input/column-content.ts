// Input stage: what the first rows of a column hold, for choosing columns. A header promises
// ("WhatsApp Opted In", "Has WhatsApp", "WhatsApp Name" all say WhatsApp); the cells prove. A column
// is a phone column only when most of its first non-empty cells could be phone numbers. "Could be"
// is loose on purpose: a national number without --default-country, one a spreadsheet turned into
// scientific notation, or one too short to dial is still a phone number the row stage explains
// (invalid_phone, row by row); "Yes", "Asha Rao", "2024-01-05" or "42.5" are not. Pure: the records are read elsewhere (sample-records.ts).

/** How many data records column choice reads before the run starts. */
export const SAMPLE_SIZE = 200;

export interface ColumnContent {
  /** Non-empty cells among the records sampled. */
  cells: number;
  /** Of those, the ones that could be phone numbers. */
  phones: number;
}

// Formatting a person or an exporter puts inside a phone number.
const FORMATTING = /[\s\u00A0\u200B-\u200F\u202A-\u202E\u2060\-\u2010-\u2015\u2212.()[\]/]/g;
const EXTENSION = /\s*(?:ext\.?|x)\s*[:.]?\s*\d{1,7}\s*$/i;
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;
const WRAPPERS = /^(?:=\s*"(.*)"|"(.*)"|'(.*)')$/s;
// An amount or a measure, not a number to dial.
const DECIMAL = /^\d{1,6}[.,]\d{1,2}$/;
// Dates and times are digits with separators too ("2024-01-05", "05/01/2024 10:30").
const DATE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?:[ T]\d|$)/;

/** Whether one cell is written like a phone number: 3 to 15 digits, an optional "+" or "00", formatting. */
export function mayBePhone(cell: string): boolean {
  let text = cell.normalize('NFKC').trim();
  const wrapped = WRAPPERS.exec(text);
  if (wrapped) text = (wrapped[1] ?? wrapped[2] ?? wrapped[3] ?? '').trim();
  text = text.replace(/^'/, '');
  if (SCIENTIFIC.test(text)) return true;
  if (DATE.test(text) || DECIMAL.test(text)) return false;
  text = text.replace(/^(\+?\d+)\.0+$/, '$1').replace(EXTENSION, '').replace(FORMATTING, '');
  return /^(?:\+|00)?\d{3,15}$/.test(text);
}

/** Counts, per column of the header, its non-empty cells and the phone-like ones among `sample`. */
export function columnContents(sample: readonly (readonly string[])[], columns: number): ColumnContent[] {
  const contents = Array.from({ length: columns }, () => ({ cells: 0, phones: 0 }));
  for (const fields of sample.slice(0, SAMPLE_SIZE)) {
    for (let i = 0; i < columns; i++) {
      const cell = fields[i] ?? '';
      if (cell.trim() === '') continue;
      contents[i]!.cells++;
      if (mayBePhone(cell)) contents[i]!.phones++;
    }
  }
  return contents;
}

/** Most non-empty cells could be phone numbers; a column with no cells yet proves nothing either way. */
export function holdsPhones(content: ColumnContent | undefined): boolean {
  return content === undefined || content.cells === 0 || content.phones * 2 > content.cells;
}

/** "holds no phone numbers" / "holds phone numbers in only 3 of 200 cells", for the mapping line and errors. */
export function describeContent(content: ColumnContent): string {
  return content.phones === 0 ? 'holds no phone numbers' : `holds phone numbers in only ${content.phones} of ${content.cells} cells`;
}
