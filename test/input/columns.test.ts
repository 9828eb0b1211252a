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

const pick = (header: string[], overrides = {}, fixedWaba = false) => {
  const { customer, agent, waba } = findColumns(header, overrides, fixedWaba);
  return { customer, agent, waba };
};

describe('findColumns', () => {
  it('finds the three roles by their usual names', () => {
    expect(pick(['customer_phone', 'agent_phone', 'waba_number', 'customer_name'])).toEqual({ customer: 0, agent: 1, waba: 2 });
  });

  it.each(['Customer Phone', 'customer_phone', 'CUSTOMER-PHONE', 'customerPhone', 'customer.phone'])(
    'matches %s ignoring case, spaces, underscores, dashes and dots',
    (name) => {
      expect(pick(['agent', name, 'waba']).customer).toBe(1);
    },
  );

  it('ignores a byte-order mark left on the first header', () => {
    expect(pick(['\uFEFFcustomer_phone', 'agent', 'waba']).customer).toBe(0);
  });

  it('prefers a column named for the customer over a bare phone column', () => {
    expect(pick(['phone', 'agent', 'waba', 'customer']).customer).toBe(3);
  });

  it('refuses two equally good columns and names the flag to pick one', () => {
    expect(thrown(() => pick(['agent', 'Phone', 'phone', 'waba'])).message).toBe(
      'columns Phone (column 2) and phone (column 3) both look like the customer phone column; pick one with --customer-column "Phone" or --customer-column "phone"',
    );
  });

  it('says only renaming helps when the repeated names are identical', () => {
    expect(thrown(() => pick(['phone', 'agent', 'waba', 'phone'])).message).toBe(
      'columns phone (column 1) and phone (column 4) both look like the customer phone column and share one name; rename all but one of them',
    );
  });

  it('refuses an override that names a header written twice', () => {
    expect(thrown(() => pick(['Mobile', 'agent', 'waba', 'Mobile'], { customer: 'Mobile' })).message).toBe(
      '--customer-column "Mobile" matches columns Mobile (column 1) and Mobile (column 4); rename all but one of them',
    );
  });

  it('accepts an override that names exactly one of two columns differing only in case', () => {
    expect(pick(['agent', 'Phone', 'phone', 'waba'], { customer: 'phone' }).customer).toBe(2);
  });

  it('ignores repeated names among the columns it does not use', () => {
    expect(pick(['phone', 'notes', 'agent', 'notes', 'waba'])).toEqual({ customer: 0, agent: 2, waba: 4 });
  });

  it('finds agent and waba columns by their aliases', () => {
    expect(pick(['to', 'collaborators', 'from'])).toEqual({ customer: 0, agent: 1, waba: 2 });
  });

  it('leaves the waba column undefined when --waba is given and no column exists', () => {
    expect(pick(['phone', 'agent'], {}, true)).toEqual({ customer: 0, agent: 1, waba: undefined });
  });

  it('still returns the waba column when --waba is also given', () => {
    expect(pick(['phone', 'agent', 'waba'], {}, true).waba).toBe(2);
  });

  it('uses an override that names a header exactly', () => {
    expect(pick(['Mobile No', 'agent', 'waba'], { customer: 'Mobile No' }).customer).toBe(0);
  });

  it('uses an override that matches a header loosely', () => {
    expect(pick(['Mobile No', 'agent', 'waba'], { customer: 'mobile_no' }).customer).toBe(0);
  });

  it('lets an override beat a column that ranks higher', () => {
    expect(pick(['customer', 'alt', 'agent', 'waba'], { customer: 'alt' }).customer).toBe(1);
  });

  it('keeps auto-detection off a column an override took for another role', () => {
    expect(pick(['mobile', 'phone', 'waba'], { agent: 'phone' })).toEqual({ customer: 0, agent: 1, waba: 2 });
  });

  it('names the flag and the header when an override matches no column', () => {
    expect(thrown(() => pick(['a', 'b', 'c'], { customer: 'X' })).message).toBe('--customer-column "X" matches no column; the header has: a, b, c');
  });

  it('rejects two overrides that name the same column', () => {
    expect(thrown(() => pick(['phone', 'waba'], { customer: 'phone', agent: 'PHONE' })).message).toBe(
      '--customer-column and --agent-column both name the column phone; each role needs its own column',
    );
  });

  it('names the missing customer column, what it looks for, and every header closest first', () => {
    expect(thrown(() => pick(['name', 'city', 'Customer ID', 'agent', 'waba'])).message).toBe(
      'no customer phone column found: expected a WhatsApp, mobile or phone column such as customer_phone, WhatsApp Phone Number, Mobile, Phone ' +
        '(or pass --customer-column); the header has (closest first): Customer ID, name, city, agent, waba',
    );
  });

  it('mentions --waba when the waba column is missing', () => {
    expect(thrown(() => pick(['phone', 'agent'])).message).toMatch(/no WABA number column found.*--waba for one number/);
  });

  it('names every missing column in one sentence', () => {
    expect(thrown(() => pick(['name'])).message).toMatch(
      /^no customer phone column and no agent phone column and no WABA number column found: expected .*; the header has: name$/,
    );
  });

  it('lists every header name, however many there are', () => {
    const header = Array.from({ length: 30 }, (_, i) => `col${i}`);
    expect(thrown(() => pick(header)).message).toMatch(/the header has: col0, .*, col28, col29$/);
  });

  it('quotes empty and oddly punctuated header names', () => {
    expect(thrown(() => pick(['', 'a,b', ' pad'])).message).toMatch(/the header has: "", "a,b", " pad"$/);
  });

  it('says so when the header has no columns', () => {
    expect(thrown(() => pick([])).message).toMatch(/the header has: \(no columns\)$/);
  });
});

describe('findColumns on CRM exports', () => {
  it('prefers the WhatsApp column, then mobile, over a generic or office phone (HubSpot)', () => {
    const header = ['Record ID', 'First Name', 'Phone Number', 'Mobile Phone Number', 'WhatsApp Phone Number', 'Contact owner', 'Fax Number'];
    const found = findColumns(header, {}, true);
    expect(found).toMatchObject({ customer: 4, agent: 5, alsoCustomer: [2, 3, 6] });
  });

  it('takes Mobile over Phone and the contact owner over the account owner (Salesforce, Zoho)', () => {
    const header = ['Contact Owner', 'Account Name', 'Account Owner', 'Phone', 'Mobile', 'Home Phone', 'Other Phone', 'Asst. Phone', 'Fax', 'Email'];
    expect(findColumns(header, {}, true)).toMatchObject({ customer: 4, agent: 0, alsoAgent: [2] });
  });

  it("reads Pipedrive's Person - Phone - Mobile and Person - Owner", () => {
    const header = ['Person - Name', 'Person - Phone - Work', 'Person - Phone - Mobile', 'Person - Phone - Home', 'Person - Email - Work', 'Person - Owner', 'Organization - Owner'];
    expect(pick(header, {}, true)).toMatchObject({ customer: 2, agent: 5 });
  });

  it('ranks an owner phone column above an owner name or e-mail', () => {
    expect(pick(['Mobile', 'Contact owner', 'Owner Email', 'Owner Mobile'], {}, true).agent).toBe(3);
    expect(pick(['Mobile', 'Contact owner', 'Owner Email'], {}, true).agent).toBe(2);
    expect(pick(['Mobile', 'Assigned To'], {}, true).agent).toBe(1);
    expect(pick(['Mobile', 'Sales owner', 'Work'], {}, true).agent).toBe(1);
  });

  it('uses a generic Phone when it is the only candidate, never a work or home phone', () => {
    expect(pick(['Phone', 'Work Phone', 'Home Phone', 'Owner'], {}, true).customer).toBe(0);
  });

  it('stops rather than use a work phone by itself, naming it and the flag', () => {
    expect(thrown(() => pick(['Name', 'Work Phone', 'Owner'], {}, true)).message).toBe(
      'no customer phone column found: only Work Phone looks like one, and a work, office, landline, fax or home number is not chosen by itself ' +
        '(if it really holds the WhatsApp numbers, pass --customer-column "Work Phone"); the header has (closest first): Work Phone, Name, Owner',
    );
  });

  it('never takes a column about a number for the number (opt-in, country code, id)', () => {
    expect(pick(['WhatsApp Opt-in', 'Phone Country Code', 'Owner ID', 'Mobile', 'Owner'], {}, true)).toMatchObject({ customer: 3, agent: 4 });
  });

  it('stops on two mobile columns and lists both with the flag', () => {
    expect(thrown(() => pick(['Mobile', 'Cell', 'Owner'], {}, true)).message).toBe(
      'columns Mobile (column 1) and Cell (column 2) both look like the customer phone column; pick one with --customer-column "Mobile" or --customer-column "Cell"',
    );
  });
});

describe('findColumns on second-choice and business columns', () => {
  it('prefers the plain phone over an alternate or secondary one, and uses the alternate when alone', () => {
    expect(pick(['Alternate Phone', 'Phone', 'Owner'], {}, true).customer).toBe(1);
    expect(pick(['Mobile', 'Secondary Mobile', 'Owner'], {}, true).customer).toBe(0);
    expect(pick(['Alternate Mobile', 'Owner'], {}, true).customer).toBe(0);
    expect(pick(['Phone2', 'Phone1', 'Owner'], {}, true).customer).toBe(1);
  });

  it('takes a WhatsApp Business number for the WABA, never for the customer', () => {
    expect(pick(['Mobile', 'WhatsApp Business Number', 'Owner Mobile'])).toEqual({ customer: 0, agent: 2, waba: 1 });
  });

  it('never takes an owner alias, which no directory resolves', () => {
    expect(pick(['Mobile', 'Contact Owner Alias', 'Contact Owner'], {}, true).agent).toBe(2);
  });
});
