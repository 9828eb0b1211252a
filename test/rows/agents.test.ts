import { describe, expect, it } from 'vitest';
import { splitAgents } from '../../src/rows/agents.js';

describe('splitAgents', () => {
  it('returns a single number as a list of one', () => {
    expect(splitAgents('+919811100001')).toEqual(['+919811100001']);
  });

  it('splits on semicolons', () => {
    expect(splitAgents('+91-98111-00003;919811100004')).toEqual(['+91-98111-00003', '919811100004']);
  });

  it('splits on pipes', () => {
    expect(splitAgents('919811100001|919811100002')).toEqual(['919811100001', '919811100002']);
  });

  it('splits on commas', () => {
    expect(splitAgents('919811100001, 919811100002')).toEqual(['919811100001', '919811100002']);
  });

  it('splits on line breaks from cells edited in a spreadsheet', () => {
    expect(splitAgents('919811100001\r\n919811100002\n919811100003')).toEqual(['919811100001', '919811100002', '919811100003']);
  });

  it('keeps the spaces inside a formatted number', () => {
    expect(splitAgents(' +91 98111 00001 ; +91 98111 00002 ')).toEqual(['+91 98111 00001', '+91 98111 00002']);
  });

  it('drops empty pieces left by doubled or trailing separators', () => {
    expect(splitAgents(';919811100001;;919811100002;')).toEqual(['919811100001', '919811100002']);
  });

  it('returns an empty list for a blank cell', () => {
    expect(splitAgents('   ')).toEqual([]);
  });
});

describe('splitAgents on "/"', () => {
  it('splits two whole numbers written with a slash between them', () => {
    expect(splitAgents('+91 98111 00005 / +91 98111 00006')).toEqual(['+91 98111 00005', '+91 98111 00006']);
    expect(splitAgents('+919811100005/+919811100006')).toEqual(['+919811100005', '+919811100006']);
  });

  it('keeps a slash that only formats one number', () => {
    expect(splitAgents('+91 98111/00005')).toEqual(['+91 98111/00005']);
  });

  it('splits names and e-mails written with a slash', () => {
    expect(splitAgents('Priya Nair / ravi@example.test')).toEqual(['Priya Nair', 'ravi@example.test']);
  });
});
