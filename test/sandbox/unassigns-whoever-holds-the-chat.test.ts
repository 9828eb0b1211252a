import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { post, PRIYA, UNASSIGN, WABA } from './helpers.js';

describe('POST /team-member/unassign', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('answers 201 {success: true}, takes the assignee off, and accepts a chat nobody holds without a change', async () => {
    sandbox = await startSandbox({ port: 0 });
    const body = { customerPhoneNumber: '+91 98765 00001', wabaNumber: WABA };
    expect(await post(sandbox.url, UNASSIGN, body)).toMatchObject({ status: 201, body: { success: true } });
    expect(sandbox.state().assignees.some((a) => a.waba === WABA && a.customer === '919876500001')).toBe(false);
    expect(await post(sandbox.url, UNASSIGN, body)).toMatchObject({ status: 201, body: { success: true } });
    expect(sandbox.changes()).toEqual([{ seq: 1, kind: 'unassigned', waba: WABA, customer: '919876500001', agent: PRIYA }]);
  });
});
