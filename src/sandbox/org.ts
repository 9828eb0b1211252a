// The simulated organisation: which WABA numbers, team members and chats exist, and who a chat
// starts with (its assignee, its collaborators). Loaded once, validated with a one-line error, then
// compiled to digit-keyed sets so each request is a few lookups.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';

export interface OrgChat {
  waba: string;
  customer: string;
  /** The team member (phone) the chat is assigned to at start; ignored in forbiddenChats. */
  assignee?: string;
  /** Team members (phones) who are collaborators of the chat at start; ignored in forbiddenChats. */
  collaborators?: string[];
}

/** A listed chat and who it starts with, digits only. */
export interface ChatSeed {
  waba: string;
  customer: string;
  assignee: string | undefined;
  collaborators: string[];
}

/** A team member as GET /team lists it; only name and phone are required in the file. */
export interface OrgMember {
  name: string;
  phone: string;
  email?: string;
  id?: string;
  orgRoleName?: string;
}

export interface Org {
  description?: string;
  wabaNumbers: string[];
  teamMembers: OrgMember[];
  chats: OrgChat[];
  forbiddenChats: OrgChat[];
  /** Any customer of 8-15 digits has an open chat with every listed WABA (benchmarks with a million rows). */
  acceptAnyCustomer?: boolean;
}

export type ChatAccess = 'open' | 'forbidden' | 'unknown';

/** A member with every field GET /team answers, filled in where the file left them out. */
export interface TeamMember {
  id: string;
  name: string;
  phone: string;
  email: string;
  joinDate: string;
  reportingManager: unknown[];
  orgRoleName: string;
  orgRoleId: string;
  isOrganizationOwner: boolean;
}

export interface CompiledOrg {
  /** The member whose phone has these digits, if any. */
  member(agentDigits: string): TeamMember | undefined;
  readonly team: readonly TeamMember[];
  readonly wabaNumbers: readonly string[];
  /** The listed chats in file order (a chat listed twice: its last entry), with their starting state. */
  readonly chats: readonly ChatSeed[];
  chatAccess(wabaDigits: string, customerDigits: string): ChatAccess;
}

/** Two levels below the package root both as src/sandbox/*.ts and as dist/sandbox/*.js. */
export const DEFAULT_ORG_PATH = fileURLToPath(new URL('../../fixtures/org.json', import.meta.url));

export function digitsOnly(value: string): string {
  return value.replace(/\D+/g, '');
}

export async function loadOrg(source: Org | string | undefined): Promise<CompiledOrg> {
  if (source !== undefined && typeof source !== 'string') return compileOrg(source, 'The organisation object');
  const path = source ?? DEFAULT_ORG_PATH;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read organisation file ${path}: ${(error as Error).message}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`Organisation file ${path} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  return compileOrg(parsed, `Organisation file ${path}`);
}

/** Validates an organisation of unknown shape; `origin` starts the error sentence. */
export function compileOrg(org: unknown, origin: string): CompiledOrg {
  const fail = (problem: string): never => {
    throw new InputError(`${origin} is not valid: ${problem}`);
  };
  if (!isRecord(org)) return fail(`expected a JSON object, received ${describe(org)}`);

  const wabas = new Set(listOf(org, 'wabaNumbers', fail).map((item, i) => phone(item, `wabaNumbers[${i}]`, fail)));
  const team = listOf(org, 'teamMembers', fail).map((item, i) => teamMember(item, i, fail));
  const byPhone = new Map(team.map((member) => [digitsOnly(member.phone), member]));
  const seeds = new Map<string, ChatSeed>();
  listOf(org, 'chats', fail).forEach((item, i) => {
    const seed = chatSeed(item, `chats[${i}]`, (agent) => byPhone.has(agent), fail);
    if (!wabas.has(seed.waba)) fail(`chats lists WABA ${seed.waba}, which is not in wabaNumbers`);
    const key = `${seed.waba}|${seed.customer}`;
    seeds.delete(key);
    seeds.set(key, seed);
  });
  const chats = new Set(seeds.keys());
  const forbidden = new Set(listOf(org, 'forbiddenChats', fail).map((item, i) => chatKey(item, `forbiddenChats[${i}]`, fail)));
  const acceptAny = org['acceptAnyCustomer'] ?? false;
  if (typeof acceptAny !== 'boolean') fail(`acceptAnyCustomer must be true or false, received ${describe(acceptAny)}`);

  return {
    member: (agent) => byPhone.get(agent),
    team,
    wabaNumbers: [...wabas],
    chats: [...seeds.values()],
    chatAccess(waba, customer) {
      const key = `${waba}|${customer}`;
      // Listed both open and forbidden (as fixtures/org.json does) means the chat exists but is not ours.
      if (forbidden.has(key)) return 'forbidden';
      if (chats.has(key)) return 'open';
      if (acceptAny && wabas.has(waba) && customer.length >= 8 && customer.length <= 15) return 'open';
      return 'unknown';
    },
  };
}

type Fail = (problem: string) => never;

// A fixed join date keeps GET /team's answer the same from run to run.
const JOIN_DATE = '2024-01-15T09:30:00.000Z';

function teamMember(item: unknown, i: number, fail: Fail): TeamMember {
  if (!isRecord(item) || typeof item['name'] !== 'string') {
    return fail(`teamMembers[${i}] must be an object with a string name and phone, received ${describe(item)}`);
  }
  phone(item['phone'], `teamMembers[${i}].phone`, fail);
  const email = item['email'] ?? '';
  if (typeof email !== 'string') return fail(`teamMembers[${i}].email must be a string, received ${describe(email)}`);
  const text = (field: string, fallback: string): string => (typeof item[field] === 'string' ? (item[field] as string) : fallback);
  return {
    id: text('id', `member-${i + 1}`),
    name: item['name'],
    phone: item['phone'] as string,
    email,
    joinDate: JOIN_DATE,
    reportingManager: [],
    orgRoleName: text('orgRoleName', 'Agent'),
    orgRoleId: text('orgRoleId', 'role-agent'),
    isOrganizationOwner: item['isOrganizationOwner'] === true,
  };
}

function listOf(org: Record<string, unknown>, field: string, fail: Fail): unknown[] {
  const value = org[field];
  if (!Array.isArray(value)) return fail(`${field} must be an array, received ${describe(value)}`);
  return value;
}

function chatKey(item: unknown, where: string, fail: Fail): string {
  if (!isRecord(item)) return fail(`${where} must be an object with waba and customer, received ${describe(item)}`);
  return `${phone(item['waba'], `${where}.waba`, fail)}|${phone(item['customer'], `${where}.customer`, fail)}`;
}

/** A listed chat; its assignee and collaborators must be team members, as only members can hold a chat. */
function chatSeed(item: unknown, where: string, isMember: (agent: string) => boolean, fail: Fail): ChatSeed {
  const [waba = '', customer = ''] = chatKey(item, where, fail).split('|');
  const record = item as Record<string, unknown>;
  const member = (value: unknown, at: string): string => {
    const agent = phone(value, at, fail);
    return isMember(agent) ? agent : fail(`${at} ${describe(value)} is not the phone of a team member`);
  };
  const assignee = record['assignee'] === undefined ? undefined : member(record['assignee'], `${where}.assignee`);
  const listed = record['collaborators'] ?? [];
  if (!Array.isArray(listed)) return fail(`${where}.collaborators must be an array of phones, received ${describe(listed)}`);
  const collaborators = [...new Set(listed.map((value, i) => member(value, `${where}.collaborators[${i}]`)))];
  return { waba, customer, assignee, collaborators };
}

function phone(value: unknown, where: string, fail: Fail): string {
  const digits = typeof value === 'string' ? digitsOnly(value) : '';
  if (digits === '') return fail(`${where} must be a phone number string with digits, received ${describe(value)}`);
  return digits;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
