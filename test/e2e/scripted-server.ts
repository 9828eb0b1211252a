// A loopback HTTP server whose answers a test writes by hand, for the answers DoubleTick's reference
// allows but the sandbox never gives (an agent left out of both lists, national-form echoes, a
// proxy's HTML page). It records every request; closed after each test by the caller.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
}

export interface Scripted {
  status: number;
  /** An object is sent as JSON; a string as text/html. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ScriptedServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startScriptedServer(answer: (request: Received, index: number) => Scripted): Promise<ScriptedServer> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // kept as text
      }
      const request: Received = { method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body };
      received.push(request);
      const reply = answer(request, received.length - 1);
      const isText = typeof reply.body === 'string';
      const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
      res.writeHead(reply.status, { 'content-type': isText ? 'text/html' : 'application/json; charset=utf-8', ...reply.headers });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The collaborator calls among what was received (not GET /team). */
export function collaboratorCalls(received: readonly Received[]): Received[] {
  return received.filter((request) => request.method === 'POST');
}
