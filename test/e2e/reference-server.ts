// A small DoubleTick written from the reference alone, with a real collaborator state, for cases
// the sandbox does not stage: an answer that leaves an agent out, a directory that fails only in a
// second session, a fault aimed at one chat. Each test switches its behaviour between sessions
// through `faults` and `teamStatus`; `pairs` is what a check compares pair by pair.
import { startScriptedServer, type Received, type Scripted, type ScriptedServer } from './scripted-server.js';

export interface Member {
  name: string;
  phone: string;
  email?: string;
}

export interface ReferenceServer extends ScriptedServer {
  /** "waba|customer|agent" for every collaborator, in digits. */
  pairs: Set<string>;
  /** Answers GET /team with this status instead of the members (e.g. 500). */
  teamStatus?: number;
  /** A scripted answer that replaces the normal one for a collaborator request, when it returns one. */
  fault?(body: CollaboratorBody, index: number): Scripted | undefined;
  /** Agents the answer leaves out of both lists (still applied). */
  unmentioned: Set<string>;
}

export interface CollaboratorBody {
  from: string;
  to: string;
  agentNumbers: string[];
}

const digits = (text: string): string => text.replace(/\D/g, '');

export async function startReferenceServer(key: string, members: readonly Member[]): Promise<ReferenceServer> {
  // The answer reads the very object the test holds, so a test can change it between sessions.
  const state = { pairs: new Set<string>(), unmentioned: new Set<string>() } as ReferenceServer;
  const byPhone = new Map(members.map((member) => [digits(member.phone), member]));
  const answer = (request: Received, index: number): Scripted => {
    if (request.authorization !== key) return { status: 401, body: { statusCode: 401, message: 'Unauthorized' } };
    if (request.method === 'GET' && request.path.startsWith('/team')) {
      if (state.teamStatus) return { status: state.teamStatus, body: { statusCode: state.teamStatus, message: 'Team is unavailable' } };
      return { status: 200, body: { data: members.map((m, i) => ({ id: `m${i}`, name: m.name, phone: m.phone, email: m.email ?? '', reportingManager: [] })) } };
    }
    const add = request.path === '/collaborators/add';
    if (request.method !== 'POST' || (!add && request.path !== '/collaborators/remove')) return { status: 404, body: { statusCode: 404, message: 'Not Found' } };
    const body = request.body as CollaboratorBody;
    const scripted = state.fault?.(body, index);
    if (scripted) return scripted;
    const success: { number: string; name: string }[] = [];
    const failed: { number: string }[] = [];
    for (const number of body.agentNumbers) {
      const member = byPhone.get(digits(number));
      if (!member) {
        failed.push({ number });
        continue;
      }
      const pair = `${digits(body.from)}|${digits(body.to)}|${digits(member.phone)}`;
      if (add) state.pairs.add(pair);
      else state.pairs.delete(pair);
      if (!state.unmentioned.has(digits(number))) success.push({ number: `+${digits(member.phone)}`, name: member.name });
    }
    return { status: 200, body: { success, failed } };
  };
  return Object.assign(state, await startScriptedServer(answer));
}
