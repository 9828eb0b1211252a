// The team endpoints: GET /team (get-team) lists the organisation file's members with every field
// the reference names; GET /team/member?agentNumber= (get-team-member-details) finds one by phone.
// They need the key but draw no fault dice and take no rate-limit token: the reference documents
// no limit for them, and the collaborator traffic's replayable faults must not shift.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answer, type ApiContext } from './context.js';
import { digitsOnly } from './org.js';
import { errorEnvelope, UNAUTHORIZED } from './responses.js';

export function handleTeam(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): void {
  ctx.store.countTeamRequest();
  if (ctx.options.teamStatus !== undefined) return answer(ctx, res, ctx.options.teamStatus, errorEnvelope(ctx.options.teamStatus, 'Team is unavailable'));
  if ((req.headers.authorization ?? '') !== ctx.options.apiKey) return answer(ctx, res, 401, UNAUTHORIZED);
  answer(ctx, res, 200, { data: ctx.org.team });
}

export function handleTeamMember(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
  ctx.store.countTeamRequest();
  if ((req.headers.authorization ?? '') !== ctx.options.apiKey) return answer(ctx, res, 401, UNAUTHORIZED);
  const number = query.get('agentNumber') ?? '';
  const digits = digitsOnly(number);
  if (digits.length < 8 || digits.length > 15 || /[^\d\s+()-]/.test(number)) {
    return answer(ctx, res, 400, errorEnvelope(400, 'agentNumber must be a valid phone number'));
  }
  const member = ctx.org.member(digits);
  if (!member) return answer(ctx, res, 404, errorEnvelope(404, 'Team member not found'));
  const wabaRoles = ctx.org.wabaNumbers.map((wabaNumber) => ({ wabaName: `WABA ${wabaNumber}`, wabaNumber, roleName: member.orgRoleName }));
  answer(ctx, res, 200, { ...member, wabaRoles });
}
