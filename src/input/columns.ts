// Input stage: after the header row is read, decides which column holds each role (customer phone,
// WABA number, agent phones) so that every later stage works with indexes, not header names.

import { InputError } from '../errors.js';

export type ColumnRole = 'customer' | 'waba' | 'agent';
export interface ColumnOverrides { customer?: string; waba?: string; agent?: string }
export interface ColumnMap { customer: number; agent: number; waba: number | undefined } // indexes into the header

interface RoleSpec {
  label: string;
  flag: string;
  /** Priority order: an earlier alias beats a later one wherever the columns sit. */
  aliases: readonly string[];
  /** The few names quoted in the error message; the full list would drown it. */
  suggested: readonly string[];
}

const ROLES: Readonly<Record<ColumnRole, RoleSpec>> = {
  customer: {
    label: 'customer phone',
    flag: '--customer-column',
    aliases: ['customer_phone', 'customer_phone_number', 'customerPhoneNumber', 'customer_number', 'customer_mobile', 'customer', 'to', 'phone', 'phone_number', 'mobile'],
    suggested: ['customer_phone', 'customerPhoneNumber', 'customer', 'to', 'phone'],
  },
  waba: {
    label: 'WABA number',
    flag: '--waba-column',
    aliases: ['waba_number', 'wabaNumber', 'waba', 'waba_phone', 'from', 'business_number'],
    suggested: ['waba_number', 'wabaNumber', 'waba', 'from'],
  },
  agent: {
    label: 'agent phone',
    flag: '--agent-column',
    aliases: ['agent_phone', 'agent_phone_number', 'agent_number', 'agentNumbers', 'agent_numbers', 'agent', 'agents', 'collaborator', 'collaborators', 'collaborator_phone'],
    suggested: ['agent_phone', 'agentNumbers', 'agent', 'collaborator'],
  },
};

// Overrides are settled first so that auto-detection can avoid the columns they took.
const ROLE_ORDER: readonly ColumnRole[] = ['customer', 'agent', 'waba'];
const HEADERS_SHOWN = 10;
const NAME_SHOWN = 40;

/** Finds the role columns by header name; throws InputError (one sentence naming what is missing and the headers found) when a required column is missing. */
export function findColumns(header: readonly string[], overrides: ColumnOverrides, hasFixedWaba: boolean): ColumnMap {
  const keys = header.map(looseKey);
  const found = new Map<ColumnRole, number>();
  for (const role of ROLE_ORDER) {
    const override = overrides[role];
    if (override !== undefined) claim(found, role, findOverride(header, keys, role, override), header);
  }
  const taken = new Set(found.values());
  for (const role of ROLE_ORDER) {
    if (found.has(role)) continue;
    const index = findByAlias(keys, ROLES[role].aliases, taken);
    if (index !== undefined) found.set(role, index);
  }
  const missing = ROLE_ORDER.filter((role) => !found.has(role) && (role !== 'waba' || !hasFixedWaba));
  if (missing.length > 0) throw new InputError(missingMessage(missing, header));
  for (const [role, index] of found) checkUnique(header, keys, role, index, overrides[role]);
  return { customer: settled(found, 'customer'), agent: settled(found, 'agent'), waba: found.get('waba') };
}

function settled(found: ReadonlyMap<ColumnRole, number>, role: ColumnRole): number {
  const index = found.get(role);
  if (index === undefined) throw new Error(`bug: the ${role} column passed the missing check unresolved`);
  return index;
}

/** Header names as people write them differ in case and separators only: "Customer Phone", "customer_phone", "customerPhone". */
function looseKey(name: string): string {
  return name.replace(/[\s_.-]/g, '').toLowerCase();
}

/**
 * Two columns under one name (a CRM export that repeats "Phone") leave it to chance which one holds
 * the customer: refuse rather than guess. Repeats among columns collab-bulk does not use are fine.
 */
function checkUnique(header: readonly string[], keys: readonly string[], role: ColumnRole, index: number, override: string | undefined): void {
  const name = header[index] ?? '';
  // An override that names one of them exactly (say "phone" beside "Phone") has already chosen.
  const same = override === name ? header.map((other) => other === name) : keys.map((key) => key === keys[index]);
  const columns = same.flatMap((match, i) => (match ? [i] : []));
  if (columns.length < 2) return;
  const shown = columns.map((i) => `${i + 1} (${showName(header[i] ?? '')})`);
  const list = `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  const identical = columns.every((i) => header[i] === name);
  const fix = identical ? 'rename all but one of them' : `rename all but one of them, or name one exactly with ${ROLES[role].flag}`;
  throw new InputError(`columns ${list} ${columns.length === 2 ? 'both' : 'all'} look like the ${ROLES[role].label} column; ${fix}`);
}

function findOverride(header: readonly string[], keys: readonly string[], role: ColumnRole, override: string): number {
  const exact = header.indexOf(override);
  if (exact !== -1) return exact;
  const loose = keys.indexOf(looseKey(override));
  if (loose !== -1 && looseKey(override) !== '') return loose;
  throw new InputError(`${ROLES[role].flag} ${JSON.stringify(override)} matches no column; the header has: ${describeHeader(header)}`);
}

function claim(found: Map<ColumnRole, number>, role: ColumnRole, index: number, header: readonly string[]): void {
  for (const [other, otherIndex] of found) {
    if (otherIndex === index) {
      throw new InputError(
        `${ROLES[other].flag} and ${ROLES[role].flag} both name the column ${showName(header[index] ?? '')}; each role needs its own column`,
      );
    }
  }
  found.set(role, index);
}

function findByAlias(keys: readonly string[], aliases: readonly string[], taken: ReadonlySet<number>): number | undefined {
  for (const alias of aliases) {
    const wanted = looseKey(alias);
    const index = keys.findIndex((key, i) => key === wanted && !taken.has(i));
    if (index !== -1) return index;
  }
  return undefined;
}

function missingMessage(missing: readonly ColumnRole[], header: readonly string[]): string {
  const what = missing.map((role) => `no ${ROLES[role].label} column`).join(' and ');
  const expected = missing.map(expectation).join(' and ');
  return `${what} found: expected ${expected}; the header has: ${describeHeader(header)}`;
}

function expectation(role: ColumnRole): string {
  const spec = ROLES[role];
  const ways = role === 'waba' ? `pass ${spec.flag}, or --waba for one number on every row` : `pass ${spec.flag}`;
  return `one of ${spec.suggested.join(', ')} (or ${ways})`;
}

function describeHeader(header: readonly string[]): string {
  if (header.length === 0) return '(no columns)';
  const shown = header.slice(0, HEADERS_SHOWN).map(showName).join(', ');
  const rest = header.length - HEADERS_SHOWN;
  return rest > 0 ? `${shown} and ${rest} more` : shown;
}

/** Plain names print bare; empty, padded, very long or punctuated ones are quoted so the user sees exactly what is there. */
function showName(name: string): string {
  const short = name.length > NAME_SHOWN ? `${name.slice(0, NAME_SHOWN)}…` : name;
  return /^[\p{L}\p{N}_-]+(?: [\p{L}\p{N}_-]+)*$/u.test(name) ? short : JSON.stringify(short);
}
