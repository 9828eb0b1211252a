// A reassignment file names, per chat, the agents to take off and the agents to put on: columns
// such as `from_agent` / `to_agent`, `old agent` / `new agent`, `previous owner` / `new owner`,
// `from owner` / `to collaborator`. Both must be there; then the to-column is the agent column and
// the bare `from` / `to` columns stay the WABA and the customer. Pure.
const WHO = new Set(['agent', 'agents', 'owner', 'owners', 'collaborator', 'collaborators', 'assignee']);
const FROM = new Set(['from', 'old', 'previous', 'current']);
const TO = new Set(['to', 'new', 'next']);

export interface ReassignColumns {
  from: number;
  to: number;
}

export function findReassignColumns(header: readonly string[]): ReassignColumns | undefined {
  const from = header.findIndex((name) => isSide(name, FROM));
  const to = header.findIndex((name) => isSide(name, TO));
  return from === -1 || to === -1 ? undefined : { from, to };
}

/** Two words: one of `side`, then (or before) one naming an agent: "from_agent", "New Owner", "agentTo". */
function isSide(name: string, side: ReadonlySet<string>): boolean {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/).filter(Boolean);
  return words.length === 2 && words.some((word) => side.has(word)) && words.some((word) => WHO.has(word));
}
