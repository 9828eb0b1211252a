// `collab-bulk chats`: finds the agent in the team directory (phone, e-mail or name), lists every chat
// assigned to it from GET /chats (the cursor followed to the end, each page under the same limiter
// and retry policy as collaborator sends), and writes them as a reassignment file ready to fill in:
// waba_number, customer_phone, from_agent (the agent), to_agent (empty). A list that could not be
// finished writes no file: a partial list would pass for all of the agent's chats.
import type { ChatFilter, ListedChat } from '../api/chat-list.js';
import { listChats, type ChatListOutcome } from '../api/chat-pager.js';
import { createApiHttp } from '../api/http.js';
import { createLimiter } from '../api/limiter.js';
import { DEFAULT_RETRY_POLICY } from '../api/retry-policy.js';
import { fetchTeam } from '../api/team-directory.js';
import { createCsvFile } from '../output/csv-file.js';
import { resolveAgent, TeamIndex } from '../rows/team.js';
import type { ChatsOptions } from './chats-options.js';
import { AUTO_START_RATE } from './options.js';

/** The header of the file written, the columns a reassignment run reads. */
export const REASSIGNMENT_HEADER = ['waba_number', 'customer_phone', 'from_agent', 'to_agent'] as const;

export type ChatsReport =
  | { exitCode: 0; file: string; count: number; agent: { digits: string; name?: string }; pages: number; requests: number }
  /** 1: the agent is no team member (or cannot be read as one); 3: the API stopped the listing. */
  | { exitCode: 1 | 3; message: string };

/** `notice` hears one-line warnings (a directory that could not be read). */
export async function listAgentChats(options: ChatsOptions, notice: (line: string) => void = () => undefined): Promise<ChatsReport> {
  const directory = await fetchTeam(options);
  if (directory.kind === 'unauthorized') return { exitCode: 3, message: `the API key was rejected by GET /team (${directory.message}): nothing was listed` };
  if (directory.kind === 'unavailable') notice(`the team directory (GET /team) could not be read (${directory.reason}): reading --assigned-to as a phone number`);
  const team = directory.kind === 'ok' ? new TeamIndex(directory.members) : undefined;

  const lookup = resolveAgent(options.assignedTo, '--assigned-to', team, options.defaultCountry);
  if (lookup.kind === 'unresolved') return { exitCode: 3, message: `${lookup.message}: try again when GET /team answers, or name the agent by phone` };
  if (lookup.kind === 'not_found') return { exitCode: 1, message: `--assigned-to "${options.assignedTo}": ${lookup.message}` };
  if (lookup.kind !== 'send') return { exitCode: 1, message: lookup.message };

  const listed = await chatPages(options, { agent: lookup.digits, waba: options.waba });
  if (listed.kind === 'failed') {
    const { failure } = listed;
    const what = failure.code === 'unauthorized' ? 'the API key was rejected by GET /chats' : `GET /chats failed (${failure.code})`;
    return { exitCode: 3, message: `${what}: ${failure.message}, after ${listed.requests} requests and ${listed.pages} pages; no file was written` };
  }
  const file = options.out ?? `chats-${lookup.digits}.csv`;
  await writeReassignmentFile(file, lookup.digits, listed.chats);
  const agent = lookup.name === undefined ? { digits: lookup.digits } : { digits: lookup.digits, name: lookup.name };
  return { exitCode: 0, file, count: listed.chats.length, agent, pages: listed.pages, requests: listed.requests };
}

async function writeReassignmentFile(path: string, agent: string, chats: readonly ListedChat[]): Promise<void> {
  const csv = createCsvFile(path);
  csv.write(REASSIGNMENT_HEADER);
  for (const chat of chats) if (!csv.write([chat.waba, chat.customer, agent, ''])) await csv.drained();
  await csv.close();
}

/** One listing's HTTP exchange and limiter, made as a run makes its own (rate, adaptive start, in-flight cap, --max-retries), closed at the end. */
async function chatPages(options: ChatsOptions, filter: ChatFilter): Promise<ChatListOutcome> {
  const http = createApiHttp({ apiKey: options.apiKey, timeoutMs: options.timeoutMs, maxSockets: 1 });
  const limiter = createLimiter({ ceiling: options.rate, start: options.rateAuto ? AUTO_START_RATE : options.rate });
  try {
    return await listChats({ http, limiter, baseUrl: options.baseUrl, policy: { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries } }, filter);
  } finally {
    http.close();
    await limiter.stop();
  }
}
