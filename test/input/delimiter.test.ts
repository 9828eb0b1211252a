import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { detectDelimiter, parseDelimiterOption } from '../../src/input/delimiter.js';

describe('detectDelimiter', () => {
  it('picks a comma for an ordinary CSV header', () => {
    expect(detectDelimiter('customer_phone,agent_phone,waba_number')).toBe(',');
  });

  it('picks a semicolon for a header saved by a European spreadsheet', () => {
    expect(detectDelimiter('customer_phone;agent_phone;waba_number')).toBe(';');
  });

  it('picks a tab for a tab-separated header', () => {
    expect(detectDelimiter('customer_phone\tagent_phone\twaba_number')).toBe('\t');
  });

  it('picks a pipe for a pipe-separated header', () => {
    expect(detectDelimiter('customer_phone|agent_phone|waba_number')).toBe('|');
  });

  it('picks the candidate that splits the header into the most fields', () => {
    expect(detectDelimiter('phone;agent;waba,number')).toBe(';');
  });

  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('"phone, mobile, or landline";agent;waba')).toBe(';');
  });

  it('handles doubled quotes inside a quoted field', () => {
    expect(detectDelimiter('"the ""a,b,c"" column";agent;waba')).toBe(';');
  });

  it('prefers a comma on a tie', () => {
    expect(detectDelimiter('phone,agent;waba')).toBe(',');
  });

  it('falls back to a comma when no candidate occurs', () => {
    expect(detectDelimiter('phone')).toBe(',');
  });
});

describe('parseDelimiterOption', () => {
  it.each([
    [',', ','],
    [';', ';'],
    ['|', '|'],
    ['tab', '\t'],
    ['\\t', '\t'],
    ['\t', '\t'],
    ['comma', ','],
    ['semicolon', ';'],
    ['pipe', '|'],
    ['TAB', '\t'],
  ])('accepts %j as %j', (value, delimiter) => {
    expect(parseDelimiterOption(value)).toBe(delimiter);
  });

  it('rejects anything else with a UsageError naming the flag and the value', () => {
    expect(() => parseDelimiterOption(':')).toThrow(UsageError);
    expect(() => parseDelimiterOption(':')).toThrow(/^--delimiter must be one of .*; got ":"$/);
  });
});
