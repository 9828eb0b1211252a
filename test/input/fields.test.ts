import { describe, expect, it } from 'vitest';
import { describeProblem, parseFields, type FieldProblem } from '../../src/input/fields.js';

function problem(text: string): FieldProblem {
  const result = parseFields(text, ',', '\n');
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
}

describe('parseFields', () => {
  it('splits text without quotes on the delimiter, keeping spaces', () => {
    expect(parseFields(' a, b ,c', ',', '\n')).toEqual({ ok: true, fields: [' a', ' b ', 'c'] });
  });

  it('unquotes quoted cells and undoubles their quotes', () => {
    expect(parseFields('"a,b","say ""hi""\nthere",c', ',', '\n')).toEqual({ ok: true, fields: ['a,b', 'say "hi"\nthere', 'c'] });
  });

  it('reports the code, line and field of an unclosed quote', () => {
    expect(problem('a,"b')).toMatchObject({ code: 'CSV_QUOTE_NOT_CLOSED', line: 1, field: 1 });
  });

  it('reads a quote inside an unquoted value as a character, as csv-spectrum, PapaParse and Python do', () => {
    expect(parseFields(`2095257564,37°36'37.8"N 121°2'17.9"W,Modesto`, ',', '\n')).toEqual({
      ok: true,
      fields: ['2095257564', `37°36'37.8"N 121°2'17.9"W`, 'Modesto'],
    });
  });

  it('reads a space before an opening quote as part of an unquoted value, as Python does', () => {
    expect(parseFields('1, "Test line 1",x', ',', '\n')).toEqual({ ok: true, fields: ['1', ' "Test line 1"', 'x'] });
  });
});

describe('describeProblem', () => {
  const header = ['customer_phone', 'name'];

  it('names the line in the file and the field by its header', () => {
    expect(describeProblem(problem('a,"b'), 7, header)).toBe('line 7: the quote (") that opens field 2 (name) is never closed');
  });

  it('counts lines inside a multi-line record from its first line', () => {
    const unclosed: FieldProblem = { code: 'CSV_QUOTE_NOT_CLOSED', line: 2, field: 1, before: undefined, message: '' };
    expect(describeProblem(unclosed, 10, header)).toBe('line 11: the quote (") that opens field 2 (name) is never closed');
  });

  it('falls back to csv-parse\'s words for anything else', () => {
    const other: FieldProblem = { code: 'CSV_SOMETHING', line: 1, field: undefined, before: undefined, message: 'Something odd' };
    expect(describeProblem(other, 3, header)).toBe('line 3 cannot be read as CSV: Something odd');
  });
});
