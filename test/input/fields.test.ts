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

  it('reports what came before a quote inside an unquoted value', () => {
    expect(problem('a,b"c')).toMatchObject({ code: 'INVALID_OPENING_QUOTE', field: 1, before: 'b' });
  });
});

describe('describeProblem', () => {
  const header = ['customer_phone', 'name'];

  it('names the line in the file and the field by its header', () => {
    expect(describeProblem(problem('a,"b'), 7, header)).toBe('line 7: the quote (") that opens field 2 (name) is never closed');
  });

  it('tells a space before an opening quote apart from a quote inside a value', () => {
    expect(describeProblem(problem('a, "b"'), 2, header)).toBe('line 2: field 2 (name) has a space before its opening quote (")');
    expect(describeProblem(problem('a,b"c'), 2, header)).toMatch(/^line 2: field 2 \(name\) has a quote \("\) inside an unquoted value/);
  });

  it('counts lines inside a multi-line record from its first line', () => {
    expect(describeProblem(problem('a,"b\nc"d'), 10, header)).toMatch(/^line 11: field 2 \(name\) has text after its closing quote/);
  });

  it('falls back to csv-parse\'s words for anything else', () => {
    const other: FieldProblem = { code: 'CSV_SOMETHING', line: 1, field: undefined, before: undefined, message: 'Something odd' };
    expect(describeProblem(other, 3, header)).toBe('line 3 cannot be read as CSV: Something odd');
  });
});
