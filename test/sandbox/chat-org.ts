// An organisation for the GET /chats tests: 23 chats assigned to Priya over two WABAs, 3 to Arjun,
// 2 unassigned, and a forbidden chat of Priya's that must never be listed.
import type { Org } from '../../src/sandbox/index.js';

export const W1 = '919800000001';
export const W2 = '919800000002';
export const PRIYA = '919811100005';
export const ARJUN = '919811100006';

export const customerNo = (i: number): string => `9198765${String(i).padStart(5, '0')}`;

/** Priya's customers 0-22 (odd ones on W2), Arjun's 23-25, nobody's 26-27, and 28 (forbidden, Priya's). */
export function chatOrg(): Org {
  const chats = Array.from({ length: 29 }, (_, i) => ({
    waba: i < 23 && i % 2 === 1 ? W2 : W1,
    customer: customerNo(i),
    ...(i < 23 || i === 28 ? { assignee: PRIYA } : i < 26 ? { assignee: `+${ARJUN}` } : {}),
  }));
  return {
    wabaNumbers: [W1, W2],
    teamMembers: [
      { name: 'Priya Nair', phone: `+${PRIYA}`, email: 'priya.nair@example.com' },
      { name: 'Arjun Das', phone: ARJUN, email: 'arjun.das@example.com' },
    ],
    chats,
    forbiddenChats: [{ waba: W1, customer: customerNo(28) }],
  };
}

export interface ChatPage {
  chats: Record<string, unknown>[];
  paginationOptions: { hasMoreChats: boolean; nextChatId: string | null; nextChatTimestamp: number | null };
}
