// Generated inputs for end-to-end tests: an organisation where every customer has an open chat,
// and CSVs of any size with distinct chats, written to a temp dir.
import { writeFileSync } from 'node:fs';
import type { Org } from '../../src/sandbox/index.js';

export const WABA = '919800000001';
export const AGENTS = Array.from({ length: 8 }, (_, i) => `9198111000${String(i + 1).padStart(2, '0')}`);

export function openOrg(): Org {
  return {
    wabaNumbers: [WABA],
    teamMembers: AGENTS.map((phone, i) => ({ name: `Agent ${i + 1}`, phone })),
    chats: [],
    forbiddenChats: [],
    acceptAnyCustomer: true,
  };
}

export function customer(i: number): string {
  return `91700${String(i).padStart(7, '0')}`;
}

/** `rows` rows, each its own chat, `agentsPerRow` agents joined by ';'. */
export function writeRows(path: string, rows: number, agentsPerRow = 1): string[] {
  const pairs: string[] = [];
  const lines = ['customer_phone,agent_phone,waba_number'];
  for (let i = 0; i < rows; i++) {
    const agents = Array.from({ length: agentsPerRow }, (_, j) => AGENTS[(i + j) % AGENTS.length]!);
    for (const agent of agents) pairs.push(`${WABA}|${customer(i)}|${agent}`);
    lines.push(`+${customer(i)},${agents.map((a) => `+${a}`).join(';')},${WABA}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return pairs;
}

export function pairsOf(state: { collaborators: { waba: string; customer: string; agent: string }[] }): string[] {
  return state.collaborators.map((c) => `${c.waba}|${c.customer}|${c.agent}`).sort();
}
