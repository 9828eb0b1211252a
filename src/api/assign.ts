// POST /team-member/assign (assign-team-member-to-chat): makes an agent the primary assignee of a
// customer's chat, taking it from whoever held it (`reassign: true`). 2xx (the API answers 201) is
// done; 422 "User is not a member of the team" is `agent_not_found`; every other answer, and no
// answer, is read as for the collaborator calls (classify.ts). One request per call and no retry
// here: the caller's one retry layer (retry-policy.ts) sends again, through the limiter.
import { classifyAnswer, envelopeMessage, type ErrorOutcome } from './classify.js';
import { createApiHttp, type HttpOptions } from './http.js';
import { endpointUrl } from './request.js';

export const ASSIGN_PATH = '/team-member/assign';

/** All four fields, as DoubleTick's guide asks for a customer's chat; numbers as E.164 digits. */
export interface AssignRequest {
  customerPhoneNumber: string;
  wabaNumber: string;
  assignedUserPhoneNumber: string;
  reassign: true;
}

export type AssignOutcome = { kind: 'assigned'; httpStatus: number } | ErrorOutcome;

export function buildAssignRequest(waba: string, customer: string, agent: string): AssignRequest {
  return { customerPhoneNumber: customer, wabaNumber: waba, assignedUserPhoneNumber: agent, reassign: true };
}

/** `body` is the parsed JSON, or the raw text when the body was not JSON. */
export function classifyAssignAnswer(status: number, body: unknown, retryAfter?: string): AssignOutcome {
  if (status >= 200 && status < 300) return { kind: 'assigned', httpStatus: status };
  if (status === 422) return { kind: 'error', httpStatus: status, code: 'agent_not_found', message: envelopeMessage(status, body), retryable: false };
  return classifyAnswer(status, body, retryAfter) as ErrorOutcome;
}

export interface AssignClientOptions extends HttpOptions {
  baseUrl: string;
}

export interface AssignClient {
  /** Numbers as digits. `onLeft` is called once the request is on the wire (the limiter counts from then). */
  assign(waba: string, customer: string, agent: string, onLeft?: () => void): Promise<AssignOutcome>;
  close(): void;
}

export function createAssignClient(options: AssignClientOptions): AssignClient {
  const http = createApiHttp(options);
  const url = endpointUrl(options.baseUrl, ASSIGN_PATH);
  return {
    async assign(waba, customer, agent, onLeft) {
      const reply = await http.post(url, buildAssignRequest(waba, customer, agent), onLeft);
      return reply.kind === 'reply' ? classifyAssignAnswer(reply.status, reply.body, reply.retryAfter) : reply.failure;
    },
    close: () => http.close(),
  };
}
