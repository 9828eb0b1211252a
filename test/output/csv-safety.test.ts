import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excelSafe } from '../../src/output/csv-safety.js';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const PLAIN_PHONE = /^\+[\d ().;|,+\r\n-]*\d[\d ().;|,+\r\n-]*$/;

// Strings that often start with a trigger, so the property runs exercise the interesting branch.
const cells = fc.oneof(fc.string(), fc.tuple(fc.constantFrom(...TRIGGERS), fc.string()).map(([head, tail]) => head + tail));

describe('excelSafe', () => {
  it.each(['=1+2', '=HYPERLINK("http://x","click")', '-5', '@SUM(A1)', '+1+cmd|" /C calc"!A0', '\t=1', '\r=1'])(
    'prefixes the formula-like cell %j with an apostrophe',
    (cell) => {
      expect(excelSafe(cell)).toBe(`'${cell}`);
    },
  );

  it.each(['+919811100001', '+1 (415) 555-0132', '+91 98765-43210', '+44.20.7946.0018'])('leaves the plain phone number %j alone', (cell) => {
    expect(excelSafe(cell)).toBe(cell);
  });

  it.each(['+91-98111-00003;919811100004', '+919811100001|+919811100002', '+919811100001\n+919811100002'])('leaves the agent list %j of plain numbers alone', (cell) => {
    expect(excelSafe(cell)).toBe(cell);
  });

  it.each(['919811100001', 'Meera Pillai', 'invalid_phone', '', "'=already safe"])('leaves the ordinary cell %j alone', (cell) => {
    expect(excelSafe(cell)).toBe(cell);
  });

  it('prefixes a lone plus sign, which is not a phone number', () => {
    expect(excelSafe('+')).toBe("'+");
  });

  it('returns either the cell or the cell behind an apostrophe, for any string', () => {
    fc.assert(
      fc.property(cells, (cell) => {
        const safe = excelSafe(cell);
        expect([cell, `'${cell}`]).toContain(safe);
      }),
    );
  });

  it('never returns a cell starting with a formula trigger unless it is a plain phone number, for any string', () => {
    fc.assert(
      fc.property(cells, (cell) => {
        const safe = excelSafe(cell);
        expect(TRIGGERS.includes(safe.charAt(0)) && !PLAIN_PHONE.test(safe)).toBe(false);
      }),
    );
  });

  it('changes nothing when applied twice, for any string', () => {
    fc.assert(fc.property(cells, (cell) => excelSafe(excelSafe(cell)) === excelSafe(cell)));
  });
});
