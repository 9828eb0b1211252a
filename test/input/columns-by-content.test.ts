import { describe, expect, it } from 'vitest';
import { columnContents, holdsPhones, mayBePhone, SAMPLE_SIZE } from '../../src/input/column-content.js';
import { findColumns } from '../../src/input/columns.js';
import { describeColumns } from '../../src/input/mapping.js';

const rows = (count: number, make: (i: number) => string[]): string[][] => Array.from({ length: count }, (_, i) => make(i));

describe('mayBePhone', () => {
  it.each(['+91 98111 00001', '0091-98111-00001', '(415) 555-0132', '98765 43210', '919811100001.0', '9.19811E+11', '="+91 98111 00001"', "'919811100001", '+44 20 7946 0958 ext 12'])(
    'takes %s for a possible phone number',
    (cell) => expect(mayBePhone(cell)).toBe(true),
  );

  it.each(['Yes', 'No', 'TRUE', 'Asha Rao', 'asha@example.com', '2024-01-05', '05/01/2024 10:30', '12', '42.5', '+91 98x65 4321'])('does not take %s for one', (cell) => {
    expect(mayBePhone(cell)).toBe(false);
  });
});

describe('columnContents', () => {
  it('counts non-empty and phone-like cells per column, over the first SAMPLE_SIZE records only', () => {
    const sample = [...rows(SAMPLE_SIZE, (i) => [`+91 98111 ${String(i).padStart(5, '0')}`, i % 2 ? 'Yes' : '']), ...rows(50, () => ['Yes', 'Yes'])];
    const [phone, flag] = columnContents(sample, 2);
    expect(phone).toEqual({ cells: SAMPLE_SIZE, phones: SAMPLE_SIZE });
    expect(flag).toEqual({ cells: SAMPLE_SIZE / 2, phones: 0 });
    expect(holdsPhones(phone)).toBe(true);
    expect(holdsPhones(flag)).toBe(false);
    expect(holdsPhones({ cells: 0, phones: 0 })).toBe(true);
    expect(holdsPhones({ cells: 10, phones: 5 })).toBe(false);
  });
});

describe('findColumns with the first rows', () => {
  const hubspot = ['First Name', 'Mobile', 'WhatsApp Opted In', 'Contact owner', 'waba_number'];
  const sample = rows(5, (i) => ['Asha', `+91 98765 0000${i}`, i % 2 ? 'Yes' : 'No', 'asha@example.com', '919800000001']);

  it('passes over "WhatsApp Opted In" (Yes/No) for "Mobile", and says so', () => {
    const choice = findColumns(hubspot, {}, false, sample);
    expect(choice.customer).toBe(1);
    expect(choice.alsoCustomer).toEqual([]);
    expect(choice.byContent).toEqual([{ role: 'customer', passedOver: [{ index: 2, content: { cells: 5, phones: 0 } }] }]);
    const record = describeColumns(hubspot, choice, false);
    expect(record.line).toBe('customer ← "Mobile" (chosen by its content: "WhatsApp Opted In" holds no phone numbers), agent ← "Contact owner", WABA ← "waba_number"');
    expect(record.byContent).toEqual([{ role: 'customer', passedOver: [{ header: 'WhatsApp Opted In', column: 3, cells: 5, phones: 0 }] }]);
  });

  it.each(['Has WhatsApp', 'WhatsApp Name'])('passes over %s the same way', (name) => {
    const header = ['Phone', name, 'agent_phone', 'waba'];
    const cells = rows(4, (i) => [`+91 98765 0000${i}`, name === 'Has WhatsApp' ? 'TRUE' : 'Asha Rao', '+91 98111 00001', '919800000001']);
    expect(findColumns(header, {}, false, cells).customer).toBe(0);
  });

  it('says how few cells held numbers when some did', () => {
    const header = ['WhatsApp', 'Mobile', 'agent_phone', 'waba'];
    const cells = rows(10, (i) => [i < 3 ? '+919811100001' : 'n/a', `+91 98765 0000${i}`, '+919811100001', '919800000001']);
    const choice = findColumns(header, {}, false, cells);
    expect(describeColumns(header, choice, false).line).toMatch(/^customer ← "Mobile" \(chosen by its content: "WhatsApp" holds phone numbers in only 3 of 10 cells\),/);
  });

  it('keeps the choice by words, saying nothing of content, when the best-named column holds numbers', () => {
    const header = ['WhatsApp Phone Number', 'Mobile', 'agent_phone', 'waba'];
    const choice = findColumns(header, {}, false, rows(3, () => ['+919876500001', '+919876500002', '+919811100001', '919800000001']));
    expect(choice.customer).toBe(0);
    expect(choice.byContent).toEqual([]);
    expect(describeColumns(header, choice, false).line).toBe('customer ← "WhatsApp Phone Number" (also phone-like: "Mobile"), agent ← "agent_phone", WABA ← "waba"');
  });

  it('stops naming the column and the flag when no customer column holds numbers', () => {
    expect(() => findColumns(['WhatsApp Opted In', 'agent_phone', 'waba'], {}, false, rows(3, () => ['Yes', '+919811100001', '919800000001']))).toThrow(/^no customer phone column found: WhatsApp Opted In holds no phone numbers in its first rows \(if it really holds the numbers, pass --customer-column "WhatsApp Opted In"\); the header has/);
  });

  it('lets --customer-column pick a column whatever it holds', () => {
    expect(findColumns(hubspot, { customer: 'WhatsApp Opted In' }, false, sample).customer).toBe(2);
  });

  it('still chooses by words alone when the file has no rows to read', () => {
    expect(findColumns(hubspot, {}, false, []).customer).toBe(2);
  });
});

describe('documented names outrank generic ones', () => {
  it('takes customer_phone over "Contact Phone Number"', () => {
    expect(findColumns(['customer_phone', 'Contact Phone Number', 'agent_phone', 'waba_number'], {}, false).customer).toBe(0);
    expect(findColumns(['Contact Phone Number', 'Customer Phone', 'agent_phone', 'waba_number'], {}, false).customer).toBe(1);
  });

  it('takes agent_phone over "Owner Mobile" and waba_number over "WhatsApp Business Number"', () => {
    const choice = findColumns(['Owner Mobile', 'agentPhone', 'WhatsApp Business Number', 'WABA-Number', 'Mobile'], {}, false);
    expect([choice.agent, choice.waba, choice.customer]).toEqual([1, 3, 4]);
  });

  it('still stops on a real tie, naming both', () => {
    expect(() => findColumns(['customer_phone', 'Customer Phone', 'agent_phone', 'waba'], {}, false)).toThrow(
      'columns customer_phone (column 1) and Customer Phone (column 2) both look like the customer phone column; pick one with --customer-column "customer_phone" or --customer-column "Customer Phone"',
    );
    expect(() => findColumns(['Contact Phone Number', 'Client Phone', 'agent_phone', 'waba'], {}, false)).toThrow(
      /^columns Contact Phone Number \(column 1\) and Client Phone \(column 2\) both look like the customer phone column/,
    );
  });
});
