// The HTTP front of the sandbox on node:http: routes the collaborator, assignment, chat-list and team
// endpoints and the three `/__sandbox/*` control endpoints, answers everything else with Nest's 404,
// and listens/closes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { handleAssign, handleUnassign } from './assignment.js';
import { handleChats } from './chats.js';
import { handleCollaborators } from './collaborators.js';
import type { ApiContext } from './context.js';
import { handleTeam, handleTeamMember } from './team.js';
import { errorEnvelope, sendError, sendJson } from './responses.js';

export interface ServerHooks {
  /** Clears the sandbox's memory; answers POST /__sandbox/reset. */
  reset(): void;
}

export function createSandboxServer(ctx: ApiContext, hooks: ServerHooks): Server {
  const logger = ctx.options.logger;
  return createServer((req, res) => {
    if (logger.isLevelEnabled('info')) logWhenDone(logger, req, res);
    route(ctx, hooks, req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'sandbox handler failed');
      if (!res.headersSent) sendJson(res, 500, errorEnvelope(500, 'Internal server error'));
      else res.destroy();
    });
  });
}

async function route(ctx: ApiContext, hooks: ServerHooks, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = pathOf(req.url ?? '/');
  const method = req.method ?? 'GET';
  const query = (): URLSearchParams => new URL(req.url ?? '/', 'http://sandbox').searchParams;
  if (method === 'POST' && path === '/collaborators/add') return handleCollaborators(ctx, 'add', req, res);
  if (method === 'POST' && path === '/collaborators/remove') return handleCollaborators(ctx, 'remove', req, res);
  if (method === 'POST' && path === '/team-member/assign') return handleAssign(ctx, req, res);
  if (method === 'POST' && path === '/team-member/unassign') return handleUnassign(ctx, req, res);
  if (method === 'GET' && path === '/chats') return handleChats(ctx, req, res, query());
  if (method === 'GET' && path === '/team') return handleTeam(ctx, req, res);
  if (method === 'GET' && path === '/team/member') return handleTeamMember(ctx, req, res, query());
  // Control endpoints are the test harness's, not the API's: no key, not counted anywhere.
  if (method === 'GET' && path === '/__sandbox/state') return sendJson(res, 200, ctx.store.snapshot());
  if (method === 'GET' && path === '/__sandbox/changes') return sendJson(res, 200, { changes: ctx.store.changes(Number(query().get('after') ?? 0) || 0) });
  if (method === 'POST' && path === '/__sandbox/reset') {
    hooks.reset();
    res.writeHead(204).end();
    return;
  }
  ctx.store.countStatus(404);
  sendError(res, 404, `Cannot ${method} ${req.url ?? '/'}`);
}

/** Express routing ignores the query and one trailing slash; so does this. */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function logWhenDone(logger: Logger, req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  // Never the headers: Authorization carries the key.
  res.once('close', () => {
    logger.info(
      {
        method: req.method,
        path: pathOf(req.url ?? '/'),
        status: res.writableFinished ? res.statusCode : 'reset',
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
}

export function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shownHost}:${address.port}`);
    });
  });
}

/** Ends keep-alive sockets too, so a test's afterEach never waits for an idle client. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
