// The HTTP client: one got instance with keep-alive sockets, no retries of its own (the
// pipeline owns the retry policy, so every resend goes back through the rate limiter), and
// answers classified into outcomes instead of thrown errors.
import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import got, { type Got } from 'got';
import { actionPath, endpointUrl, type Action, type CollaboratorRequest } from './request.js';
import { classifyAnswer, classifyNetworkError, type SendOutcome } from './classify.js';

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  action: Action;
  timeoutMs: number;
  maxSockets: number;
}

export interface CollaboratorClient {
  /** `onLeft` is called once the request's bytes are handed to the socket (the rate limiter counts from then). */
  /** `action` picks the endpoint when it is not the client's own (a mirror's removals, a per-row action). */
  send(request: CollaboratorRequest, onLeft?: () => void, action?: Action): Promise<SendOutcome>;
  close(): void;
}

export function createClient(options: ClientOptions): CollaboratorClient {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets };
  const agent = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const urls = { add: endpointUrl(options.baseUrl, actionPath('add')), remove: endpointUrl(options.baseUrl, actionPath('remove')) };
  const client: Got = got.extend({
    headers: { authorization: options.apiKey, 'content-type': 'application/json', accept: 'application/json' },
    retry: { limit: 0 },
    timeout: { request: options.timeoutMs },
    throwHttpErrors: false,
    followRedirect: false,
    agent,
  });

  return {
    async send(request, onLeft, action = options.action) {
      try {
        const call = client.post(urls[action], { body: JSON.stringify(request) });
        if (onLeft) call.on('request', (req: ClientRequest) => req.once('finish', onLeft));
        const response = await call;
        return classifyAnswer(response.statusCode, parseJson(response.body), header(response.headers['retry-after']));
      } catch (error) {
        return classifyNetworkError(error as { code?: string; name?: string });
      }
    },
    close() {
      agent.http.destroy();
      agent.https.destroy();
    },
  };
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
