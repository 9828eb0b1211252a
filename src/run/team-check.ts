// Before the first collaborator request: reads the team directory once (unless --dry-run or
// --no-team-check) and says what the run does with the answer. A rejected key stops the run before
// anything is sent; a directory that cannot be had is said once, and phones are still sent.
import { fetchTeam } from '../api/team-directory.js';
import { TeamIndex } from '../rows/team.js';
import type { TeamDirectoryRecord } from '../output/summary.js';
import type { RowPlan } from '../rows/plan.js';
import type { RunOptions } from './options.js';

export interface TeamCheck {
  /** The directory, when it was read. */
  team?: TeamIndex;
  /** GET /team answered 401: the key was rejected, nothing may be sent. */
  rejected?: string;
  /** Why the directory could not be read (404, 5xx, the network), when it could not. */
  unavailable?: string;
  /** One line for the person running it, when the directory could not be read. */
  notice?: string;
  /** What summary.json says of it. */
  record?: TeamDirectoryRecord;
}

export async function checkTeam(options: Pick<RunOptions, 'dryRun' | 'teamCheck' | 'baseUrl' | 'apiKey' | 'timeoutMs'>): Promise<TeamCheck> {
  if (options.dryRun || !options.teamCheck) return { record: { status: 'not_checked' } };
  const outcome = await fetchTeam(options);
  if (outcome.kind === 'ok') {
    const team = new TeamIndex(outcome.members);
    return { team, record: { status: 'read', members: team.size } };
  }
  if (outcome.kind === 'unauthorized') {
    const rejected = `the API key was rejected by GET /team (${outcome.message})`;
    return { rejected, record: { status: 'rejected', reason: rejected } };
  }
  return {
    record: { status: 'unavailable', reason: outcome.reason },
    unavailable: outcome.reason,
    notice: `the team directory (GET /team) could not be read (${outcome.reason}): sending phone numbers as given; rows naming agents by e-mail or name are left for a rerun`,
  };
}

/**
 * With the key rejected, a row naming agents by e-mail or name is not refused for want of a
 * directory: like every sendable row it is `not_attempted`, waiting for a key that works.
 */
export function waitsForKey(keyRejected: string | undefined, plan: RowPlan): boolean {
  return keyRejected !== undefined && plan.kind === 'done' && plan.result.errorCode === 'agent_unresolved';
}
