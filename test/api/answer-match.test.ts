import { describe, expect, it } from 'vitest';
import { findSent, matchAnswer, parseAnswer } from '../../src/api/answer-match.js';
import { full } from '../../src/rows/digits-match.js';

const A = '919811100001';
const B = '919811100002';

const verdicts = (sent: string[], body: unknown) => matchAnswer(sent, parseAnswer(body));

describe('parseAnswer', () => {
  it('reads the documented lists of {number, name} and {number}', () => {
    expect(parseAnswer({ success: [{ number: '+919811100001', name: 'Asha Rao' }], failed: [{ number: '9811100002' }] })).toEqual({
      success: [{ digits: A, full: true, name: 'Asha Rao' }],
      failed: [{ digits: '9811100002' }],
    });
  });

  it('accepts bare strings and JSON numbers', () => {
    expect(parseAnswer({ success: ['+91 98111-00001', 919811100002] }).success).toEqual([{ digits: A, full: true }, { digits: B }]);
  });

  it('takes failure as an alias of failed', () => {
    expect(parseAnswer({ failure: [B] }).failed).toEqual([{ digits: B }]);
  });

  it('ignores extra fields and reads a null name as no name', () => {
    expect(parseAnswer({ success: [{ number: A, name: null, id: 'u1', email: 'a@x.io' }], requestId: 'r1' }).success).toEqual([{ digits: A }]);
  });

  it('reads the lists out of a data envelope', () => {
    expect(parseAnswer({ data: { success: [{ number: A }] } }).success).toEqual([{ digits: A }]);
  });

  it('drops entries with no digits and survives a body that is not an object', () => {
    expect(parseAnswer({ success: ['', null, {}, 'n/a', { number: '' }] })).toEqual({ success: [], failed: [] });
    expect(parseAnswer('<html></html>')).toEqual({ success: [], failed: [] });
  });
});

describe('matchAnswer', () => {
  it('matches an echo with "+" to the number sent without it', () => {
    expect(verdicts([A], { success: [{ number: `+${A}`, name: 'Asha Rao' }], failed: [] })).toEqual([{ kind: 'success', name: 'Asha Rao' }]);
  });

  it('matches an echo without "+" to the number sent', () => {
    expect(verdicts([A], { success: [{ number: A }] })).toEqual([{ kind: 'success' }]);
  });

  it('matches a national-form echo (no country code) by its national number in the sent number’s country', () => {
    expect(verdicts([A, B], { success: [{ number: '9811100001' }], failed: [{ number: '9811100002' }] })).toEqual([
      { kind: 'success' },
      { kind: 'failed' },
    ]);
  });

  it('does not guess when a national echo fits two sent numbers', () => {
    expect(findSent([full('919811100001'), full('449811100001')], { digits: '9811100001' })).toBeUndefined();
    expect(verdicts(['919811100001', '449811100001'], { failed: ['9811100001'] })).toEqual([{ kind: 'missing' }, { kind: 'missing' }]);
  });

  it('does not trust a short fragment as a trailing match', () => {
    expect(verdicts([A], { failed: ['00001'] })).toEqual([{ kind: 'missing' }]);
  });

  it('never takes an echo of another country for the number sent, whatever digits they share', () => {
    const US = '19012345678'; // +1 901 234 5678
    const JP = '819012345678'; // +81 90 1234 5678: shares the last 11 digits
    expect(verdicts([JP], { success: [{ number: `+${US}`, name: 'Someone Else' }] })).toEqual([{ kind: 'missing' }]);
    expect(verdicts([US], { success: [{ number: `+${JP}` }], failed: [JP] })).toEqual([{ kind: 'missing' }]);
    expect(verdicts([JP], { failed: ['1234 5678'] })).toEqual([{ kind: 'missing' }]);
  });

  it('reads a national echo with or without its trunk 0, and in --default-country when one is given', () => {
    const JP = '819012345678';
    const US = '19012345678';
    expect(verdicts([JP], { success: ['090-1234-5678'] })).toEqual([{ kind: 'success' }]);
    expect(verdicts([US, JP], { success: ['090-1234-5678'] })).toEqual([{ kind: 'missing' }, { kind: 'success' }]);
    expect(verdicts([US, JP], { success: ['9012345678'] })).toEqual([{ kind: 'missing' }, { kind: 'missing' }]);
    expect(matchAnswer([US, JP], parseAnswer({ success: ['9012345678'] }), 'JP')).toEqual([{ kind: 'missing' }, { kind: 'success' }]);
  });

  it('matches a full echo to a number sent in national form (a directory that keeps national numbers)', () => {
    expect(verdicts(['9811100003'], { success: [{ number: '+919811100003', name: 'Neha Iyer' }] })).toEqual([{ kind: 'success', name: 'Neha Iyer' }]);
  });

  it('reads an agent listed twice once, keeping the name', () => {
    expect(verdicts([A], { success: [{ number: A, name: 'Asha Rao' }, { number: `+${A}` }] })).toEqual([{ kind: 'success', name: 'Asha Rao' }]);
  });

  it('lets success win over failed for an agent in both lists', () => {
    expect(verdicts([A], { success: [A], failed: [A] })).toEqual([{ kind: 'success' }]);
  });

  it('calls an agent the answer does not mention missing', () => {
    expect(verdicts([A, B], { success: [{ number: A }], failed: [] })).toEqual([{ kind: 'success' }, { kind: 'missing' }]);
  });

  it('ignores echoes of numbers that were not sent', () => {
    expect(verdicts([A], { success: ['919899999999'] })).toEqual([{ kind: 'missing' }]);
  });
});
