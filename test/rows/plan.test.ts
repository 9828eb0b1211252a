import { describe, expect, it } from 'vitest';
import type { CsvRecord } from '../../src/input/reader.js';
import { planRow, type PlanContext } from '../../src/rows/plan.js';

const header = ['customer_phone', 'agent_phone', 'waba_number', 'name'];
const context: PlanContext = { header, columns: { customer: 0, agent: 1, waba: 2 } };

function record(fields: string[], extra: Partial<CsvRecord> = {}): CsvRecord {
  return { row: 7, line: 8, fields, raw: `${fields.join(',')}\n`, ...extra };
}

function problem(fields: string[], given: PlanContext = context, extra: Partial<CsvRecord> = {}): [string | undefined, string | undefined] {
  const plan = planRow(record(fields, extra), given);
  if (plan.kind === 'send') throw new Error('expected the row to be refused');
  return [plan.result.errorCode, plan.result.errorMessage];
}

describe('planRow', () => {
  it('plans a send with every number in E.164 digits', () => {
    expect(planRow(record(['+91 98765-43210', '+91 98111 00001', '0091 98000 00001', 'Meera']), context)).toEqual({
      kind: 'send',
      row: 7,
      waba: '919800000001',
      customer: '919876543210',
      agents: [{ raw: '+91 98111 00001', digits: '919811100001', at: 0 }],
    });
  });

  it('reads numbers without a country code with --default-country', () => {
    const plan = planRow(record(['(0)98765 43210', '98111 00001', '+91 98000 00001', '']), { ...context, defaultCountry: 'IN' });
    expect(plan.kind === 'send' && [plan.customer, plan.agents[0]?.digits]).toEqual(['919876543210', '919811100001']);
  });

  it('names the column and the value of a number that is not possible', () => {
    expect(problem(['12345', '+919811100001', '919800000001', ''])).toEqual(['invalid_phone', 'customer_phone "12345" too short (5 digits)']);
  });

  it('suggests --default-country for a national number read without one', () => {
    expect(problem(['98765 43210', '+919811100001', '919800000001', ''])).toEqual([
      'invalid_phone',
      'customer_phone "98765 43210" has no country code: pass --default-country with its country (e.g. --default-country IN), or write it as +<country code> <number>',
    ]);
  });

  it('names the agent column when one of several agents is not a number', () => {
    expect(problem(['+919876543210', '+919811100001; n/a', '919800000001', ''])).toEqual(['invalid_phone', 'agent_phone "n/a" has letters in it']);
  });

  it('names an empty required column', () => {
    expect(problem(['+919876543210', '  ', '919800000001', ''])).toEqual(['missing_value', 'agent_phone is empty']);
  });

  it('fills an empty WABA cell from --waba', () => {
    const plan = planRow(record(['+919876543210', '+919811100001', '', '']), { ...context, fixedWaba: '919800000002' });
    expect(plan.kind === 'send' && plan.waba).toBe('919800000002');
  });

  it('uses --waba when the file has no WABA column', () => {
    const plan = planRow(record(['+919876543210', '+919811100001']), { header: header.slice(0, 2), columns: { customer: 0, agent: 1, waba: undefined }, fixedWaba: '919800000002' });
    expect(plan.kind === 'send' && plan.waba).toBe('919800000002');
  });

  it('passes on the reader\'s reason for a malformed record as it is', () => {
    expect(problem(['+919876543210'], context, { malformed: 'line 8 has 1 field where the header has 4' })).toEqual([
      'malformed_row',
      'line 8 has 1 field where the header has 4',
    ]);
  });

  it('sends an agent written twice in one cell once', () => {
    const plan = planRow(record(['+919876543210', '+91 98111 00001;919811100001', '919800000001', '']), context);
    expect(plan.kind === 'send' && plan.agents.map((a) => a.digits)).toEqual(['919811100001']);
  });
});
