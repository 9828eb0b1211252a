// DoubleTick's answer shapes: the NestJS error envelope `{message, error, statusCode}` and JSON
// with the exact Content-Type the real API sends, so a client's parsing is rehearsed too.
import { STATUS_CODES, type ServerResponse } from 'node:http';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export const MESSAGES = {
  forbidden: 'You do not have access to this chat',
  chatNotResolved: 'Chat could not be resolved for the given from and to numbers',
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

/** The documented 401 body of GET /team, which has no `error`; used for every endpoint. */
export const UNAUTHORIZED: ErrorEnvelope = { statusCode: 401, message: 'Unauthorized' };

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
