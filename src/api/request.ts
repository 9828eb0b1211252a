// The request shape of DoubleTick's "chat collaborators" endpoints: one chat, a list of agents.
export type Action = 'add' | 'remove';

export interface CollaboratorRequest {
  from: string;
  to: string;
  agentNumbers: string[];
}

export function buildRequest(waba: string, customer: string, agents: readonly string[]): CollaboratorRequest {
  return { from: waba, to: customer, agentNumbers: [...agents] };
}

export function actionPath(basePath: string, action: Action): string {
  return `${basePath.replace(/\/+$/, '')}/${action}`;
}
