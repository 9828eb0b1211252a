// Reads a 2xx answer of the collaborator endpoints and says, for each agent number we sent, what
// the answer says of it. DoubleTick documents `{success: [{number, name}], failed: [{number}]}` and
// echoes numbers in its own spelling ("+" added, country code left out), so echoes are matched to
// what was sent by digits, or by an unambiguous trailing match when the echo is in national form.
// Pure: tested without a network.
import { findByDigits } from '../rows/digits-match.js';

export interface Echo {
  /** Digits of the echoed number. */
  digits: string;
  /** The member's display name, when the answer gives one. */
  name?: string;
}

export interface ParsedAnswer {
  success: Echo[];
  failed: Echo[];
}

export type AgentVerdict = { kind: 'success'; name?: string } | { kind: 'failed' } | { kind: 'missing' };

const digitsOnly = (value: string): string => value.replace(/\D+/g, '');

/** Tolerant reading: lists of objects or bare strings, `failure` as an alias of `failed`, an optional `data` wrapper, extra fields. */
export function parseAnswer(body: unknown): ParsedAnswer {
  const record = isRecord(body) ? body : {};
  const payload = isRecord(record.data) ? record.data : record;
  return { success: echoes(payload.success), failed: [...echoes(payload.failed), ...echoes(payload.failure)] };
}

/** One verdict per sent number, in the order sent. `success` wins over `failed` if an agent is in both. */
export function matchAnswer(sent: readonly string[], answer: ParsedAnswer): AgentVerdict[] {
  const verdicts: AgentVerdict[] = sent.map(() => ({ kind: 'missing' }));
  for (const echo of answer.failed) {
    const index = findSent(sent, echo.digits);
    if (index !== undefined && verdicts[index]!.kind === 'missing') verdicts[index] = { kind: 'failed' };
  }
  for (const echo of answer.success) {
    const index = findSent(sent, echo.digits);
    if (index === undefined) continue;
    const earlier = verdicts[index]!;
    const name = echo.name ?? (earlier.kind === 'success' ? earlier.name : undefined);
    verdicts[index] = name === undefined ? { kind: 'success' } : { kind: 'success', name };
  }
  return verdicts;
}

/** The index of the sent number an echo stands for (see findByDigits). */
export function findSent(sent: readonly string[], echoDigits: string): number | undefined {
  return findByDigits(sent, echoDigits);
}

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
  if (typeof item === 'string' || typeof item === 'number') {
    const digits = digitsOnly(String(item));
    return digits ? { digits } : undefined;
  }
  if (!isRecord(item)) return undefined;
  const raw = item.number ?? item.agentNumber ?? item.phone;
  const digits = typeof raw === 'string' || typeof raw === 'number' ? digitsOnly(String(raw)) : '';
  if (!digits) return undefined;
  const name = typeof item.name === 'string' && item.name.trim() !== '' ? item.name.trim() : undefined;
  return name === undefined ? { digits } : { digits, name };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
