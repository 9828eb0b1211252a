// Reads the team directory (GET /team, DoubleTick's get-team) once before the first collaborator
// request, so agent cells can name members by e-mail or name and unknown agents cost no request.
// Returns a typed outcome, never throws. Its few retries are its own and short (the whole fetch
// stays under DIRECTORY_BUDGET_MS), so an unreachable API still stops a run quickly.
import got from 'got';
import type { Member } from '../rows/team.js';
import { envelopeMessage } from './classify.js';
import { endpointUrl } from './request.js';
import { parseJson } from './client.js';

export type DirectoryOutcome =
  | { kind: 'ok'; members: Member[] }
  /** 401: the key was rejected; nothing else will work either. */
  | { kind: 'unauthorized'; message: string }
  /** 404, 5xx, an answer we cannot read, or the network: phones can still be sent as given. */
  | { kind: 'unavailable'; reason: string };

export interface DirectoryOptions {
  baseUrl: string;
  apiKey: string;
  /** Per-attempt cap (the run's --timeout); the whole fetch is capped by `budgetMs` anyway. */
  timeoutMs: number;
  budgetMs?: number;
}

export const DIRECTORY_BUDGET_MS = 8_000;
const RETRY_DELAYS_MS = [300, 1_000];

export async function fetchTeam(options: DirectoryOptions): Promise<DirectoryOutcome> {
  const deadline = Date.now() + (options.budgetMs ?? DIRECTORY_BUDGET_MS);
  const url = endpointUrl(options.baseUrl, '/team');
  let last: DirectoryOutcome = { kind: 'unavailable', reason: 'no answer' };
  for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const outcome = await fetchOnce(url, options.apiKey, Math.min(options.timeoutMs, left));
    if (outcome.kind !== 'retry') return outcome;
    last = { kind: 'unavailable', reason: outcome.reason };
    const wait = RETRY_DELAYS_MS[attempt];
    if (wait === undefined || Date.now() + wait >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return last;
}

type Attempt = DirectoryOutcome | { kind: 'retry'; reason: string };

async function fetchOnce(url: URL, apiKey: string, timeoutMs: number): Promise<Attempt> {
  let status: number;
  let body: unknown;
  try {
    const response = await got.get(url, {
      headers: { authorization: apiKey, accept: 'application/json' },
      retry: { limit: 0 },
      timeout: { request: timeoutMs },
      throwHttpErrors: false,
      followRedirect: false,
    });
    status = response.statusCode;
    body = parseJson(response.body);
  } catch (error) {
    const { code, name } = error as { code?: string; name?: string };
    return { kind: 'retry', reason: name === 'TimeoutError' ? 'no answer before the timeout' : `network error: ${code ?? 'connection failed'}` };
  }
  if (status === 401) return { kind: 'unauthorized', message: envelopeMessage(status, body) };
  if (status >= 200 && status < 300) {
    const members = parseTeam(body);
    if (!members) return { kind: 'unavailable', reason: `HTTP ${status} without a list of team members` };
    // An empty team would turn every agent into "not a member" without a request: trust the API instead.
    return members.length > 0 ? { kind: 'ok', members } : { kind: 'unavailable', reason: 'GET /team listed no team members' };
  }
  const reason = `HTTP ${status}: ${envelopeMessage(status, body)}`;
  return status === 429 || status >= 500 ? { kind: 'retry', reason } : { kind: 'unavailable', reason };
}

/** The members of a get-team answer (`{data: [...]}`; a bare array or `members` is accepted too), or undefined if it holds no list. */
export function parseTeam(body: unknown): Member[] | undefined {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const list = Array.isArray(body) ? body : Array.isArray(record.data) ? record.data : Array.isArray(record.members) ? record.members : undefined;
  if (!list) return undefined;
  const members: Member[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const entry = item as Record<string, unknown>;
    members.push({ name: text(entry.name), phone: text(entry.phone), email: text(entry.email) });
  }
  return members;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}
