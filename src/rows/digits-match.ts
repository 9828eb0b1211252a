// When two spellings of a phone number are the same number: the same digits, or, when one side
// is in national form (no country code), an unambiguous trailing match. Shared by the team
// directory lookup and the reading of API answers. Pure.

/** Shortest number trusted for a trailing match: a national number, never a stray fragment. */
export const MIN_TRAILING_DIGITS = 6;

/**
 * The index of the candidate that `digits` stands for: the one with the same digits, or else the
 * one candidate whose digits end with these (or that these end with). Two different candidates
 * fitting the trailing match: undefined, since guessing could name the wrong person.
 */
export function findByDigits(candidates: readonly string[], digits: string): number | undefined {
  if (digits === '') return undefined;
  const exact = candidates.indexOf(digits);
  if (exact !== -1) return exact;
  if (digits.length < MIN_TRAILING_DIGITS) return undefined;
  let found: number | undefined;
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    if (candidate.length < MIN_TRAILING_DIGITS || !(candidate.endsWith(digits) || digits.endsWith(candidate))) continue;
    if (found !== undefined && candidates[found] !== candidate) return undefined;
    found ??= i;
  }
  return found;
}
