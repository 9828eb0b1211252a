import { describe, expect, it } from 'vitest';
import { resolveChatsOptions } from '../../src/run/chats-options.js';

describe('resolveChatsOptions', () => {
  it("takes run's defaults and its checks for the shared flags, and the key from the environment", () => {
    const options = resolveChatsOptions({ assignedTo: ' priya@example.com ', waba: '+91 98000 00001' }, { DOUBLETICK_API_KEY: 'k' });
    expect(options).toMatchObject({ assignedTo: 'priya@example.com', waba: '919800000001', out: undefined, apiKey: 'k', baseUrl: 'https://public.doubletick.io', rate: 100, rateAuto: true, timeoutMs: 30_000, maxRetries: 5 });
    expect(resolveChatsOptions({ assignedTo: 'x', rate: '0', apiKey: 'k', out: 'move.csv' }, {})).toMatchObject({ rate: 0, rateAuto: false, out: 'move.csv' });
  });

  it('refuses, in one sentence naming the flag, what run would refuse and what chats needs', () => {
    const refused = (input: Parameters<typeof resolveChatsOptions>[0], env: NodeJS.ProcessEnv = { DOUBLETICK_API_KEY: 'k' }) => () => resolveChatsOptions(input, env);
    expect(refused({ assignedTo: '  ' })).toThrow('--assigned-to must name an agent: a phone number, an e-mail or a full name');
    expect(refused({ assignedTo: 'x' }, {})).toThrow('no API key: pass --api-key or set DOUBLETICK_API_KEY');
    expect(refused({ assignedTo: 'x', rate: 'fast' })).toThrow('--rate must be auto or a number');
    expect(refused({ assignedTo: 'x', baseUrl: 'ftp://x' })).toThrow('--base-url must be an http(s) URL');
    expect(refused({ assignedTo: 'x', waba: 'abc' })).toThrow('--waba "abc"');
    expect(refused({ assignedTo: 'x', out: '' })).toThrow('--out must be the path of the CSV file to write');
  });
});
