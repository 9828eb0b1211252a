import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isCountryCode, normalisePhone } from '../../src/rows/phone.js';

function digitsOf(raw: string, country?: Parameters<typeof normalisePhone>[1]): string | undefined {
  const result = normalisePhone(raw, country);
  return result.ok ? result.digits : undefined;
}

function reasonOf(raw: string, country?: Parameters<typeof normalisePhone>[1]): string | undefined {
  const result = normalisePhone(raw, country);
  return result.ok ? undefined : result.reason;
}

describe('normalisePhone', () => {
  it.each([
    ['+919811100001', '919811100001'],
    ['+91 98111 00001', '919811100001'],
    ['+91-98111-00001', '919811100001'],
    ['919811100001', '919811100001'],
    ['0091 9811100001', '919811100001'],
    ['+1 (415) 555-0132', '14155550132'],
    ['+44 20 7946 0018', '442079460018'],
    ['+55 11 91234-5678', '5511912345678'],
  ])('accepts the real number %s as %s', (raw, digits) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, digits });
  });

  it('trims surrounding whitespace', () => {
    expect(digitsOf('  +919811100001 \t')).toBe('919811100001');
  });

  it('strips non-breaking spaces, dots, slashes and brackets', () => {
    expect(digitsOf('+91\u00A098111.000/01')).toBe('919811100001');
    expect(digitsOf('+1 [415] 555.0132')).toBe('14155550132');
  });

  it('strips the invisible direction marks that copied numbers carry', () => {
    expect(digitsOf('\u202A+91 98111 00001\u202C')).toBe('919811100001');
  });

  it('treats a leading 00 as international', () => {
    expect(digitsOf('0091 98765 43210')).toBe('919876543210');
  });

  it('drops a (0) trunk marker after the country code', () => {
    expect(digitsOf('+44 (0)20 7946 0018')).toBe('442079460018');
    expect(digitsOf('0044 (0) 20 7946 0018')).toBe('442079460018');
  });

  it('keeps the (0) for Italy, whose numbers keep their leading 0 internationally', () => {
    expect(digitsOf('+39 (0)6 6982 1234')).toBe('390669821234');
  });

  it('reads a national number with a trunk prefix in the default country', () => {
    expect(digitsOf('098765 43210', 'IN')).toBe('919876543210');
  });

  it('reads a national number without a trunk prefix in the default country', () => {
    expect(digitsOf('9876543210', 'IN')).toBe('919876543210');
  });

  it('keeps a number that already carries the default country code', () => {
    expect(digitsOf('919876543210', 'IN')).toBe('919876543210');
  });

  it('still honours + when a default country is given', () => {
    expect(digitsOf('+44 20 7946 0018', 'IN')).toBe('442079460018');
  });

  it('takes digits as carrying the country code when no default country is given', () => {
    expect(digitsOf('14155550132')).toBe('14155550132');
  });

  it('asks for a default country when a trunk-prefixed number has none', () => {
    expect(reasonOf('098765 43210')).toBe('has no country code: pass --default-country with its country (e.g. --default-country IN), or write it as +<country code> <number>');
  });

  it('ignores a trailing extension', () => {
    expect(digitsOf('+1 415 555 0132 ext. 12')).toBe('14155550132');
    expect(digitsOf('+1 415 555 0132 x12')).toBe('14155550132');
  });

  it('rejects letters that are not an extension', () => {
    expect(reasonOf('+91 98111 CALL')).toBe('has letters in it');
    expect(reasonOf('n/a')).toBe('has letters in it');
  });

  it('names a stray symbol', () => {
    expect(reasonOf('+91 98111*00001')).toBe('has a "*" in it');
    expect(reasonOf('91+9811100001')).toBe('has a "+" in it');
    expect(reasonOf('=1+1')).toBe('has a "=" in it');
  });

  it('explains a number a spreadsheet turned into scientific notation', () => {
    expect(reasonOf('9.19811E+11')).toMatch(/scientific notation/);
  });

  it('accepts a number a spreadsheet exported as a float', () => {
    expect(digitsOf('919811100001.0')).toBe('919811100001');
  });

  it('accepts a leading apostrophe that forced a spreadsheet cell to text', () => {
    expect(digitsOf("'+919811100001")).toBe('919811100001');
  });

  it('reports a short number with its digit count', () => {
    expect(reasonOf('+123456')).toBe('too short (6 digits)');
  });

  it('reports a long number with its digit count', () => {
    expect(reasonOf('+12345678901234567')).toBe('too long (17 digits)');
  });

  it('reports a number too short for its country with its digit count', () => {
    expect(reasonOf('+1 415 555 013')).toBe('too short (10 digits)');
  });

  it('rejects a number whose length falls between its country\'s possible lengths', () => {
    expect(reasonOf('+44 20 7946 00')).toBe('not a possible phone number');
  });

  it('rejects a national number too long for the default country', () => {
    expect(normalisePhone('98765432101234', 'IN').ok).toBe(false);
  });

  it('rejects an unknown country code', () => {
    expect(reasonOf('+999 1234 5678')).toBe('starts with an unknown country code');
  });

  it('rejects a cell of punctuation only', () => {
    expect(reasonOf('--')).toBe('has no digits');
  });

  it('returns the same answer from its cache', () => {
    const first = normalisePhone('+91 98111 00001');
    expect(normalisePhone('+91 98111 00001')).toBe(first);
  });

  it('keys the cache by default country as well as text', () => {
    expect(digitsOf('2079460018', 'GB')).toBe('442079460018');
    expect(digitsOf('2079460018', 'US')).toBe('12079460018');
  });

  it('keeps answering correctly after the cache fills and is cleared', () => {
    for (let i = 0; i < 12_000; i += 1) {
      const national = String(9_800_000_000 + i);
      expect(digitsOf(national, 'IN')).toBe(`91${national}`);
    }
    expect(digitsOf('+91 98111 00001')).toBe('919811100001');
  });
});

describe('isCountryCode', () => {
  it('accepts a supported ISO country code', () => {
    expect(isCountryCode('IN')).toBe(true);
  });

  it('rejects an unknown code', () => {
    expect(isCountryCode('XX')).toBe(false);
  });
});

describe('normalisePhone without a country code', () => {
  it('suggests --default-country when a national-length number is not possible as international', () => {
    expect(normalisePhone('98765 43210')).toEqual({ ok: false, reason: 'has no country code: pass --default-country with its country (e.g. --default-country IN), or write it as +<country code> <number>' });
  });

  it('reads the same number with --default-country IN', () => {
    expect(normalisePhone('98765 43210', 'IN')).toEqual({ ok: true, digits: '919876543210' });
  });

  it('drops the "(0)" trunk digit of a national number with --default-country', () => {
    expect(normalisePhone('(0)98765 43210', 'IN')).toEqual({ ok: true, digits: '919876543210' });
  });
});

describe('normalisePhone wording', () => {
  it('says "1 digit", not "1 digits"', () => {
    expect(normalisePhone('7')).toEqual({ ok: false, reason: 'too short (1 digit)' });
  });
});

describe('normalisePhone on numbers as spreadsheets and CRMs write them', () => {
  it("says a US-style local number has no country code and names --default-country", () => {
    expect(reasonOf('(415) 555-0132')).toMatch(/^has no country code: pass --default-country/);
    expect(digitsOf('(415) 555-0132', 'US')).toBe('14155550132');
  });

  it('reads full-width digits and plus sign (NFKC)', () => {
    expect(digitsOf('＋９１ ９８７６５ ４３２１０')).toBe('919876543210');
  });

  it("strips Excel's =\"…\" text wrapper", () => {
    expect(digitsOf('="+91 98765 43210"')).toBe('919876543210');
  });

  it('strips literal quotes around a number', () => {
    expect(digitsOf('"+91 98765 43210"')).toBe('919876543210');
    expect(digitsOf("'+91 98765 43210'")).toBe('919876543210');
  });
});

describe('normalisePhone\'s cache', () => {
  it('keeps a copy of each number, not the text chunk the number was sliced from', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // 200 chunks of ~64 KB, as csv-parse reads a file, and one number sliced from each.
    const chunkOf = (n: number): string => Array.from({ length: 4000 }, (_, i) => `+91 7${String(n).padStart(4, '0')} ${String(i).padStart(5, '0')}`).join(',');
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let n = 0; n < 200; n += 1) {
      const chunk = chunkOf(n);
      expect(normalisePhone(chunk.slice(16, 31)).ok).toBe(true);
    }
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    // The chunks are 12.6 MB in all; 200 cached numbers are a few KB.
    expect(kept).toBeLessThan(2 * 1024 * 1024);
  });
});
