// DoubleTick's answer shapes: the NestJS error envelope `{message, error, statusCode}` and JSON
// with the exact Content-Type the real API sends, so a client's parsing is rehearsed too.
import { STATUS_CODES, type ServerResponse } from 'node:http';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export const MESSAGES = {
  unauthorized: 'Invalid public api key',
  forbidden: 'You do not have access to this chat',
  chatNotResolved: 'Chat could not be resolved for the given from and to numbers',
  tooLarge: 'request entity too large',
  throttled: 'ThrottlerException: Too Many Requests',
  500: 'Internal server error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
} as const;

export interface ErrorEnvelope {
  message: string;
  error: string;
  statusCode: number;
}

export function errorEnvelope(statusCode: number, message: string): ErrorEnvelope {
  return { message, error: STATUS_CODES[statusCode] ?? 'Error', statusCode };
}

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

export function sendError(res: ServerResponse, statusCode: number, message: string, headers?: Record<string, string>): void {
  sendJson(res, statusCode, errorEnvelope(statusCode, message), headers);
}
