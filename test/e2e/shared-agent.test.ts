// A row naming an agent that an earlier row already sends for the same chat: the agent is sent
// once, and the later row reports what really happened to it there, naming the earlier row.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, readCsvRaw, runCli } from './cli.js';
import { useHarness } from './harness.js';

const KEY = 'shared-agent-key-2d9c';
const env = { DOUBLETICK_API_KEY: KEY };

describe('collab-bulk run with an agent shared by two rows of one chat', () => {
  const harness = useHarness(KEY);

  // With the team directory the unknown agent is never sent (each row says so itself); without it the
  // agent goes out once, for row 1, and row 2 takes row 1's answer for it.
  it.each([
    ['coalesced', ['--no-team-check'], /\+919811109999.*row 1/],
    ['one request per row', ['--no-team-check', '--no-coalesce'], /\+919811109999.*row 1/],
    ['team directory', [], /\+919811109999: not a team member/],
  ])(
    'reports the later row partial when the shared agent failed for the earlier row (%s)',
    async (_name, extra, message) => {
      const sandbox = await harness.sandbox();
      const work = harness.dir();
      const input = join(work, 'in.csv');
      writeFileSync(
        input,
        ['customer_phone,agent_phone,waba_number', '+917000000001,+919811109999,919800000001', '+917000000001,+919811109999;+919811100001,919800000001', ''].join('\n'),
      );
      const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0', ...extra], { env });
      expect(result.code).toBe(2);
      const rows = readCsvFile(join(work, 'o/results.csv'));
      expect(rows.map((r) => [r.status, r.error_code])).toEqual([
        ['failed', 'agent_not_found'],
        ['partial', 'agent_not_found'],
      ]);
      expect(rows[1]!.error_message).toMatch(message);
      expect(rows[1]!.retryable).toBe('false');
      // The agent went out once, and the one that is a team member was added.
      expect(sandbox.state().collaborators.map((c) => c.agent)).toEqual(['919811100001']);
      expect(readCsvRaw(join(work, 'o/retry.csv'))).toHaveLength(1);
    },
  );

  it('reports the later row succeeded when the shared agent went through for the earlier row', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeFileSync(input, ['customer_phone,agent_phone,waba_number', '+917000000001,+919811100002,919800000001', '+917000000001,+919811100002;+919811100001,919800000001', ''].join('\n'));
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0'], { env });
    expect(result.code).toBe(0);
    expect(readCsvFile(join(work, 'o/results.csv')).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });
  it('reports partial a row whose only known agent an earlier row sent and whose other agent is not a team member', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeFileSync(input, ['customer_phone,agent_phone,waba_number', '+917000000001,+919811100002,919800000001', '+917000000001,+919811100002;+919811109999,919800000001', ''].join('\n'));
    const result = await runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, 'o'), '--rate', '0'], { env });
    expect(result.code).toBe(2);
    const rows = readCsvFile(join(work, 'o/results.csv'));
    expect(rows.map((r) => [r.status, r.error_code])).toEqual([
      ['succeeded', ''],
      ['partial', 'agent_not_found'],
    ]);
    expect(rows[1]!.error_message).toMatch(/\+919811109999/);
    expect(sandbox.state().requests).toBe(1);
  });
});
