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

describe('resolveAgent never names a member of another country for shared trailing digits', () => {
  // Each pair: a member and a number of another country whose digits end with 8 to 11 of the member's.
  const abroad: Member[] = [
    { name: 'Vikram Shah', phone: '+91 98111 00001', email: 'vikram@example.com' },
    { name: 'Kenji Sato', phone: '+81 90 1234 5678', email: 'kenji@example.jp' },
    { name: 'Jonas Weber', phone: '+49 151 12345678', email: 'jonas@example.de' },
    { name: 'Marie Dubois', phone: '+33 6 12 34 56 78', email: 'marie@example.fr' },
    { name: 'Wei Ling Tan', phone: '+65 9123 4567', email: 'weiling@example.sg' },
  ];
  const withAbroad = new TeamIndex(abroad);
  it.each([
    ['+1 (901) 234-5678', 11, 'Kenji Sato'],
    ['+1 511 234 5678', 11, 'Jonas Weber'],
    ['+44 98111 00001', 10, 'Vikram Shah'],
    ['+34 612 345 678', 9, 'Marie Dubois'],
    ['+852 9123 4567', 8, 'Wei Ling Tan'],
  ])('calls %s (its last %i digits are %s’s) agent_not_found', (cell, shared, name) => {
    const member = abroad.find((m) => m.name === name)!;
    expect(member.phone.replace(/\D/g, '').slice(-shared)).toBe(cell.replace(/\D/g, '').slice(-shared));
    expect(resolveAgent(cell, 'agent_phone', withAbroad)).toEqual({ kind: 'not_found', message: 'not a team member of the organisation' });
  });

  it('still finds each member by its own number in any format', () => {
    expect(resolveAgent('0081 90-1234-5678', 'agent_phone', withAbroad)).toEqual({ kind: 'send', digits: '819012345678', name: 'Kenji Sato' });
    expect(resolveAgent('+6591234567', 'agent_phone', withAbroad)).toEqual({ kind: 'send', digits: '6591234567', name: 'Wei Ling Tan' });
  });
});

describe('resolveAgent with a directory that keeps national numbers', () => {
  const withTrunk = new TeamIndex([
    { name: 'Kenji Sato', phone: '090-1234-5678', email: 'kenji@example.jp' },
    { name: 'Neha Iyer', phone: '09811100003', email: 'neha@example.com' },
  ]);
  const find = (team: TeamIndex, cell: string, country?: 'JP' | 'US' | 'IN') => resolveAgent(cell, 'agent_phone', team, country);

  it('matches an entry with a trunk 0 in the full number’s country, and nowhere else', () => {
    expect(find(withTrunk, '+81 90 1234 5678')).toEqual({ kind: 'send', digits: '09012345678', name: 'Kenji Sato' });
    expect(find(withTrunk, '+91 98111 00003')).toEqual({ kind: 'send', digits: '09811100003', name: 'Neha Iyer' });
    expect(find(withTrunk, '+1 901 234 5678').kind).toBe('not_found');
  });

  it('reads the entries in --default-country when it is given', () => {
    expect(find(withTrunk, '090 1234 5678', 'JP')).toMatchObject({ kind: 'send', name: 'Kenji Sato' });
    expect(find(withTrunk, '+81 90 1234 5678', 'IN').kind).toBe('not_found');
    expect(find(withTrunk, '+91 98111 00003', 'IN')).toMatchObject({ kind: 'send', name: 'Neha Iyer' });
  });

  it('matches an entry without a trunk 0 in the full number’s country, or only in --default-country', () => {
    const bare = new TeamIndex([{ name: 'Ann Lee', phone: '(901) 234-5678', email: 'ann@example.com' }]);
    expect(find(bare, '+1 901 234 5678')).toEqual({ kind: 'send', digits: '9012345678', name: 'Ann Lee' });
    expect(find(bare, '+1 901 234 5678', 'US')).toMatchObject({ kind: 'send', name: 'Ann Lee' });
    expect(find(bare, '+81 90 1234 5678', 'US').kind).toBe('not_found');
  });

  it('names nobody when a number is the national form of two members', () => {
    const two = new TeamIndex([
      { name: 'Kenji Sato', phone: '090-1234-5678', email: 'kenji@example.jp' },
      { name: 'Ann Lee', phone: '901 234 5678', email: 'ann@example.com' },
    ]);
    expect(find(two, '+81 90 1234 5678').kind).toBe('not_found');
    expect(find(two, '+1 901 234 5678')).toMatchObject({ kind: 'send', name: 'Ann Lee' });
  });
});

describe('resolveAgent without a directory', () => {
  it('sends a phone number as written, normalised', () => {
    expect(resolve('+91 98111 09999', null)).toEqual({ kind: 'send', digits: '919811109999' });
  });

  it.each(['asha.rao@example.com', 'Asha Rao', "Mary-Jane O'Neil", 'Agent 7', 'Agent #7', 'Asha Rao (Sales)'])('cannot resolve %s', (cell) => {
    expect(resolve(cell, null).kind).toBe('unresolved');
  });

  it('says a name with a digit is a name waiting for the directory, not a bad phone', () => {
    expect(resolve('Agent 7', null)).toEqual({
      kind: 'unresolved',
      message: 'agent_phone "Agent 7" is a name, and without the team directory (GET /team) it has no phone number to send',
    });
  });

  it.each(['N/A', '#ERROR!', '+91 98x65 4321'])('keeps %s invalid_phone as before', (cell) => {
    expect(resolve(cell, null).kind).toBe('invalid');
  });
});
