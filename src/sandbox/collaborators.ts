// The add/remove endpoints (public-chat-collaborators-add and -remove). After the shared gate
// (faults, rate limit, auth, body), the payload, then the chat; only a request that passes them all
// touches the collaborator state.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answer, answerError, type ApiContext } from './context.js';
import { admit, readJsonObject } from './gate.js';
import { digitsOnly } from './org.js';
import { COLLABORATOR_FIELDS, parseCollaboratorPayload } from './payload.js';
import { MESSAGES, UNAUTHORIZED } from './responses.js';
import type { Action } from './state.js';

export async function handleCollaborators(ctx: ApiContext, action: Action, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!(await admit(ctx, req, res, `POST /collaborators/${action}`, UNAUTHORIZED))) return;
  const body = await readJsonObject(ctx, req, res, COLLABORATOR_FIELDS);
  if (body === undefined) return;
  const parsed = parseCollaboratorPayload(body);
  if (!parsed.ok) return answerError(ctx, res, 400, parsed.message);

  const { from, to, agentNumbers } = parsed.payload;
  const waba = digitsOnly(from);
  const customer = digitsOnly(to);
  const access = ctx.org.chatAccess(waba, customer);
  if (access === 'unknown') return answerError(ctx, res, 400, MESSAGES.chatNotResolved);
  if (access === 'forbidden') return answerError(ctx, res, 403, MESSAGES.forbidden);

  // As the reference shows: a member is echoed in its own spelling ("+" and country code) with its
  // name, an input that is no member as sent. For remove the lists say who matched a team member,
  // not who was a collaborator.
  const success: { number: string; name: string | null }[] = [];
  const failed: { number: string }[] = [];
  const matched: string[] = [];
  for (const sent of agentNumbers) {
    const agent = digitsOnly(sent);
    const member = agent === '' ? undefined : ctx.org.member(agent);
    if (member) {
      success.push({ number: `+${agent}`, name: member.name || null });
      matched.push(agent);
    } else failed.push({ number: sent });
  }
  ctx.store.apply(action, waba, customer, matched);
  answer(ctx, res, 200, { success, failed });
}
