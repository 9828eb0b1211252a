import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { findColumns } from '../../src/input/columns.js';

function thrown(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('findColumns', () => {
  it('finds the three roles by their usual names', () => {
    expect(findColumns(['customer_phone', 'agent_phone', 'waba_number', 'customer_name'], {}, false)).toEqual({
      customer: 0,
      agent: 1,
      waba: 2,
    });
  });

  it.each(['Customer Phone', 'customer_phone', 'CUSTOMER-PHONE', 'customerPhone', 'customer.phone'])(
    'matches %s ignoring case, spaces, underscores, dashes and dots',
    (name) => {
      expect(findColumns(['agent', name, 'waba'], {}, false).customer).toBe(1);
    },
  );

  it('ignores a byte-order mark left on the first header', () => {
    expect(findColumns(['\uFEFFcustomer_phone', 'agent', 'waba'], {}, false).customer).toBe(0);
  });

  it('prefers an earlier alias over a later one wherever the columns sit', () => {
    expect(findColumns(['phone', 'agent', 'waba', 'customer'], {}, false).customer).toBe(3);
  });

  it('refuses two columns that look like the same role rather than guess which one holds it', () => {
    expect(thrown(() => findColumns(['agent', 'Phone', 'phone', 'waba'], {}, false)).message).toBe(
      'columns 2 (Phone) and 3 (phone) both look like the customer phone column; rename all but one of them, or name one exactly with --customer-column',
    );
  });

  it('says only renaming helps when the repeated names are identical', () => {
    expect(thrown(() => findColumns(['phone', 'agent', 'waba', 'phone'], {}, false)).message).toBe(
      'columns 1 (phone) and 4 (phone) both look like the customer phone column; rename all but one of them',
    );
  });

  it('refuses an override that names a header written twice', () => {
    expect(thrown(() => findColumns(['Mobile', 'agent', 'waba', 'Mobile'], { customer: 'Mobile' }, false)).message).toMatch(
      /^columns 1 \(Mobile\) and 4 \(Mobile\) both look like the customer phone column/,
    );
  });

  it('accepts an override that names exactly one of two columns differing only in case', () => {
    expect(findColumns(['agent', 'Phone', 'phone', 'waba'], { customer: 'phone' }, false).customer).toBe(2);
  });

  it('ignores repeated names among the columns it does not use', () => {
    expect(findColumns(['phone', 'notes', 'agent', 'notes', 'waba'], {}, false)).toEqual({ customer: 0, agent: 2, waba: 4 });
  });

  it('finds agent and waba columns by their aliases', () => {
    expect(findColumns(['to', 'collaborators', 'from'], {}, false)).toEqual({ customer: 0, agent: 1, waba: 2 });
  });

  it('leaves the waba column undefined when --waba is given and no column exists', () => {
    expect(findColumns(['phone', 'agent'], {}, true)).toEqual({ customer: 0, agent: 1, waba: undefined });
  });

  it('still returns the waba column when --waba is also given', () => {
    expect(findColumns(['phone', 'agent', 'waba'], {}, true).waba).toBe(2);
  });

  it('uses an override that names a header exactly', () => {
    expect(findColumns(['Mobile No', 'agent', 'waba'], { customer: 'Mobile No' }, false).customer).toBe(0);
  });

  it('uses an override that matches a header loosely', () => {
    expect(findColumns(['Mobile No', 'agent', 'waba'], { customer: 'mobile_no' }, false).customer).toBe(0);
  });

  it('lets an override beat a column that matches an alias', () => {
    expect(findColumns(['customer', 'alt', 'agent', 'waba'], { customer: 'alt' }, false).customer).toBe(1);
  });

  it('keeps auto-detection off a column an override took for another role', () => {
    expect(findColumns(['mobile', 'phone', 'waba'], { agent: 'phone' }, false)).toEqual({ customer: 0, agent: 1, waba: 2 });
  });

  it('names the flag and the header when an override matches no column', () => {
    expect(thrown(() => findColumns(['a', 'b', 'c'], { customer: 'X' }, false)).message).toBe(
      '--customer-column "X" matches no column; the header has: a, b, c',
    );
  });

  it('rejects two overrides that name the same column', () => {
    expect(thrown(() => findColumns(['phone', 'waba'], { customer: 'phone', agent: 'PHONE' }, false)).message).toBe(
      '--customer-column and --agent-column both name the column phone; each role needs its own column',
    );
  });

  it('names the missing customer column, the expected names and the header found', () => {
    expect(thrown(() => findColumns(['name', 'mobile_no', 'agent', 'waba'], {}, false)).message).toBe(
      'no customer phone column found: expected one of customer_phone, customerPhoneNumber, customer, to, phone ' +
        '(or pass --customer-column); the header has: name, mobile_no, agent, waba',
    );
  });

  it('mentions --waba when the waba column is missing', () => {
    expect(thrown(() => findColumns(['phone', 'agent'], {}, false)).message).toMatch(/no WABA number column found.*--waba for one number/);
  });

  it('names every missing column in one sentence', () => {
    expect(thrown(() => findColumns(['name'], {}, false)).message).toMatch(
      /^no customer phone column and no agent phone column and no WABA number column found: expected one of .*; the header has: name$/,
    );
  });

  it('shows only the first ten header names', () => {
    const header = Array.from({ length: 14 }, (_, i) => `col${i}`);
    expect(thrown(() => findColumns(header, {}, false)).message).toMatch(/the header has: col0, .*, col9 and 4 more$/);
  });

  it('quotes empty and oddly punctuated header names', () => {
    expect(thrown(() => findColumns(['', 'a,b', ' pad'], {}, false)).message).toMatch(/the header has: "", "a,b", " pad"$/);
  });

  it('says so when the header has no columns', () => {
    expect(thrown(() => findColumns([], {}, false)).message).toMatch(/the header has: \(no columns\)$/);
  });
});
