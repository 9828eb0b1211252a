// Input stage: settles the field delimiter before parsing starts, either from --delimiter or by looking
// at the header line, since spreadsheets in many locales save "CSV" with ';' and some exports use tabs.

import { UsageError } from '../errors.js';

export type Delimiter = ',' | ';' | '\t' | '|';

// Order breaks ties: ',' is what the format promises, so it wins an even count.
const CANDIDATES: readonly Delimiter[] = [',', ';', '\t', '|'];

const OPTION_VALUES: Readonly<Record<string, Delimiter>> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '|': '|',
  pipe: '|',
  tab: '\t',
  '\\t': '\t',
  '\t': '\t',
};

/** Picks the delimiter from the header line: the candidate that splits it into the most fields outside quotes; ',' when none occurs. */
export function detectDelimiter(headerLine: string): Delimiter {
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATES) {
    const count = countOutsideQuotes(headerLine, candidate);
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** A quoted header like "Phone, mobile" must not count its comma; a doubled quote toggles twice, so it needs no special case. */
function countOutsideQuotes(line: string, delimiter: Delimiter): number {
  let count = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count += 1;
  }
  return count;
}

export function parseDelimiterOption(value: string): Delimiter {
  const delimiter = OPTION_VALUES[value] ?? OPTION_VALUES[value.trim().toLowerCase()];
  if (delimiter !== undefined) return delimiter;
  throw new UsageError(`--delimiter must be one of ',', ';', '|', tab (or comma, semicolon, pipe); got ${JSON.stringify(value)}`);
}
