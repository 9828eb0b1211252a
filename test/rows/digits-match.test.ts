import { describe, expect, it } from 'vitest';
import { findNumber, full, NumberIndex, sameNumber, spell } from '../../src/rows/digits-match.js';

const bare = (digits: string) => ({ digits, full: false });

describe('spell', () => {
  it('calls a number full only when written with "+" or "00"', () => {
    expect(spell('+81 90 1234 5678')).toEqual({ digits: '819012345678', full: true });
    expect(spell('0081 90 1234 5678')).toEqual({ digits: '819012345678', full: true });
    expect(spell('919811100001')).toEqual({ digits: '919811100001', full: false });
    expect(spell('090-1234-5678')).toEqual({ digits: '09012345678', full: false });
  });
});

describe('two full numbers', () => {
  // Pairs of real-shaped numbers of different countries whose digits share 8 to 11 trailing digits.
  it.each([
    ['19012345678', '819012345678', 11], // +1 901 234 5678 (US) and +81 90 1234 5678 (JP)
    ['4915112345678', '6115112345678', 11], // DE mobile and AU-shaped digits
    ['919811100001', '449811100001', 10], // IN and GB
    ['33612345678', '34612345678', 9], // FR mobile and ES mobile
    ['6591234567', '85291234567', 8], // SG and HK
  ])('%s and %s (%i shared trailing digits) are different numbers', (a, b, shared) => {
    expect(a.slice(-shared)).toBe(b.slice(-shared));
    expect(sameNumber(full(a), full(b))).toBe(false);
    expect(sameNumber(full(b), full(a))).toBe(false);
    expect(findNumber([full(b)], full(a))).toBeUndefined();
    expect(findNumber([full(a)], full(b))).toBeUndefined();
  });

  it('are the same number when all their digits are', () => {
    expect(sameNumber(full('819012345678'), spell('+81 90-1234-5678'))).toBe(true);
  });
});

describe('a national form against a full number', () => {
  it('matches when the national significant number and the full number’s country agree, trunk 0 or not', () => {
    expect(sameNumber(bare('9811100001'), full('919811100001'))).toBe(true);
    expect(sameNumber(bare('09811100001'), full('919811100001'))).toBe(true);
    expect(sameNumber(bare('09012345678'), full('819012345678'))).toBe(true);
    expect(sameNumber(bare('9012345678'), full('819012345678'))).toBe(true);
  });

  it('does not match a longer or shorter tail of the full number', () => {
    expect(sameNumber(bare('19012345678'), full('819012345678'))).toBe(false);
    expect(sameNumber(bare('012345678'), full('819012345678'))).toBe(false);
    expect(sameNumber(bare('811100001'), full('919811100001'))).toBe(false);
    expect(sameNumber(bare('00001'), full('919811100001'))).toBe(false);
  });

  it('is read in --default-country when one is given, and nowhere else', () => {
    expect(sameNumber(bare('09811100001'), full('919811100001'), 'IN')).toBe(true);
    expect(sameNumber(bare('9012345678'), full('819012345678'), 'IN')).toBe(false);
    expect(sameNumber(bare('09012345678'), full('819012345678'), 'JP')).toBe(true);
    expect(sameNumber(bare('9012345678'), full('19012345678'), 'US')).toBe(true);
    expect(sameNumber(bare('9012345678'), full('19012345678'), 'JP')).toBe(false);
  });

  it('fits no one when it fits two numbers of different countries', () => {
    const team = [full('19012345678'), full('819012345678')];
    expect(findNumber(team, bare('9012345678'))).toBeUndefined();
    expect(findNumber(team, bare('9012345678'), 'JP')).toBe(1);
    expect(findNumber(team, bare('9012345678'), 'US')).toBe(0);
    expect(findNumber(team, bare('09012345678'))).toBe(1);
  });

  it('finds the full number that a bare one equals digit for digit', () => {
    expect(findNumber([full('819012345678'), full('19012345678')], bare('19012345678'))).toBe(1);
  });
});

describe('a bare number that is a valid number with a country code', () => {
  it('is that number written without "+", never a national form of another country', () => {
    // +84 95 123 4567 (Vietnam) would be Moscow's 8 495 123-45-67 read as a Russian national number.
    expect(sameNumber(bare('84951234567'), full('74951234567'))).toBe(false);
    expect(sameNumber(bare('84951234567'), full('74951234567'), 'RU')).toBe(false);
    expect(sameNumber(bare('84951234567'), full('84951234567'))).toBe(true);
  });

  it('still matches the same number, country code and all', () => {
    expect(findNumber([bare('919811100001'), bare('819012345678')], full('819012345678'))).toBe(1);
    expect(findNumber([bare('919811100001'), bare('819012345678')], full('19012345678'))).toBeUndefined();
  });
});

describe('two bare numbers', () => {
  it('are the same only by equal digits, or as one number of --default-country', () => {
    expect(sameNumber(bare('9811100001'), bare('9811100001'))).toBe(true);
    expect(sameNumber(bare('09811100001'), bare('9811100001'))).toBe(false);
    expect(sameNumber(bare('09811100001'), bare('9811100001'), 'IN')).toBe(true);
    expect(sameNumber(bare('9811100001'), bare('449811100001'), 'IN')).toBe(false);
  });
});

describe('NumberIndex', () => {
  it('gives the answers of findNumber for every full number, with and without --default-country', () => {
    const directory = ['+91 98111 00001', '919811100002', '09811100003', '9811100004', '090-1234-5678', '(901) 234-5678', '+81 90 1234 5678', '84951234567', '0091 98111 00005', '9811100004'].map(spell);
    const index = new NumberIndex(directory);
    const asked = ['919811100001', '919811100002', '919811100003', '919811100004', '919811100005', '449811100001', '819012345678', '19012345678', '74951234567', '84951234567', '919811109999'];
    for (const country of [undefined, 'IN', 'JP', 'US'] as const) {
      for (const digits of asked) expect([digits, country, index.find(full(digits), country)]).toEqual([digits, country, findNumber(directory, full(digits), country)]);
    }
  });

  it('finds a member by the national form the directory keeps, and names nobody for two', () => {
    const index = new NumberIndex([spell('09811100003'), spell('090-1234-5678'), spell('901 234 5678')]);
    expect(index.find(full('919811100003'))).toBe(0);
    expect(index.find(full('819012345678'))).toBeUndefined();
    expect(index.find(full('19012345678'))).toBe(2);
  });
});
