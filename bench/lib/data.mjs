// Generated benchmark inputs, written to a temp dir: an organisation where every customer has an
// open chat, and CSVs shaped like a CRM export (one agent per row; a chat with several agents is
// several adjacent rows of the same customer, as an export sorted by customer would have them).
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';

export const WABA = '919800000001';
export const AGENTS = Array.from({ length: 8 }, (_, i) => `9198111000${String(i + 1).padStart(2, '0')}`);

export function writeOrg(path) {
  const org = {
    description: 'collab-bulk benchmark: every customer of 8-15 digits has an open chat',
    wabaNumbers: [WABA],
    teamMembers: AGENTS.map((phone, i) => ({ name: `Agent ${i + 1}`, phone })),
    chats: [],
    forbiddenChats: [],
    acceptAnyCustomer: true,
  };
  writeFileSync(path, JSON.stringify(org));
  return path;
}

export function customer(i) {
  return `9170${String(i).padStart(8, '0')}`;
}

/** Row i (0-based) of a file with `agentsPerChat` adjacent rows per customer: [waba, customer, agent]. */
export function rowAt(i, agentsPerChat = 1) {
  const chat = Math.floor(i / agentsPerChat);
  return [WABA, customer(chat), AGENTS[(chat + (i % agentsPerChat)) % AGENTS.length]];
}

/** Writes `rows` rows; returns the path. Streams, so a million rows never sit in memory. */
export async function writeCsv(path, rows, agentsPerChat = 1) {
  const out = createWriteStream(path);
  out.write('customer_phone,agent_phone,waba_number\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const [waba, cust, agent] = rowAt(i, agentsPerChat);
    chunk += `+${cust},+${agent},${waba}\n`;
    if (chunk.length > 64 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return path;
}

/** Copies the header and the first `rows` rows of `from` into `to`. */
export async function headCsv(from, to, rows) {
  const { createReadStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  const lines = [];
  for await (const line of createInterface({ input: createReadStream(from), crlfDelay: Infinity })) {
    lines.push(line);
    if (lines.length > rows) break;
  }
  writeFileSync(to, `${lines.join('\n')}\n`);
  return to;
}
