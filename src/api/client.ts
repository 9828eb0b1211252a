// The collaborator client: POST /collaborators/add or /remove over the shared HTTP exchange
// (http.ts: keep-alive sockets, no retries of its own, so every resend goes back through the rate
// limiter), answers classified into outcomes instead of thrown errors.
import { createApiHttp } from './http.js';
import { actionPath, endpointUrl, type Action, type CollaboratorRequest } from './request.js';
import { classifyAnswer, type SendOutcome } from './classify.js';

export { parseJson } from './http.js';

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  action: Action;
  timeoutMs: number;
  maxSockets: number;
}

export interface CollaboratorClient {
  /** `onLeft` is called once the request's bytes are handed to the socket (the rate limiter counts from then); `action` picks the endpoint when it is not the client's own (a mirror's removals, a per-row action). */
  send(request: CollaboratorRequest, onLeft?: () => void, action?: Action): Promise<SendOutcome>;
  close(): void;
}

export function createClient(options: ClientOptions): CollaboratorClient {
  const http = createApiHttp(options);
  const urls = { add: endpointUrl(options.baseUrl, actionPath('add')), remove: endpointUrl(options.baseUrl, actionPath('remove')) };
  return {
    async send(request, onLeft, action = options.action) {
      const reply = await http.post(urls[action], request, onLeft);
      return reply.kind === 'reply' ? classifyAnswer(reply.status, reply.body, reply.retryAfter) : reply.failure;
    },
    close: () => http.close(),
  };
}
