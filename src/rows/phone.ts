// Row stage: turns each phone cell (customer, agent, WABA) into the E.164 digits the API expects,
// or into a short reason the row is rejected. Runs several times per row, so results are memoised.

import type { CountryCode } from 'libphonenumber-js';
// The "min" metadata carries each country's calling code, trunk prefix and possible lengths, which is
// all `isPossible()` reads. "max" only adds the number patterns that `isValid()` needs (we deliberately
// accept numbers from ranges newer than the metadata), and "mobile" would reject the landlines
// that many businesses register as their WhatsApp (WABA) number.
import { isSupportedCountry, parsePhoneNumberWithError, ParseError, validatePhoneNumberLength } from 'libphonenumber-js/min';

export type PhoneResult = { ok: true; digits: string } | { ok: false; reason: string };

const MIN_DIGITS = 8;
const MAX_DIGITS = 15;
const CACHE_LIMIT = 10_000;

// Whitespace (incl. no-break and thin spaces, BOM), dashes of every width, dots, brackets, slashes,
// and the invisible direction marks that numbers copied from chat apps and web pages carry.
const FORMATTING = /[\s\u200B-\u200F\u202A-\u202E\u2060\-\u2010-\u2015\u2212.()[\]/]/g;
const EXTENSION = /\s*(?:ext\.?|x)\s*[:.]?\s*\d{1,7}\s*$/i;
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;
// pandas and some exporters write a numeric column as floats ("919876543210.0").
const FLOAT_TAIL = /^(\+?\d+)\.0+$/;
// "+44 (0)20": a trunk digit shown for domestic callers, right after a 1-3 digit calling code.
const TRUNK_MARKER = /^(\+|00)([\s\u00A0-]*)(\d{1,3})[\s\u00A0-]*\(\s*0\s*\)/;
// Italy keeps its leading 0 in international form, so "+39 (0)6" really means +39 06.
const KEEPS_LEADING_ZERO = '39';

// Said for every number written without a country code that the file's digits alone cannot place.
const NO_COUNTRY = 'has no country code: pass --default-country with its country (e.g. --default-country IN), or write it as +<country code> <number>';
// Printable ASCII needs no NFKC (the common case, so the normalisation is skipped).
const ASCII = /^[\x20-\x7e]*$/;
// Excel's ="+91 98…" keeps a number as text; quotes typed around a number are not part of it either.
const WRAPPERS = /^(?:=\s*"(.*)"|"(.*)"|'(.*)')$/s;

const cache = new Map<string, PhoneResult>();

/**
 * A cell csv-parse hands over is a slice of the 64 KB text chunk it was read from, and V8 keeps the
 * whole chunk alive for as long as the slice is: kept as a cache key, 10,000 such numbers held ~2 MB
 * of old input (a heap snapshot mid-run). A key is copied on its way into the cache.
 */
function ownCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** Normalise one phone number as written in a CSV cell to E.164 digits (country code, no '+'). Caller handles empty cells. */
export function normalisePhone(raw: string, defaultCountry?: CountryCode): PhoneResult {
  const key = defaultCountry === undefined ? raw : `${raw}\u0000${defaultCountry}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  // Clearing wholesale keeps the cost O(1); the repeating WABA and agent numbers refill it at once.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const result = Object.freeze(compute(raw, defaultCountry));
  cache.set(ownCopy(key), result);
  return result;
}

/** For validating --default-country; expects the upper-case ISO 3166-1 alpha-2 code. */
export function isCountryCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}

function fail(reason: string): PhoneResult {
  return { ok: false, reason };
}

function compute(raw: string, defaultCountry: CountryCode | undefined): PhoneResult {
  const cleaned = clean(raw);
  if (!cleaned.ok) return cleaned;
  const written = cleaned.digits;
  const international = written.startsWith('+') || written.startsWith('00');
  const digits = written.startsWith('+') ? written.slice(1) : international ? written.slice(2) : written;
  if (digits.length === 0) return fail('has no digits');
  if (digits.length > MAX_DIGITS) return fail(`too long (${digits.length} digits)`);
  if (international) return parse(`+${digits}`, undefined, digits.length);
  if (defaultCountry !== undefined) return parse(digits, defaultCountry, digits.length);
  // A leading 0 is a trunk prefix (no country code starts with 0); "(415) 555-0132" opens with an area code.
  if (digits.startsWith('0') || cleaned.national) return fail(NO_COUNTRY);
  const result = parse(`+${digits}`, undefined, digits.length);
  // Read as international for want of a country, a national number ("98765 43210") fails here.
  if (result.ok || digits.length < MIN_DIGITS) return result;
  return fail(NO_COUNTRY);
}

/** Reduces the cell to an optional '+' or '00' and digits, or says what else is in it. */
type Cleaned = { ok: false; reason: string } | { ok: true; digits: string; national: boolean };

function clean(raw: string): Cleaned {
  const fail = (reason: string): Cleaned => ({ ok: false, reason });
  // NFKC turns full-width digits and '＋' (East Asian input methods) into plain ones.
  let text = (ASCII.test(raw) ? raw : raw.normalize('NFKC')).trim();
  const wrapped = WRAPPERS.exec(text);
  if (wrapped) text = (wrapped[1] ?? wrapped[2] ?? wrapped[3] ?? '').trim();
  // Spreadsheet users type a leading apostrophe to keep a number as text.
  text = text.replace(/^'/, '');
  if (text === '') return fail('is empty');
  const national = text.startsWith('(');
  if (SCIENTIFIC.test(text)) return fail('was turned into scientific notation by a spreadsheet (format the column as text)');
  text = text.replace(FLOAT_TAIL, '$1').replace(EXTENSION, '');
  if (/\p{L}/u.test(text)) return fail('has letters in it');
  text = dropTrunkMarker(text).replace(FORMATTING, '');
  if (/^\+?\d*$/.test(text)) return { ok: true, digits: text, national };
  const odd = [...text].find((ch, i) => !/\d/.test(ch) && !(i === 0 && ch === '+')) ?? text.charAt(0);
  return fail(`has a ${JSON.stringify(odd)} in it`);
}

function dropTrunkMarker(text: string): string {
  return text.replace(TRUNK_MARKER, (whole, prefix: string, gap: string, code: string) =>
    code === KEEPS_LEADING_ZERO ? whole.replace(/\(\s*0\s*\)/, '0') : `${prefix}${gap}${code}`,
  );
}

function parse(text: string, defaultCountry: CountryCode | undefined, writtenDigits: number): PhoneResult {
  let e164: string;
  try {
    const phone = parsePhoneNumberWithError(text, { defaultCountry, extract: false });
    if (!phone.isPossible()) return lengthFailure(text, defaultCountry, writtenDigits);
    e164 = phone.number.slice(1);
  } catch (error) {
    if (error instanceof ParseError) return parseFailure(error.message, writtenDigits);
    throw error;
  }
  if (e164.length < MIN_DIGITS) return fail(`too short (${digitCount(e164.length)})`);
  if (e164.length > MAX_DIGITS) return fail(`too long (${e164.length} digits)`);
  return { ok: true, digits: e164 };
}

/** Only reached for impossible numbers, so parsing twice here costs nothing on the common path. */
function lengthFailure(text: string, defaultCountry: CountryCode | undefined, writtenDigits: number): PhoneResult {
  const verdict = validatePhoneNumberLength(text, defaultCountry === undefined ? {} : { defaultCountry });
  return verdict === undefined ? fail('not a possible phone number') : parseFailure(verdict, writtenDigits);
}

function digitCount(n: number): string {
  return n === 1 ? '1 digit' : `${n} digits`;
}

function parseFailure(code: string, writtenDigits: number): PhoneResult {
  switch (code) {
    case 'TOO_SHORT':
      return fail(`too short (${digitCount(writtenDigits)})`);
    case 'TOO_LONG':
      return fail(`too long (${writtenDigits} digits)`);
    case 'INVALID_COUNTRY':
      return fail('starts with an unknown country code');
    default:
      return fail('not a possible phone number');
  }
}
