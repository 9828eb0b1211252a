// Maps one HTTP answer (or the lack of one) to an outcome the pipeline can act on. This is the
// only place that knows what DoubleTick's status codes and envelopes mean.
import type { RowErrorCode } from '../errors.js';
import { parseAnswer, type ParsedAnswer } from './answer-match.js';

export type SendOutcome =
  | { kind: 'answered'; httpStatus: number; answer: ParsedAnswer }
  | {
      kind: 'error';
      httpStatus?: number;
      code: RowErrorCode;
      message: string;
      retryable: boolean;
      /** Server-requested wait before any further request (429/503 Retry-After). */
      retryAfterMs?: number;
    };

/** An outcome without a usable answer: what any API call (collaborators, assign, chat list) can fail with. */
export type ErrorOutcome = Extract<SendOutcome, { kind: 'error' }>;

/**
 * The sentence to report for an error answer: Nest's `message` (an array of validation messages is
 * joined), else a hint of what came back instead of JSON (a proxy's HTML page), else the status.
 */
export function envelopeMessage(status: number, body: unknown): string {
  const fallback = `HTTP ${status}`;
  if (typeof body === 'string') {
    const shown = textSnippet(body);
    return shown ? `${fallback}, not JSON: ${shown}` : fallback;
  }
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const message = record.message;
    if (typeof message === 'string' && message.trim()) return message.trim();
    if (Array.isArray(message) && message.length > 0) return message.map(String).join('; ');
    if (typeof record.error === 'string' && record.error.trim()) return `${fallback} ${record.error.trim()}`;
  }
  return fallback;
}

const SNIPPET_LENGTH = 80;

/** A page's title, or its text without tags, cut short: enough to recognise a proxy's error page. */
function textSnippet(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return plain.length > SNIPPET_LENGTH ? `${plain.slice(0, SNIPPET_LENGTH - 1)}…` : plain;
}

/** Parses Retry-After as delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only a real HTTP date (e.g. "Wed, 21 Oct 2026 07:28:00 GMT"): Date.parse also accepts junk like "-1".
  if (!/[a-z]{3}/i.test(trimmed) || !/\d{4}/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// DoubleTick answers 400 both for a malformed payload and for a chat it cannot resolve; since
// our payloads are always well formed, a message about the chat or the numbers means "no such chat".
const CHAT_NOT_FOUND = /chat|resolv|conversation|customer|not found|does not exist/i;

/** `body` is the parsed JSON, or the raw text when the body was not JSON. */
export function classifyAnswer(status: number, body: unknown, retryAfter?: string): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'answered', httpStatus: status, answer: parseAnswer(body) };
  const message = envelopeMessage(status, body);
  const base = { kind: 'error' as const, httpStatus: status, message };
  if (status === 401) return { ...base, code: 'unauthorized', retryable: false };
  if (status === 403) return { ...base, code: 'forbidden', retryable: false };
  if (status === 429) return { ...base, code: 'rate_limited', retryable: true, retryAfterMs: parseRetryAfter(retryAfter) };
  if (status === 408) return { ...base, code: 'timeout', retryable: true };
  if (status >= 500) {
    const retryable = status === 500 || status === 502 || status === 503 || status === 504;
    return { ...base, code: 'server_error', retryable, retryAfterMs: status === 503 ? parseRetryAfter(retryAfter) : undefined };
  }
  if (status === 404) return { ...base, code: 'bad_request', message: `${message} (is --base-url right?)`, retryable: false };
  if (status === 400 && CHAT_NOT_FOUND.test(message) && !/agentNumbers|must be|should|expected/i.test(message)) {
    return { ...base, code: 'chat_not_found', retryable: false };
  }
  return { ...base, code: 'bad_request', retryable: false };
}

/**
 * Worth a line in retry.csv. Besides transient failures, a rejected key is, and so is a 404 (the
 * collaborator endpoints never answer it for a chat: the base URL is wrong): neither is resent in
 * this run (fail fast), but the same rows will go through once the key or the URL is fixed.
 */
export function isRerunnable(failure: { code: RowErrorCode; retryable: boolean; httpStatus?: number }): boolean {
  return failure.retryable || failure.code === 'unauthorized' || failure.httpStatus === 404;
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** An error thrown by the HTTP client before any answer arrived. */
export function classifyNetworkError(error: { code?: string; name?: string; message?: string }): ErrorOutcome {
  if (error.name === 'TimeoutError' || (error.code && TIMEOUT_CODES.has(error.code))) {
    return { kind: 'error', code: 'timeout', message: 'no answer before the timeout', retryable: true };
  }
  const detail = error.code ?? error.message ?? 'connection failed';
  return { kind: 'error', code: 'network_error', message: `network error: ${detail}`, retryable: true };
}
