// Reads a 2xx answer of the collaborator endpoints and says, for each agent number we sent, what
// the answer says of it. DoubleTick documents `{success: [{number, name}], failed: [{number}]}` and
// echoes numbers in its own spelling ("+" added, country code left out), so echoes are matched to
// what was sent by src/rows/digits-match.ts: the same digits, or a national-form echo whose national
// significant number and country are those of one sent number. Never by a shared tail of digits.
// Pure: tested without a network.
import type { CountryCode } from 'libphonenumber-js';
import { findNumber, full, spell, type Spelling } from '../rows/digits-match.js';

export interface Echo {
  /** Digits of the echoed number. */
  digits: string;
  /** Echoed with "+" or "00": its digits carry the country code. */
  full?: boolean;
  /** The member's display name, when the answer gives one. */
  name?: string;
}

export interface ParsedAnswer {
  success: Echo[];
  failed: Echo[];
}

export type AgentVerdict = { kind: 'success'; name?: string } | { kind: 'failed' } | { kind: 'missing' };

/** Tolerant reading: lists of objects or bare strings, `failure` as an alias of `failed`, an optional `data` wrapper, extra fields. */
export function parseAnswer(body: unknown): ParsedAnswer {
  const record = isRecord(body) ? body : {};
  const payload = isRecord(record.data) ? record.data : record;
  return { success: echoes(payload.success), failed: [...echoes(payload.failed), ...echoes(payload.failure)] };
}

/**
 * One verdict per sent number (digits as sent), in the order sent. `success` wins over `failed` if
 * an agent is in both. `defaultCountry` is --default-country: the country a national echo is read in.
 */
export function matchAnswer(sent: readonly string[], answer: ParsedAnswer, defaultCountry?: CountryCode): AgentVerdict[] {
  const verdicts: AgentVerdict[] = sent.map(() => ({ kind: 'missing' }));
  const spelt = sent.map(full);
  for (const echo of answer.failed) {
    const index = findSent(spelt, echo, defaultCountry);
    if (index !== undefined && verdicts[index]!.kind === 'missing') verdicts[index] = { kind: 'failed' };
  }
  for (const echo of answer.success) {
    const index = findSent(spelt, echo, defaultCountry);
    if (index === undefined) continue;
    const earlier = verdicts[index]!;
    const name = echo.name ?? (earlier.kind === 'success' ? earlier.name : undefined);
    verdicts[index] = name === undefined ? { kind: 'success' } : { kind: 'success', name };
  }
  return verdicts;
}

/**
 * The index of the sent number an echo stands for (see findNumber). Sent digits carry no "+": one
 * normalised from the file is full, but one copied from a team directory in national form is not,
 * and the request does not say which. So each is read as full; only a full echo that no sent number
 * equals is tried again with the sent numbers read as bare: it then fits the one it is the national
 * form of (for a full echo the first reading fits by equal digits only, so nothing ambiguous is retried).
 */
export function findSent(sent: readonly Spelling[], echo: Echo, defaultCountry?: CountryCode): number | undefined {
  const wanted = { digits: echo.digits, full: echo.full === true };
  const index = findNumber(sent, wanted, defaultCountry);
  return index !== undefined || !wanted.full ? index : findNumber(sent.map(bare), wanted, defaultCountry);
}

const bare = (spelling: Spelling): Spelling => ({ digits: spelling.digits, full: false });

function echoes(value: unknown): Echo[] {
  if (!Array.isArray(value)) return [];
  const out: Echo[] = [];
  for (const item of value) {
    const echo = readEcho(item);
    if (echo) out.push(echo);
  }
  return out;
}

function readEcho(item: unknown): Echo | undefined {
  if (typeof item === 'string' || typeof item === 'number') return echoOf(String(item));
  if (!isRecord(item)) return undefined;
  const raw = item.number ?? item.agentNumber ?? item.phone;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const name = typeof item.name === 'string' && item.name.trim() !== '' ? item.name.trim() : undefined;
  return echoOf(String(raw), name);
}

/** Digits, and `full` and `name` only when the echo has them, so that tests and logs read as before. */
function echoOf(text: string, name?: string): Echo | undefined {
  const { digits, full } = spell(text);
  if (!digits) return undefined;
  const echo: Echo = full ? { digits, full } : { digits };
  // Added to the literal, not spread into a copy: V8 adds a property to a spread copy on a slow path (README, "Performance").
  if (name !== undefined) echo.name = name;
  return echo;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
