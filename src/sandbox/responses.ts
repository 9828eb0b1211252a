// DoubleTick's answer shapes: the NestJS error envelope `{message, error, statusCode}` and JSON
// with the exact Content-Type the real API sends, so a client's parsing is rehearsed too.
import { STATUS_CODES, type ServerResponse } from 'node:http';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export const MESSAGES = {
  forbidden: 'You do not have access to this chat',
  chatNotResolved: 'Chat could not be resolved for the given from and to numbers',
  assignChatNotResolved: 'Chat could not be resolved for the given wabaNumber and customerPhoneNumber',
  groupNotResolved: 'Group chat could not be resolved for the given groupId',
  // Worded without "chat": a client reading a 400 about the chat takes it for a chat that does not exist.
  alreadyAssigned: 'Already assigned to another team member: send reassign true to move it',
  tooLarge: 'request entity too large',
  500: 'Internal server error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
} as const;

export interface ErrorEnvelope {
  statusCode: number;
  /** An array of strings for validation errors, as class-validator reports them. */
  message: string | string[];
  error?: string;
}

export function errorEnvelope(statusCode: number, message: string | string[]): ErrorEnvelope {
  return { statusCode, message, error: STATUS_CODES[statusCode] ?? 'Error' };
}

/** The documented 429 body (DoubleTick's only documented one, get-message-status). */
export const THROTTLED: ErrorEnvelope = { statusCode: 429, message: 'Too Many Requests: Rate Limit Exceeded', error: 'Too Many Requests' };

/** The documented 401 body of GET /team and GET /chats, which has no `error`; used by the collaborator endpoints too. */
export const UNAUTHORIZED: ErrorEnvelope = { statusCode: 401, message: 'Unauthorized' };

/** The documented 401 body of POST /team-member/assign and /unassign. */
export const INVALID_KEY: ErrorEnvelope = { statusCode: 401, message: 'Invalid public api key', error: 'Unauthorized' };

/** The documented 422 of POST /team-member/assign, without `error` as the reference shows it. */
export const NOT_A_MEMBER: ErrorEnvelope = { statusCode: 422, message: 'User is not a member of the team' };

export function sendJson(
  res: ServerResponse,
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(statusCode, {
    ...headers,
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, statusCode: number, message: string | string[], headers?: Record<string, string>): void {
  sendJson(res, statusCode, errorEnvelope(statusCode, message), headers);
}
