// Decides what to do with one CSV record: send it (with normalised numbers, agents read against the
// team directory when there is one) or record it as invalid with a reason a person understands.
// Pure: no I/O, no memory of other rows.
import type { CountryCode } from 'libphonenumber-js';
import type { CsvRecord } from '../input/reader.js';
import type { ColumnMap } from '../input/columns.js';
import { normalisePhone } from './phone.js';
import { splitAgents } from './agents.js';
import { resolveAgent, type TeamIndex } from './team.js';
import type { PairAction, PairOutcome } from './pair.js';
import type { RowResult } from './row-result.js';

export interface AgentNumber {
  /** As written in the cell (kept for retry.csv). */
  raw: string;
  /** E.164 digits, what is sent. */
  digits: string;
  /** The team member's display name, when the team directory knows it. */
  name?: string;
  /** Its place in the cell (0-based), so a row's names and messages follow the cell's order. */
  at?: number;
}

export interface SendPlan {
  kind: 'send';
  row: number;
  waba: string;
  customer: string;
  agents: AgentNumber[];
  /** Agents the team directory does not know: not sent, they end `agent_not_found` with no request. */
  notFound?: { raw: string; message: string; at?: number }[];
  /** A reassignment row's agents to take off the chat, once every agent to put on went through. */
  from?: AgentNumber[];
  /** The agent to make the chat's primary assignee once every agent put on went through (--assign, or an assign_to cell). */
  assignTo?: AgentNumber;
  /** The row's own action (an action column); --action when left out. */
  action?: PairAction;
  /** --state: agents whose pair an earlier run applied, by digits (not sent again). */
  fromState?: ReadonlyMap<string, PairOutcome>;
  /** Agents of this row that an earlier row already sends (dedupe): their outcome is that row's. */
  shared?: { agent: AgentNumber; firstRow: number }[];
}

/** A done row whose chat was read (its agents are what is wrong) keeps the chat, so --shard puts it with the chat's other rows. */
export type RowPlan = SendPlan | { kind: 'done'; result: RowResult; chat?: { waba: string; customer: string } };

export interface PlanContext {
  header: readonly string[];
  columns: ColumnMap;
  /** --waba: used when the file has no WABA column, or its cell is empty. */
  fixedWaba?: string;
  defaultCountry?: CountryCode;
  /** The team directory; without it phones are sent as written and e-mails and names cannot be read. */
  team?: TeamIndex;
  /** The per-row action column, when the file has one. */
  actionColumn?: number;
  /** A reassignment file's from-agents column (the agent column is then its to-agents). */
  fromColumn?: number;
  /** An `assign_to` column (undo.csv): the agent to make the chat's assignee once the row's adds went through. */
  assignColumn?: number;
  /** --assign: a reassignment row with exactly one to-agent makes it the chat's assignee. */
  assign?: boolean;
}

export function planRow(record: CsvRecord, context: PlanContext): RowPlan {
  if (record.notARow) return { kind: 'done', result: { row: record.row, status: 'skipped', errorCode: 'not_a_row', errorMessage: record.notARow, attempts: 0, retryable: false } };
  if (record.badEncoding) return invalid(record.row, 'bad_encoding', record.badEncoding);
  if (record.malformed) return invalid(record.row, 'malformed_row', record.malformed);
  const { columns, header } = context;
  const cell = (index: number | undefined): string => (index === undefined ? '' : (record.fields[index] ?? '').trim());
  const customerCell = cell(columns.customer);
  const fromCell = cell(context.fromColumn);
  // A reassignment row may only take agents off: its to-cell is then empty.
  const agentCell = cell(columns.agent) || (fromCell ? '-' : '');
  const wabaCell = cell(columns.waba) || (context.fixedWaba ?? '');
  const name = (index: number | undefined, fallback: string): string => (index === undefined ? fallback : (header[index] ?? fallback));

  for (const [value, column] of [
    [customerCell, name(columns.customer, 'customer')],
    [agentCell, name(columns.agent, 'agent')],
    [wabaCell, name(columns.waba, '--waba')],
  ] as const) {
    if (value === '') return invalid(record.row, 'missing_value', `${column} is empty`);
  }

  const action = actionOf(cell(context.actionColumn));
  if (action === 'invalid') return invalid(record.row, 'invalid_action', `${name(context.actionColumn, 'action')} "${cell(context.actionColumn)}" is neither add nor remove`);
  const customer = phone(customerCell, name(columns.customer, 'customer'), context);
  if (!customer.ok) return invalid(record.row, 'invalid_phone', customer.message);
  const waba = phone(wabaCell, name(columns.waba, '--waba'), context);
  if (!waba.ok) return invalid(record.row, 'invalid_phone', waba.message);

  const chat = { waba: waba.digits, customer: customer.digits };
  const to = agentCell === '-' ? { agents: [], notFound: [] } : resolveCell(record.row, agentCell, name(columns.agent, 'agent'), context, 0);
  if ('kind' in to) return { ...to, chat };
  if (to.agents.length === 0 && to.notFound.length > 0) return { ...unknownAgents(record.row, to.notFound), chat };
  const from = fromCell ? resolveCell(record.row, fromCell, name(context.fromColumn, 'from'), context, FROM_AT) : undefined;
  if (from && 'kind' in from) return { ...from, chat };
  const plan: SendPlan = { kind: 'send', row: record.row, ...chat, agents: to.agents };
  const notFound = [...to.notFound, ...(from?.notFound ?? [])];
  // An agent both taken off and put on stays as it is.
  const staying = new Set(to.agents.map((agent) => agent.digits));
  const leaving = from?.agents.filter((agent) => !staying.has(agent.digits));
  const onlyOn = from ? to.agents.filter((agent) => !from.agents.some((off) => off.digits === agent.digits)) : to.agents;
  const assignCell = cell(context.assignColumn);
  const assigned = assignCell ? resolveCell(record.row, assignCell, name(context.assignColumn, 'assign_to'), context, 0) : undefined;
  if (assigned && 'kind' in assigned) return { ...assigned, chat };
  const assignTo = assigned ? assigned.agents[0] : context.assign && from && to.agents.length === 1 ? to.agents[0] : undefined;
  if (assigned && !assignTo) return { ...unknownAgents(record.row, assigned.notFound), chat };
  return { ...plan, agents: onlyOn, ...(notFound.length > 0 ? { notFound } : {}), ...(leaving ? { from: leaving } : {}), ...(assignTo ? { assignTo } : {}), ...(action ? { action } : {}) };
}

/** From-agents come after the to-agents in a row's messages and names. */
const FROM_AT = 1000;

type CellAgents = { agents: AgentNumber[]; notFound: { raw: string; message: string; at?: number }[] };

function resolveCell(row: number, cellText: string, column: string, context: PlanContext, atBase: number): CellAgents | Extract<RowPlan, { kind: 'done' }> {
  const agents: AgentNumber[] = [];
  const notFound: { raw: string; message: string; at?: number }[] = [];
  const seen = new Set<string>();
  const pieces = splitAgents(cellText);
  if (pieces.length === 0) return invalid(row, 'missing_value', `${column} has no number`);
  for (const [index, raw] of pieces.entries()) {
    const at = atBase + index;
    const agent = resolveAgent(raw, column, context.team, context.defaultCountry);
    if (agent.kind === 'invalid') return invalid(row, 'invalid_phone', agent.message);
    if (agent.kind === 'ambiguous') return invalid(row, 'ambiguous_agent', agent.message);
    // Rerun once the directory can be read (or without --no-team-check).
    if (agent.kind === 'unresolved') return invalid(row, 'agent_unresolved', agent.message, true);
    if (agent.kind === 'not_found') notFound.push({ raw, message: agent.message, at });
    // The same agent twice in one cell is one collaborator: send it once.
    else if (!seen.has(agent.digits)) {
      seen.add(agent.digits);
      agents.push(agent.name === undefined ? { raw, digits: agent.digits, at } : { raw, digits: agent.digits, name: agent.name, at });
    }
  }
  return { agents, notFound };
}

/** A row whose agents the directory knows none of: failed without a request. */
export function unknownAgents(row: number, notFound: readonly { raw: string; message: string }[]): Extract<RowPlan, { kind: 'done' }> {
  const several = notFound.length > 1;
  const errorMessage = several ? notFound.map((agent) => `agent ${agent.raw}: ${agent.message}`).join('; ') : (notFound[0]?.message ?? 'no agent is a team member');
  return { kind: 'done', result: { row, status: 'failed', errorCode: 'agent_not_found', errorMessage, attempts: 0, retryable: false } };
}

function phone(
  raw: string,
  column: string,
  context: PlanContext,
): { ok: true; digits: string } | { ok: false; message: string } {
  const result = normalisePhone(raw, context.defaultCountry);
  return result.ok ? result : { ok: false, message: `${column} "${raw}" ${result.reason}` };
}

/** The action cell: add, remove (any case), undefined when empty (--action), or invalid. */
function actionOf(cell: string): PairAction | 'invalid' | undefined {
  const word = cell.toLowerCase();
  if (word === '') return undefined;
  return word === 'add' || word === 'remove' ? word : 'invalid';
}

type InvalidCode = 'invalid_action' | 'bad_encoding' | 'malformed_row' | 'missing_value' | 'invalid_phone' | 'ambiguous_agent' | 'agent_unresolved';

function invalid(row: number, code: InvalidCode, message: string, retryable = false): Extract<RowPlan, { kind: 'done' }> {
  return { kind: 'done', result: { row, status: 'invalid', errorCode: code, errorMessage: message, attempts: 0, retryable } };
}
