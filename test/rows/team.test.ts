import { describe, expect, it } from 'vitest';
import { resolveAgent, TeamIndex, type Member } from '../../src/rows/team.js';

const members: Member[] = [
  { name: 'Asha Rao', phone: '+91 98111 00001', email: 'Asha.Rao@example.com' },
  { name: 'Vikram Shah', phone: '919811100002', email: 'vikram@example.com' },
  { name: 'Rahul Mehta', phone: '919811100004', email: 'rahul.m@example.com' },
  { name: 'rahul  mehta', phone: '919811100009', email: 'rahul.mehta2@example.com' },
  { name: 'Neha Iyer', phone: '9811100003', email: 'neha@example.com' },
];
const team = new TeamIndex(members);
const resolve = (raw: string, withTeam: TeamIndex | null = team) => resolveAgent(raw, 'agent_phone', withTeam ?? undefined);

describe('resolveAgent with the team directory', () => {
  it('finds a member by phone in any format and sends its phone, with its name', () => {
    expect(resolve('+91-98111-00001')).toEqual({ kind: 'send', digits: '919811100001', name: 'Asha Rao' });
  });

  it('finds a member whose directory phone is in national form', () => {
    expect(resolve('+919811100003')).toEqual({ kind: 'send', digits: '9811100003', name: 'Neha Iyer' });
  });

  it('finds a member by e-mail, ignoring case', () => {
    expect(resolve(' asha.rao@EXAMPLE.com ')).toEqual({ kind: 'send', digits: '919811100001', name: 'Asha Rao' });
  });

  it('finds a member by exact full name, ignoring case and spacing', () => {
    expect(resolve('vikram   SHAH')).toEqual({ kind: 'send', digits: '919811100002', name: 'Vikram Shah' });
  });

  it('calls a name shared by two members ambiguous, naming both e-mails', () => {
    expect(resolve('Rahul Mehta')).toEqual({
      kind: 'ambiguous',
      message: 'agent_phone "Rahul Mehta" names 2 team members (rahul.m@example.com, rahul.mehta2@example.com): write the e-mail or phone of the one meant',
    });
  });

  it('calls a phone or an e-mail of no member not_found', () => {
    expect(resolve('+919811109999').kind).toBe('not_found');
    expect(resolve('nobody@example.com')).toEqual({ kind: 'not_found', message: 'no team member has this e-mail' });
  });

  it('does not take a first name alone for a full name', () => {
    expect(resolve('Asha').kind).toBe('invalid');
  });

  it.each(['N/A', '#ERROR!', 'abc', '+91 98x65 4321'])('keeps %s invalid, adding that no member has that name', (cell) => {
    const lookup = resolve(cell);
    expect(lookup.kind).toBe('invalid');
    if (lookup.kind === 'invalid') expect(lookup.message).toMatch(/, and no team member has that name$/);
  });
});

describe('resolveAgent without a directory', () => {
  it('sends a phone number as written, normalised', () => {
    expect(resolve('+91 98111 09999', null)).toEqual({ kind: 'send', digits: '919811109999' });
  });

  it.each(['asha.rao@example.com', 'Asha Rao', "Mary-Jane O'Neil"])('cannot resolve %s', (cell) => {
    expect(resolve(cell, null).kind).toBe('unresolved');
  });

  it.each(['N/A', '#ERROR!', '+91 98x65 4321'])('keeps %s invalid_phone as before', (cell) => {
    expect(resolve(cell, null).kind).toBe('invalid');
  });
});
