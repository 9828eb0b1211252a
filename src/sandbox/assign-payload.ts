// Checks the body of POST /team-member/assign (AssignTeamMemberChatDto) and /team-member/unassign
// as the real API's DTO validation would: every broken rule named, as class-validator words it,
// and answered together as one 400 `message` array. Pure.

/** The chat a call names: a customer's chat on a WABA number (digits only), or a WA group. */
export type ChatTarget = { kind: 'customer'; waba: string; customer: string } | { kind: 'group'; groupId: string };

export type AssignPayload = { ok: true; target: ChatTarget; agent: string; reassign: boolean } | { ok: false; message: string[] };
export type UnassignPayload = { ok: true; target: ChatTarget } | { ok: false; message: string[] };

export const ASSIGN_FIELDS = 'customerPhoneNumber or groupId, wabaNumber, assignedUserPhoneNumber and reassign';
export const UNASSIGN_FIELDS = 'customerPhoneNumber or groupId, and wabaNumber';

export function parseAssignPayload(body: Record<string, unknown>): AssignPayload {
  const problems: string[] = [];
  const agent = phoneField(body, 'assignedUserPhoneNumber', problems);
  const target = chatTarget(body, problems);
  const reassign = body['reassign'] ?? false;
  if (typeof reassign !== 'boolean') problems.push('reassign must be a boolean value');
  if (problems.length > 0 || target === undefined || agent === undefined) return { ok: false, message: problems };
  return { ok: true, target, agent, reassign: reassign as boolean };
}

export function parseUnassignPayload(body: Record<string, unknown>): UnassignPayload {
  const problems: string[] = [];
  const target = chatTarget(body, problems);
  if (problems.length > 0 || target === undefined) return { ok: false, message: problems };
  return { ok: true, target };
}

/** Exactly one of customerPhoneNumber (with its wabaNumber) and groupId. */
function chatTarget(body: Record<string, unknown>, problems: string[]): ChatTarget | undefined {
  const hasCustomer = body['customerPhoneNumber'] !== undefined;
  const hasGroup = body['groupId'] !== undefined;
  if (!hasCustomer && !hasGroup) {
    problems.push('Either customerPhoneNumber or groupId must be provided');
    return undefined;
  }
  if (hasCustomer && hasGroup) {
    problems.push('Only one of customerPhoneNumber and groupId may be provided');
    return undefined;
  }
  if (hasGroup) {
    const groupId = body['groupId'];
    if (typeof groupId === 'string' && groupId.trim() !== '') return { kind: 'group', groupId };
    problems.push('groupId must be a non-empty string');
    return undefined;
  }
  const customer = phoneField(body, 'customerPhoneNumber', problems);
  // The OpenAPI leaves wabaNumber optional; DoubleTick's guide requires it for a customer chat, and
  // without it the sandbox cannot tell which WABA's chat is meant.
  const waba = phoneField(body, 'wabaNumber', problems);
  return customer === undefined || waba === undefined ? undefined : { kind: 'customer', waba, customer };
}

/** A string of 7-15 characters that is a phone number (an optional "+", digits, spaces, hyphens); its digits. */
function phoneField(body: Record<string, unknown>, field: string, problems: string[]): string | undefined {
  const value = body[field];
  if (typeof value !== 'string') {
    problems.push(`${field} must be a string`);
    return undefined;
  }
  const before = problems.length;
  if (value.length < 7) problems.push(`${field} must be longer than or equal to 7 characters`);
  if (value.length > 15) problems.push(`${field} must be shorter than or equal to 15 characters`);
  if (!/^\+?\d[\d -]*$/.test(value)) problems.push(`${field} must be a valid phone number`);
  return problems.length === before ? value.replace(/\D+/g, '') : undefined;
}
