import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { chatOrg, PRIYA, W1, W2, type ChatPage } from './chat-org.js';
import { get } from './helpers.js';

describe('GET /chats?wabaNumbers=', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('keeps the chats of the listed WABA numbers, compared on digits, comma-separated', async () => {
    sandbox = await startSandbox({ port: 0, org: chatOrg() });
    const wabasOf = async (query: string) => ((await get(sandbox!.url, `/chats?limit=100&${query}`)).body as ChatPage).chats.map((chat) => chat.wabaNumber);
    const onW2 = await wabasOf(`assignedUserPhone=${PRIYA}&wabaNumbers=${encodeURIComponent(`+${W2}`)}`);
    expect(onW2).toHaveLength(11);
    expect(new Set(onW2)).toEqual(new Set([W2]));
    expect(await wabasOf(`assignedUserPhone=${PRIYA}&wabaNumbers=${W1},${W2}`)).toHaveLength(23);
    expect(await wabasOf('wabaNumbers=919800000009')).toEqual([]);
  });
});
