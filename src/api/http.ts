// The HTTP exchange every API call shares: one got instance with keep-alive sockets and the key in
// Authorization, no retries of its own (the caller's one retry layer sends again, back through the
// rate limiter), and no throwing: an answer of any status comes back as a reply, and no answer at
// all (timeout, refused, reset) as a classified failure.
import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import got, { type CancelableRequest, type Got, type Response } from 'got';
import { classifyNetworkError, type ErrorOutcome } from './classify.js';

export interface HttpOptions {
  apiKey: string;
  timeoutMs: number;
  maxSockets: number;
}

export type Reply =
  | { kind: 'reply'; status: number; /** Parsed JSON, or the text itself. */ body: unknown; retryAfter: string | undefined }
  | { kind: 'no_reply'; failure: ErrorOutcome };

export interface ApiHttp {
  /** `onLeft` is called once the request's bytes are handed to the socket (the rate limiter counts from then). */
  post(url: URL, body: unknown, onLeft?: () => void): Promise<Reply>;
  get(url: URL, onLeft?: () => void): Promise<Reply>;
  /** Ends the sockets, those of requests still waiting for an answer too. */
  close(): void;
}

export function createApiHttp(options: HttpOptions): ApiHttp {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets };
  const agent = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const client: Got = got.extend({
    headers: { authorization: options.apiKey, accept: 'application/json' },
    retry: { limit: 0 },
    timeout: { request: options.timeoutMs },
    throwHttpErrors: false,
    followRedirect: false,
    agent,
  });
  // Its own instance rather than a header per call: got merges a call's options into the defaults on every request.
  const poster = client.extend({ headers: { 'content-type': 'application/json' } });
  // Called with the method in the options, not as .post()/.get(): got's shortcuts copy the options
  // with a spread and add the method, a key V8 adds to a spread copy on a slow path, which made
  // each request's options take 11 us to build instead of 6 (bench/results/HISTORY.md).
  return {
    post: (url, body, onLeft) => exchange(poster(url, { method: 'POST', body: JSON.stringify(body) }), onLeft),
    get: (url, onLeft) => exchange(client(url, { method: 'GET' }), onLeft),
    close() {
      agent.http.destroy();
      agent.https.destroy();
    },
  };
}

async function exchange(call: CancelableRequest<Response<string>>, onLeft?: () => void): Promise<Reply> {
  try {
    if (onLeft) call.on('request', (req: ClientRequest) => req.once('finish', onLeft));
    const response = await call;
    return { kind: 'reply', status: response.statusCode, body: parseJson(response.body), retryAfter: header(response.headers['retry-after']) };
  } catch (error) {
    return { kind: 'no_reply', failure: classifyNetworkError(error as { code?: string; name?: string }) };
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The parsed JSON, or the text itself when it is not JSON (a proxy's HTML error page, an empty body). */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
