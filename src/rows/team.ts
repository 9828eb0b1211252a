// Row stage: what one agent cell names, read against the team directory. A cell is an e-mail when it
// holds "@", a phone when it is a possible phone number, and otherwise a name (exact full name, case
// and spacing ignored). Each resolves to the member's phone, or says why it cannot. A phone is a
// member's only when it is the member's number (digits-match.ts), never by a shared tail of digits.
// Pure: the directory is fetched elsewhere (src/api/team-directory.ts) and handed in as plain members.
import type { CountryCode } from 'libphonenumber-js';
import { full, NumberIndex, spell } from './digits-match.js';
import { normalisePhone } from './phone.js';

export interface Member {
  name: string;
  /** As the directory writes it; only its digits are used. */
  phone: string;
  email: string;
}

export type AgentLookup =
  /** Send these digits; `name` when a directory member matched. */
  | { kind: 'send'; digits: string; name?: string }
  /** A phone or e-mail of no member: not sent, `agent_not_found`. */
  | { kind: 'not_found'; message: string }
  /** A display name shared by several members: the row is `invalid`/`ambiguous_agent`. */
  | { kind: 'ambiguous'; message: string }
  /** An e-mail or a name, with no directory to read it against: `invalid`/`agent_unresolved`. */
  | { kind: 'unresolved'; message: string }
  /** None of phone, e-mail or name: `invalid`/`invalid_phone` as ever. */
  | { kind: 'invalid'; message: string };

export class TeamIndex {
  private readonly phones: NumberIndex;
  private readonly members: Member[];
  private readonly byEmail = new Map<string, Member>();
  private readonly byName = new Map<string, Member[]>();

  constructor(members: readonly Member[]) {
    this.members = members.filter((member) => digitsOf(member.phone) !== '' || member.email !== '' || member.name !== '');
    this.phones = new NumberIndex(this.members.map((member) => spell(member.phone)));
    for (const member of this.members) {
      if (member.email) this.byEmail.set(member.email.trim().toLowerCase(), member);
      const key = nameKey(member.name);
      if (key) this.byName.set(key, [...(this.byName.get(key) ?? []), member]);
    }
  }

  get size(): number {
    return this.members.length;
  }

  /** The member whose directory phone is the number `digits` (E.164) by digits-match's rule. */
  phone(digits: string, defaultCountry?: CountryCode): Member | undefined {
    const index = this.phones.find(full(digits), defaultCountry);
    return index === undefined ? undefined : this.members[index];
  }

  email(address: string): Member | undefined {
    return this.byEmail.get(address.trim().toLowerCase());
  }

  named(name: string): Member[] {
    return this.byName.get(nameKey(name)) ?? [];
  }
}

/**
 * Reads one agent value (`raw`, already split out of its cell) as the column `column`. Without a
 * directory (`team` undefined) phones are sent as written and e-mails and names cannot be read.
 */
export function resolveAgent(raw: string, column: string, team: TeamIndex | undefined, defaultCountry?: CountryCode): AgentLookup {
  const quoted = `${column} "${raw}"`;
  if (raw.includes('@')) {
    if (!team) return { kind: 'unresolved', message: `${quoted} is an e-mail, and without the team directory (GET /team) it has no phone number to send` };
    const member = team.email(raw);
    return member ? sendMember(member) : { kind: 'not_found', message: 'no team member has this e-mail' };
  }
  const phone = normalisePhone(raw, defaultCountry);
  if (phone.ok) {
    if (!team) return { kind: 'send', digits: phone.digits };
    const member = team.phone(phone.digits, defaultCountry);
    return member ? sendMember(member, phone.digits) : { kind: 'not_found', message: 'not a team member of the organisation' };
  }
  if (!team) {
    return looksLikeName(raw)
      ? { kind: 'unresolved', message: `${quoted} is a name, and without the team directory (GET /team) it has no phone number to send` }
      : { kind: 'invalid', message: `${quoted} ${phone.reason}` };
  }
  const named = team.named(raw);
  if (named.length === 1) return sendMember(named[0]!);
  if (named.length > 1) {
    const emails = named.map((member) => member.email || member.phone).join(', ');
    return { kind: 'ambiguous', message: `${quoted} names ${named.length} team members (${emails}): write the e-mail or phone of the one meant` };
  }
  return { kind: 'invalid', message: `${quoted} ${phone.reason}, and no team member has that name` };
}

function sendMember(member: Member, fallbackDigits = ''): AgentLookup {
  const digits = digitsOf(member.phone) || fallbackDigits;
  // A member with no phone in the directory cannot be sent: the API resolves agents by phone only.
  if (!digits) return { kind: 'not_found', message: `team member ${member.name || member.email} has no phone number in the directory` };
  return member.name ? { kind: 'send', digits, name: member.name } : { kind: 'send', digits };
}

function digitsOf(value: string): string {
  return value.replace(/\D+/g, '');
}

/** Case, accents' composition and runs of spaces do not tell two names apart. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A letter first, then letters, digits, spaces and the punctuation of names ("Agent 7", "Asha Rao
 * (Sales)", "Agent #7"): read once the directory answers. A phone with a typo ("+91 98x65"), a
 * spreadsheet error ("#ERROR!") and a placeholder ("N/A") are not names.
 */
function looksLikeName(value: string): boolean {
  return /^[\p{L}\p{M}][\p{L}\p{M}\p{N} .'’_&#()-]*$/u.test(value.trim());
}
