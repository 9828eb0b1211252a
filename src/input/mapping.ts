// Input stage: says which column was chosen for each role, in the one line `run` and `validate`
// print first and in the `columns` record of summary.json, so a run that used the wrong column
// can never look like success: the morning shift sees "customer ← "Phone"" and knows. When the
// cells, not the words, decided a column, the line says which better-named column held no numbers.
import { describeContent } from './column-content.js';
import type { ColumnChoice, ColumnRole, ContentDecision } from './columns.js';

export interface ChosenColumn {
  /** The header name as written. */
  header: string;
  /** 1-based column number (names can repeat). */
  column: number;
}

/** The `columns` field of summary.json. */
export interface ColumnsRecord {
  /** The mapping line exactly as printed. */
  line: string;
  customer: ChosenColumn;
  agent: ChosenColumn;
  /** The WABA column, or null when every row takes --waba. */
  waba: ChosenColumn | null;
  /** --waba was given: it fills the WABA of every row (or of empty cells when there is a column). */
  wabaFlag: boolean;
  /** Other phone-like columns that were not used for the customer. */
  alsoPhoneLike: string[];
  /** Other owner/agent columns that were not used for the agent. */
  alsoAgent: string[];
  /** Roles the cells decided: the better-named columns passed over, with what their first rows held. */
  byContent: { role: ColumnRole; passedOver: (ChosenColumn & { cells: number; phones: number })[] }[];
}

export function describeColumns(header: readonly string[], choice: ColumnChoice, wabaFlag: boolean): ColumnsRecord {
  const chosen = (index: number): ChosenColumn => ({ header: header[index] ?? '', column: index + 1 });
  const names = (indexes: readonly number[]): string[] => indexes.map((i) => header[i] ?? '');
  const alsoPhoneLike = names(choice.alsoCustomer);
  const alsoAgent = names(choice.alsoAgent);
  const byContent = choice.byContent ?? [];
  const content = (role: ColumnRole): string => decided(header, byContent.find((entry) => entry.role === role));
  const customer = `customer ← ${quoted(header[choice.customer])}${content('customer')}${also('also phone-like', alsoPhoneLike)}`;
  const agent = `agent ← ${quoted(header[choice.agent])}${also('also', alsoAgent)}`;
  const waba =
    choice.waba === undefined
      ? 'WABA ← --waba'
      : `WABA ← ${quoted(header[choice.waba])}${content('waba')}${wabaFlag ? ' (empty cells: --waba)' : ''}`;
  return {
    line: `${customer}, ${agent}, ${waba}`,
    customer: chosen(choice.customer),
    agent: chosen(choice.agent),
    waba: choice.waba === undefined ? null : chosen(choice.waba),
    wabaFlag,
    alsoPhoneLike,
    alsoAgent,
    byContent: byContent.map(({ role, passedOver }) => ({
      role,
      passedOver: passedOver.map(({ index, content: { cells, phones } }) => ({ ...chosen(index), cells, phones })),
    })),
  };
}

/** ` (chosen by its content: "WhatsApp Opted In" holds no phone numbers)`, or nothing. */
function decided(header: readonly string[], decision: ContentDecision | undefined): string {
  if (!decision) return '';
  const said = decision.passedOver.map(({ index, content }) => `${quoted(header[index])} ${describeContent(content)}`).join(', ');
  return ` (chosen by its content: ${said})`;
}

function quoted(name: string | undefined): string {
  return JSON.stringify(name ?? '');
}

function also(label: string, names: readonly string[]): string {
  return names.length === 0 ? '' : ` (${label}: ${names.map(quoted).join(', ')})`;
}
