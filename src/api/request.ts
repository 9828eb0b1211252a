// The request shape of DoubleTick's "chat collaborators" endpoints (public-chat-collaborators-add and
// -remove): one chat, a list of agents, and the URL of each endpoint below the base URL.
export type Action = 'add' | 'remove';

export interface CollaboratorRequest {
  from: string;
  to: string;
  agentNumbers: string[];
}

export function buildRequest(waba: string, customer: string, agents: readonly string[]): CollaboratorRequest {
  return { from: waba, to: customer, agentNumbers: [...agents] };
}

/** The documented paths: POST /collaborators/add and POST /collaborators/remove. */
export function actionPath(action: Action): string {
  return `/collaborators/${action}`;
}

/**
 * An endpoint below the base URL. A path in the base URL is kept as a prefix (a proxy at
 * https://gw.example/dt gets /dt/collaborators/add); its query and fragment are not carried over.
 */
export function endpointUrl(baseUrl: string, path: string): URL {
  const base = new URL(baseUrl);
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  return new URL(path.replace(/^\/+/, ''), base);
}
