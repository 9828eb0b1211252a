// Reads and checks a POST body the way the real API's JSON parser and DTO validation do: 100 KB
// limit, JSON content type, a JSON object; then, for an add/remove call, `from`, `to` and `agentNumbers`.
import type { IncomingMessage } from 'node:http';

/** body-parser's default '100kb'. */
export const BODY_LIMIT_BYTES = 100 * 1024;

export type BodyResult = { kind: 'ok'; text: string } | { kind: 'too-large' } | { kind: 'aborted' };

export interface CollaboratorPayload {
  from: string;
  to: string;
  agentNumbers: string[];
}

export type PayloadResult = { ok: true; payload: CollaboratorPayload } | { ok: false; message: string | string[] };

/** Reads the whole body; past the limit it keeps draining (as the real API does) so the 413 can be read. */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    // The client may have gone away while the answer was being delayed.
    if (req.destroyed && !req.complete) return resolve({ kind: 'aborted' });
    const declared = Number(req.headers['content-length'] ?? 0);
    let tooLarge = declared > limit;
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.once('end', () => resolve(tooLarge ? { kind: 'too-large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', () => resolve({ kind: 'aborted' }));
    req.once('close', () => {
      if (!req.complete) resolve({ kind: 'aborted' });
    });
  });
}

export type JsonObjectResult = { ok: true; body: Record<string, unknown> } | { ok: false; message: string };

/** `fields` names what the object should hold, for the message when it is not an object. */
export function parseJsonObject(contentType: string | undefined, text: string, fields: string): JsonObjectResult {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return { ok: false, message: `Content-Type must be application/json, received ${JSON.stringify(contentType ?? '')}` };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Request body is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: `Request body must be a JSON object with ${fields}` };
  }
  return { ok: true, body: body as Record<string, unknown> };
}

export const COLLABORATOR_FIELDS = 'from, to and agentNumbers';

export function parseCollaboratorPayload(body: Record<string, unknown>): PayloadResult {
  const { from, to, agentNumbers } = body;
  const problems: string[] = [];
  if (typeof from !== 'string') problems.push('from must be a string');
  if (typeof to !== 'string') problems.push('to must be a string');
  if (!Array.isArray(agentNumbers)) problems.push('agentNumbers must be an array');
  else if (agentNumbers.length === 0) problems.push('agentNumbers must contain at least 1 elements');
  else if (!agentNumbers.every((item) => typeof item === 'string')) problems.push('each value in agentNumbers must be a string');
  // class-validator's messages, one per broken rule, answered as an array.
  if (problems.length > 0) return { ok: false, message: problems };
  return { ok: true, payload: { from: from as string, to: to as string, agentNumbers: agentNumbers as string[] } };
}
