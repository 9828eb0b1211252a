// What `collab-bulk chats` is asked to do, fully resolved. The flags it shares with `run` (--api-key,
// --base-url, --rate, --max-rate, --timeout, --max-retries, --waba, --default-country) are checked by
// run's own resolveRunOptions, so both commands take and refuse them alike.
import type { CountryCode } from 'libphonenumber-js';
import { UsageError } from '../errors.js';
import { resolveRunOptions } from './options.js';

/** What the command line (or a test) gives; anything left out takes run's default. */
export interface ChatsInput {
  assignedTo: string;
  waba?: string;
  out?: string;
  apiKey?: string;
  baseUrl?: string;
  rate?: number | string;
  maxRate?: number;
  timeout?: number;
  maxRetries?: number;
  defaultCountry?: string;
}

export interface ChatsOptions {
  /** The agent as typed: a phone in any format, an e-mail or a name. */
  readonly assignedTo: string;
  /** Digits of the one WABA number to list, if asked. */
  readonly waba?: string;
  /** The file to write; undefined: chats-<agent digits>.csv in the working directory. */
  readonly out?: string;
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly rate: number;
  readonly rateAuto: boolean;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly defaultCountry?: CountryCode;
}

export function resolveChatsOptions(given: ChatsInput, env: NodeJS.ProcessEnv = process.env): Readonly<ChatsOptions> {
  const assignedTo = given.assignedTo.trim();
  if (assignedTo === '') throw new UsageError('--assigned-to must name an agent: a phone number, an e-mail or a full name');
  // Said here so the sentence does not offer --dry-run, which `chats` does not have.
  if (!(given.apiKey || env.DOUBLETICK_API_KEY || '').trim()) throw new UsageError('no API key: pass --api-key or set DOUBLETICK_API_KEY');
  if (given.out !== undefined && given.out.trim() === '') throw new UsageError('--out must be the path of the CSV file to write');
  const shared = resolveRunOptions({ input: 'chats', ...given }, env);
  return {
    assignedTo,
    waba: shared.waba,
    out: given.out,
    apiKey: shared.apiKey,
    baseUrl: shared.baseUrl,
    rate: shared.rate,
    rateAuto: shared.rateAuto,
    concurrency: shared.concurrency,
    timeoutMs: shared.timeoutMs,
    maxRetries: shared.maxRetries,
    defaultCountry: shared.defaultCountry,
  };
}
