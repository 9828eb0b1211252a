// When two spellings of a phone number are the same number. Shared by the team directory lookup
// (team.ts) and the reading of API answers (src/api/answer-match.ts). Pure.
//
// Trailing digits are never enough: +1 901 234 5678 and +81 90 1234 5678 share ten of them and are
// two people. Two numbers that both carry a country code are the same only when all their digits
// are. A bare number (no "+": a directory entry or an echo in national form, with or without a trunk
// 0) is the same as a full number when its digits are, or when, placed in the country
// --default-country names (or, with none, in the full number's own country), its national
// significant number is the full number's. Anything less certain is no match: a bare number whose
// digits already make a valid number with a country code ("84951234567", Vietnam) is taken for that
// number written without "+", never for a national form (it would be Moscow's 8 495… in Russia).
//
// The "max" metadata (phone.ts uses "min") because only it can say a number is valid, not just of
// a possible length.
import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';

/** One number as written somewhere: its digits, and whether they open with a country code. */
export interface Spelling {
  digits: string;
  /** Written with "+" or "00" (or E.164 as normalised): the digits carry the country code. */
  full: boolean;
}

/** A number known to carry its country code (E.164 digits, as phone.ts gives them). */
export function full(digits: string): Spelling {
  return { digits, full: true };
}

/** The spelling of a number as written: "+81 90…" and "0081 90…" are full; "919811100001" and "090-1234-5678" are bare. */
export function spell(written: string): Spelling {
  const text = written.trim();
  const digits = text.replace(/\D+/g, '');
  if (text.startsWith('+')) return { digits, full: true };
  if (/^00[1-9]/.test(digits)) return { digits: digits.slice(2), full: true };
  return { digits, full: false };
}

/** Whether two spellings are the same number (see the header for the rule). */
export function sameNumber(a: Spelling, b: Spelling, defaultCountry?: CountryCode): boolean {
  if (a.digits === '' || b.digits === '') return false;
  if (a.digits === b.digits) return true;
  if (a.full && b.full) return false;
  if (a.full || b.full) {
    const [whole, bare] = a.full ? [a, b] : [b, a];
    const known = place(`+${whole.digits}`);
    if (known === undefined || isFullOnItsOwn(bare.digits)) return false;
    const placed = place(bare.digits, defaultCountry ?? known.code);
    return placed !== undefined && placed.code === known.code && placed.national === known.national;
  }
  if (defaultCountry === undefined) return false;
  const placedA = place(a.digits, defaultCountry);
  const placedB = place(b.digits, defaultCountry);
  return placedA !== undefined && placedB !== undefined && placedA.code === placedB.code && placedA.national === placedB.national;
}

/**
 * The index of the candidate that `wanted` is: the one with the same digits, or else the one
 * candidate that is the same number. Two different candidates fitting: undefined, since guessing
 * could name the wrong person.
 */
export function findNumber(candidates: readonly Spelling[], wanted: Spelling, defaultCountry?: CountryCode): number | undefined {
  if (wanted.digits === '') return undefined;
  const exact = candidates.findIndex((candidate) => candidate.digits === wanted.digits);
  if (exact !== -1) return exact;
  let found: number | undefined;
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    if (!sameNumber(candidate, wanted, defaultCountry)) continue;
    if (found !== undefined && candidates[found]!.digits !== candidate.digits) return undefined;
    found ??= i;
  }
  return found;
}

/**
 * Many candidates searched again and again (a team directory, one search per agent cell): the
 * answers of findNumber for full numbers, each from a map instead of a pass over every candidate.
 */
export class NumberIndex {
  private readonly firstByDigits = new Map<string, number>();
  /** The bare candidates that may be a national form (a directory written with country codes has none). */
  private readonly national: number[];
  /** Per country (ISO code or calling code): the bare candidates by the full number each is the national form of. */
  private readonly byNational = new Map<string, Map<string, number[]>>();

  constructor(private readonly candidates: readonly Spelling[]) {
    candidates.forEach((candidate, i) => {
      if (candidate.digits !== '' && !this.firstByDigits.has(candidate.digits)) this.firstByDigits.set(candidate.digits, i);
    });
    this.national = [...candidates.keys()].filter((i) => {
      const candidate = candidates[i]!;
      return !candidate.full && candidate.digits !== '' && !isFullOnItsOwn(candidate.digits);
    });
  }

  find(wanted: Spelling, defaultCountry?: CountryCode): number | undefined {
    if (!wanted.full) return findNumber(this.candidates, wanted, defaultCountry);
    const exact = this.firstByDigits.get(wanted.digits);
    if (exact !== undefined || wanted.digits === '' || this.national.length === 0) return exact;
    const known = place(`+${wanted.digits}`);
    if (known === undefined) return undefined;
    const hits = this.nationalForms(defaultCountry ?? known.code).get(`${known.code} ${known.national}`) ?? [];
    const first = hits[0];
    return first !== undefined && hits.every((i) => this.candidates[i]!.digits === this.candidates[first]!.digits) ? first : undefined;
  }

  private nationalForms(where: string): Map<string, number[]> {
    let forms = this.byNational.get(where);
    if (forms !== undefined) return forms;
    forms = new Map();
    for (const i of this.national) {
      const placed = place(this.candidates[i]!.digits, where);
      if (placed === undefined) continue;
      const key = `${placed.code} ${placed.national}`;
      forms.set(key, [...(forms.get(key) ?? []), i]);
    }
    this.byNational.set(where, forms);
    return forms;
  }
}

interface Placed {
  code: string;
  national: string;
  /** Only asked of bare candidates; the number patterns it checks cost as much as the parse. */
  valid(): boolean;
}

const CACHE_LIMIT = 10_000;
// The same directory and agent numbers are compared row after row: parse each spelling once.
const cache = new Map<string, Placed | undefined>();

/** Bare digits that are a valid number once "+" is put before them; a trunk 0 never is. */
function isFullOnItsOwn(digits: string): boolean {
  return !digits.startsWith('0') && place(`+${digits}`)?.valid() === true;
}

/**
 * A number's calling code and national significant number (trunk prefix dropped), if it is of a
 * possible length. `where` places a number without "+": a country (ISO code) or a calling code.
 */
function place(text: string, where?: string): Placed | undefined {
  const key = `${text} ${where ?? ''}`;
  if (cache.has(key)) return cache.get(key);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const placed = parse(text, where);
  cache.set(key, placed);
  return placed;
}

function parse(text: string, where: string | undefined): Placed | undefined {
  const options = where === undefined ? {} : /^\d+$/.test(where) ? { defaultCallingCode: where } : { defaultCountry: where as CountryCode };
  try {
    const phone = parsePhoneNumberWithError(text, options);
    if (!phone.isPossible()) return undefined;
    return { code: phone.countryCallingCode, national: phone.nationalNumber, valid: () => phone.isValid() };
  } catch {
    return undefined;
  }
}
