// POST /team-member/assign (assign-team-member-to-chat) and POST /team-member/unassign
// (unassign-team-member-from-chat). After the shared gate: the body rules, then the chat, then (for
// assign) the agent's membership; only then does the chat's assignee change. Assign over another
// agent needs `reassign: true`; assigning the agent who already holds the chat, or unassigning a
// chat nobody holds, is accepted and changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ASSIGN_FIELDS, parseAssignPayload, parseUnassignPayload, UNASSIGN_FIELDS, type ChatTarget } from './assign-payload.js';
import { answer, answerError, type ApiContext } from './context.js';
import { admit, readJsonObject } from './gate.js';
import { INVALID_KEY, MESSAGES, NOT_A_MEMBER } from './responses.js';

export async function handleAssign(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const call = await receive(ctx, req, res, 'POST /team-member/assign', ASSIGN_FIELDS, parseAssignPayload);
  if (call === undefined) return;
  const { payload, chat } = call;
  const member = ctx.org.member(payload.agent);
  if (member === undefined) return answer(ctx, res, 422, NOT_A_MEMBER);
  if (ctx.store.assign(chat.waba, chat.customer, payload.agent, payload.reassign) === 'taken') return answerError(ctx, res, 400, MESSAGES.alreadyAssigned);
  // The reference's guide shows the assigned member; its OpenAPI gives no body.
  answer(ctx, res, 201, { name: member.name, email: member.email, phone: member.phone });
}

export async function handleUnassign(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const call = await receive(ctx, req, res, 'POST /team-member/unassign', UNASSIGN_FIELDS, parseUnassignPayload);
  if (call === undefined) return;
  ctx.store.unassign(call.chat.waba, call.chat.customer);
  answer(ctx, res, 201, { success: true });
}

type Parsed<P> = ({ ok: true } & P) | { ok: false; message: string[] };

/** The gate, the body rules and the chat, in that order; undefined once answered (or dropped). */
async function receive<P extends { target: ChatTarget }>(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: string,
  fields: string,
  parse: (body: Record<string, unknown>) => Parsed<P>,
): Promise<{ payload: P; chat: { waba: string; customer: string } } | undefined> {
  if (!(await admit(ctx, req, res, endpoint, INVALID_KEY))) return undefined;
  const body = await readJsonObject(ctx, req, res, fields);
  if (body === undefined) return undefined;
  const parsed = parse(body);
  if (!parsed.ok) return void answerError(ctx, res, 400, parsed.message);
  const chat = openChat(ctx, res, parsed.target);
  return chat === undefined ? undefined : { payload: parsed, chat };
}

/** The customer chat a call names, or undefined once answered: the sandbox has no group chats, and a chat must be open to us. */
function openChat(ctx: ApiContext, res: ServerResponse, target: ChatTarget): { waba: string; customer: string } | undefined {
  if (target.kind === 'group') return void answerError(ctx, res, 400, MESSAGES.groupNotResolved);
  const access = ctx.org.chatAccess(target.waba, target.customer);
  if (access === 'unknown') return void answerError(ctx, res, 400, MESSAGES.assignChatNotResolved);
  if (access === 'forbidden') return void answerError(ctx, res, 403, MESSAGES.forbidden);
  return target;
}
