// Shared by the sandbox tests: numbers from fixtures/org.json and tiny fetch wrappers that send one
// call over real HTTP and read the answer whatever its status.
export const ADD = '/collaborators/add';
export const REMOVE = '/collaborators/remove';
export const ASSIGN = '/team-member/assign';
export const UNASSIGN = '/team-member/unassign';
export const KEY = 'sandbox-key';

export const WABA = '919800000001';
export const CUSTOMER = '919876500001';
export const FORBIDDEN_CUSTOMER = '919876500040';
export const AGENTS = ['919811100001', '919811100002', '919811100003'] as const;
/** fixtures/org.json assigns every fourth chat to Priya, from the first (customer ...500001 on both WABAs). */
export const PRIYA = '919811100005';
export const ARJUN = '919811100006';

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface PostOptions {
  /** null sends no Authorization header. */
  key?: string | null;
  /** null sends no Content-Type header. */
  contentType?: string | null;
  /** Sent as is instead of JSON.stringify(body). */
  raw?: string;
}

export async function post(baseUrl: string, path: string, body: unknown, options: PostOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? KEY : options.key;
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (key !== null) headers['Authorization'] = key;
  if (contentType !== null) headers['Content-Type'] = contentType;
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers,
    body: options.raw ?? JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return readAnswer(response);
}

async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.startsWith('application/json') ?? false;
  return { status: response.status, headers: response.headers, body: isJson ? JSON.parse(text) : text };
}

/** GET `path` (with its query) and the answer whatever its status; `key` null sends no Authorization. */
export async function get(baseUrl: string, path: string, key: string | null = KEY): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, { headers: key === null ? {} : { Authorization: key }, signal: AbortSignal.timeout(10_000) });
  return readAnswer(response);
}

/** The body our client sends to assign a customer's chat. */
export function assignBody(agent: unknown = AGENTS[0], customer: unknown = CUSTOMER, waba: unknown = WABA, reassign: unknown = true): object {
  return { customerPhoneNumber: customer, wabaNumber: waba, assignedUserPhoneNumber: agent, reassign };
}

export function addBody(agentNumbers: unknown[] = [AGENTS[0]], from: unknown = WABA, to: unknown = CUSTOMER): object {
  return { from, to, agentNumbers };
}

/** The status of one call, or 'reset' when the sandbox dropped the connection. */
export async function statusOf(baseUrl: string, path: string, body: unknown): Promise<number | 'reset'> {
  try {
    return (await post(baseUrl, path, body)).status;
  } catch {
    return 'reset';
  }
}
