// Input stage: after the header row is read, decides which column holds each role (customer phone,
// agent, WABA number) so that every later stage works with indexes, not header names. CRM exports
// carry several phone columns, so columns are ranked like a careful person would: a WhatsApp column
// first, then mobile/cell, a generic "Phone" only when nothing better is there, and a work, office,
// home or fax number never by itself. Two equally good columns stop the run with the flag to pass.
// The words only rank: a customer or WABA column must also hold phone numbers in most of its first
// cells (column-content.ts), so "WhatsApp Opted In" (Yes/No) is passed over for "Mobile".
import { InputError } from '../errors.js';
import { columnContents, describeContent, holdsPhones, type ColumnContent } from './column-content.js';
import { judgeHeader, looseKey, type HeaderVerdict } from './header-words.js';

export type ColumnRole = 'customer' | 'waba' | 'agent';
export interface ColumnOverrides { customer?: string; waba?: string; agent?: string }
export interface ColumnMap { customer: number; agent: number; waba: number | undefined } // indexes into the header

/** The map, plus the other columns that could have held a role (shown in the mapping line). */
export interface ColumnChoice extends ColumnMap {
  /** Other phone-like columns that were not chosen for the customer, in header order. */
  alsoCustomer: number[];
  /** Other owner/agent columns that were not chosen for the agent, in header order. */
  alsoAgent: number[];
  /** Roles whose column the cells decided: the better-named columns passed over for holding no phone numbers. */
  byContent?: ContentDecision[];
}

export interface ContentDecision {
  role: ColumnRole;
  passedOver: { index: number; content: ColumnContent }[];
}

/** Roles whose cells must be phone numbers (an agent cell may be a name or an e-mail). */
const PHONE_ROLES: ReadonlySet<ColumnRole> = new Set(['customer', 'waba']);

export const ROLE_FLAGS: Readonly<Record<ColumnRole, string>> = { customer: '--customer-column', agent: '--agent-column', waba: '--waba-column' };
const LABELS: Readonly<Record<ColumnRole, string>> = { customer: 'customer phone', agent: 'agent phone', waba: 'WABA number' };
const EXAMPLES: Readonly<Record<ColumnRole, string>> = {
  customer: 'a WhatsApp, mobile or phone column such as customer_phone, WhatsApp Phone Number, Mobile, Phone',
  agent: 'an owner, agent, assignee or collaborator column such as agent_phone, Owner Mobile, Contact owner, Assigned To',
  waba: 'one of waba_number, wabaNumber, waba, from',
};
const ROLE_ORDER: readonly ColumnRole[] = ['customer', 'agent', 'waba'];

/** How good a column is for a role: higher wins, 0 means "phone-like but never chosen by itself", undefined means "not a candidate". */
export function roleScore(role: ColumnRole, verdict: HeaderVerdict): number | undefined {
  const score = wordScore(role, verdict);
  // A documented name (customer_phone, agent_phone, waba_number…) outranks every generic one.
  return score !== undefined && score > 0 && verdict.documented === role ? score + DOCUMENTED_BONUS : score;
}

const DOCUMENTED_BONUS = 10;

function wordScore(role: ColumnRole, verdict: HeaderVerdict): number | undefined {
  if (verdict.unusable) return undefined;
  if (role === 'waba') return verdict.waba && !verdict.agentish ? 1 : undefined;
  if (verdict.waba) return undefined;
  if (role === 'customer') {
    if (verdict.agentish || verdict.phone === undefined) return undefined;
    if (verdict.phone === 'landline') return 0;
    return { whatsapp: 3, mobile: 2, phone: 1 }[verdict.phone] + (verdict.customerNamed ? 0.5 : 0) - (verdict.alternate ? 0.25 : 0);
  }
  if (!verdict.agentish) return undefined;
  if (verdict.phone === 'landline') return 0;
  const kind = verdict.phone === undefined ? (verdict.email ? 2 : 1) : { whatsapp: 5, mobile: 4, phone: 3 }[verdict.phone];
  // The chat is with the person, so the person's owner beats the company's or the deal's.
  return kind - (verdict.secondary ? 0.5 : 0) - (verdict.alternate ? 0.25 : 0);
}

/**
 * Finds the role columns; throws InputError (one sentence naming the columns and the flag) when a
 * role is missing or ambiguous. `sample` is the fields of the first data records (up to
 * SAMPLE_SIZE): a customer or WABA column named by words must hold phone numbers there.
 */
export function findColumns(
  header: readonly string[],
  overrides: ColumnOverrides,
  hasFixedWaba: boolean,
  sample: readonly (readonly string[])[] = [],
): ColumnChoice {
  const verdicts = header.map(judgeHeader);
  const contents = columnContents(sample, header.length);
  const noPhones = (role: ColumnRole, i: number): boolean => PHONE_ROLES.has(role) && !holdsPhones(contents[i]);
  const found = new Map<ColumnRole, number>();
  for (const role of ROLE_ORDER) {
    const override = overrides[role];
    if (override !== undefined) claim(found, role, findOverride(header, role, override), header);
  }
  const taken = new Set(found.values());
  const missing: ColumnRole[] = [];
  const byContent: ContentDecision[] = [];
  for (const role of ROLE_ORDER) {
    if (found.has(role)) continue;
    const index = bestColumn(role, header, verdicts, taken, (i) => noPhones(role, i));
    const decision = contentDecision(role, index, verdicts, taken, (i) => noPhones(role, i), contents);
    if (decision) byContent.push(decision);
    if (index !== undefined) found.set(role, index);
    else if (role !== 'waba' || !hasFixedWaba) missing.push(role);
  }
  if (missing.length > 0) throw new InputError(missingMessage(missing, header, verdicts, byContent));
  const customer = settled(found, 'customer');
  const agent = settled(found, 'agent');
  const waba = found.get('waba');
  const others = (role: ColumnRole, chosen: number): number[] =>
    verdicts.flatMap((verdict, i) =>
      i !== chosen && i !== waba && !taken.has(i) && !noPhones(role, i) && roleScore(role, verdict) !== undefined ? [i] : [],
    );
  return {
    customer,
    agent,
    waba,
    alsoCustomer: others('customer', customer).filter((i) => i !== agent),
    alsoAgent: others('agent', agent),
    byContent,
  };
}

/**
 * When the cells changed the choice: the columns whose words rank at least as high as the one
 * chosen (or, with none chosen, any that qualified by words) but that hold no phone numbers.
 */
function contentDecision(
  role: ColumnRole,
  chosen: number | undefined,
  verdicts: readonly HeaderVerdict[],
  taken: ReadonlySet<number>,
  rejected: (i: number) => boolean,
  contents: readonly ColumnContent[],
): ContentDecision | undefined {
  const floor = chosen === undefined ? 0 : (roleScore(role, verdicts[chosen]!) ?? 0);
  const passedOver = verdicts.flatMap((verdict, index) => {
    const score = taken.has(index) ? undefined : roleScore(role, verdict);
    if (score === undefined || score <= 0 || score < floor || !rejected(index)) return [];
    return [{ index, content: contents[index]! }];
  });
  return passedOver.length === 0 ? undefined : { role, passedOver };
}

function settled(found: ReadonlyMap<ColumnRole, number>, role: ColumnRole): number {
  const index = found.get(role);
  if (index === undefined) throw new Error(`bug: the ${role} column passed the missing check unresolved`);
  return index;
}

/** The one best column for a role, undefined when none qualifies; two equally good ones stop the run. */
function bestColumn(
  role: ColumnRole,
  header: readonly string[],
  verdicts: readonly HeaderVerdict[],
  taken: ReadonlySet<number>,
  rejected: (i: number) => boolean,
): number | undefined {
  let best = 0;
  let tied: number[] = [];
  verdicts.forEach((verdict, i) => {
    const score = taken.has(i) || rejected(i) ? undefined : roleScore(role, verdict);
    if (score === undefined || score <= 0 || score < best) return;
    if (score > best) tied = [];
    best = score;
    tied.push(i);
  });
  if (tied.length > 1) throw new InputError(tieMessage(role, tied, header));
  return tied[0];
}

function tieMessage(role: ColumnRole, tied: readonly number[], header: readonly string[]): string {
  const names = tied.map((i) => header[i] ?? '');
  const list = tied.map((i) => `${showName(header[i] ?? '')} (column ${i + 1})`);
  const listed = `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  const both = tied.length === 2 ? 'both' : 'all';
  if (names.every((name) => name === names[0])) {
    return `columns ${listed} ${both} look like the ${LABELS[role]} column and share one name; rename all but one of them`;
  }
  const picks = names.map((name) => `${ROLE_FLAGS[role]} ${JSON.stringify(name)}`).join(' or ');
  return `columns ${listed} ${both} look like the ${LABELS[role]} column; pick one with ${picks}`;
}

function findOverride(header: readonly string[], role: ColumnRole, override: string): number {
  const exact = header.map((name, i) => (name === override ? i : -1)).filter((i) => i !== -1);
  const wanted = looseKey(override);
  const loose = wanted === '' ? [] : header.map((name, i) => (looseKey(name) === wanted ? i : -1)).filter((i) => i !== -1);
  const matches = exact.length > 0 ? exact : loose;
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length > 1) {
    const identical = matches.every((i) => header[i] === header[matches[0] ?? 0]);
    const list = matches.map((i) => `${showName(header[i] ?? '')} (column ${i + 1})`).join(' and ');
    const fix = identical ? 'rename all but one of them' : `name one exactly with ${ROLE_FLAGS[role]}`;
    throw new InputError(`${ROLE_FLAGS[role]} ${JSON.stringify(override)} matches columns ${list}; ${fix}`);
  }
  throw new InputError(`${ROLE_FLAGS[role]} ${JSON.stringify(override)} matches no column; the header has: ${describeHeader(header, [...header.keys()])}`);
}

function claim(found: Map<ColumnRole, number>, role: ColumnRole, index: number, header: readonly string[]): void {
  for (const [other, otherIndex] of found) {
    if (otherIndex === index) {
      throw new InputError(
        `${ROLE_FLAGS[other]} and ${ROLE_FLAGS[role]} both name the column ${showName(header[index] ?? '')}; each role needs its own column`,
      );
    }
  }
  found.set(role, index);
}

function missingMessage(missing: readonly ColumnRole[], header: readonly string[], verdicts: readonly HeaderVerdict[], byContent: readonly ContentDecision[]): string {
  const what = missing.map((role) => `no ${LABELS[role]} column`).join(' and ');
  const expected = missing
    .map((role) => {
      const decision = byContent.find((entry) => entry.role === role);
      return decision ? passedOverMessage(role, decision, header) : expectation(role, header, verdicts);
    })
    .join('; ');
  return `${what} found: ${expected}; the header has${missing.length === 1 ? ' (closest first)' : ''}: ${describeHeader(header, closestFirst(missing[0] ?? 'customer', verdicts))}`;
}

function expectation(role: ColumnRole, header: readonly string[], verdicts: readonly HeaderVerdict[]): string {
  const flag = ROLE_FLAGS[role];
  const ways = role === 'waba' ? `pass ${flag}, or --waba for one number on every row` : `pass ${flag}`;
  const landlines = verdicts.flatMap((verdict, i) => (roleScore(role, verdict) === 0 ? [header[i] ?? ''] : []));
  if (landlines.length === 0) return `expected ${EXAMPLES[role]} (or ${ways})`;
  const named = landlines.map(showName).join(', ');
  return (
    `only ${named} ${landlines.length === 1 ? 'looks' : 'look'} like one, and a work, office, landline, fax or home number is not chosen by itself ` +
    `(if it really holds the WhatsApp numbers, pass ${flag} ${JSON.stringify(landlines[0])})`
  );
}

function passedOverMessage(role: ColumnRole, decision: ContentDecision, header: readonly string[]): string {
  const said = decision.passedOver.map(({ index, content }) => `${showName(header[index] ?? '')} ${describeContent(content)}`).join(', ');
  const first = header[decision.passedOver[0]!.index] ?? '';
  return `${said} in its first rows (if it really holds the numbers, pass ${ROLE_FLAGS[role]} ${JSON.stringify(first)})`;
}

/** Every column, the likeliest for the role first, so the one the user needs is never hidden. */
function closestFirst(role: ColumnRole, verdicts: readonly HeaderVerdict[]): number[] {
  const closeness = (verdict: HeaderVerdict): number => {
    const score = roleScore(role, verdict);
    if (score !== undefined) return 10 + score;
    if (role === 'agent') return verdict.email ? 2 : verdict.phone !== undefined ? 1 : 0;
    return verdict.phone !== undefined ? 2 : verdict.customerNamed ? 1 : 0;
  };
  return [...verdicts.keys()].sort((a, b) => closeness(verdicts[b] as HeaderVerdict) - closeness(verdicts[a] as HeaderVerdict) || a - b);
}

function describeHeader(header: readonly string[], order: readonly number[]): string {
  if (header.length === 0) return '(no columns)';
  return order.map((i) => showName(header[i] ?? '')).join(', ');
}

/** Plain names print bare; empty, padded or punctuated ones are quoted so the user sees exactly what is there. Never cut: the one cut could be the one needed. */
export function showName(name: string): string {
  return /^[\p{L}\p{N}_-]+(?: [\p{L}\p{N}_-]+)*$/u.test(name) ? name : JSON.stringify(name);
}
