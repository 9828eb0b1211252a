import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { startSandbox } from '../../src/sandbox/index.js';

describe('startSandbox refuses an invalid organisation before listening', () => {
  it('names the field for an in-process object', async () => {
    const org = { wabaNumbers: ['919800000001'], teamMembers: [{ name: 'A', phone: 42 }], chats: [], forbiddenChats: [] };
    const started = startSandbox({ port: 0, org: org as never });
    await expect(started).rejects.toBeInstanceOf(InputError);
    await expect(started).rejects.toThrow('teamMembers[0].phone must be a phone number string with digits, received 42');
  });

  it('names the file when it is not JSON, missing, or lists a chat on an unknown WABA', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-org-'));
    try {
      const notJson = join(dir, 'not-json.json');
      await writeFile(notJson, '{ wabaNumbers: ');
      await expect(startSandbox({ port: 0, org: notJson })).rejects.toThrow(/^Organisation file .*not-json\.json is not JSON/);

      await expect(startSandbox({ port: 0, org: join(dir, 'missing.json') })).rejects.toThrow(/Cannot read organisation file/);

      const badChat = join(dir, 'bad-chat.json');
      const org = { wabaNumbers: ['1'], teamMembers: [], chats: [{ waba: '2', customer: '3' }], forbiddenChats: [] };
      await writeFile(badChat, JSON.stringify(org));
      await expect(startSandbox({ port: 0, org: badChat })).rejects.toThrow(/chats lists WABA 2, which is not in wabaNumbers/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
