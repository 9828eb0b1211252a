// How the real CLI reads the answers DoubleTick's reference allows, against a server scripted to
// give each one: the path below a base URL with its own path, agents echoed in national form or
// left out of both lists, validation messages as arrays, a proxy's HTML page, a 429 without
// Retry-After.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCsvFile, runCli, tempDir } from './cli.js';
import { collaboratorCalls, startScriptedServer, type Received, type Scripted, type ScriptedServer } from './scripted-server.js';

const KEY = 'answers-key-90c1';
const env = { DOUBLETICK_API_KEY: KEY };
const A = '919811100001';
const B = '919811100002';

const servers: ScriptedServer[] = [];
const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

async function run(answer: (request: Received, index: number) => Scripted, rows: string[], extra: string[] = ['--no-team-check'], basePath = '') {
  const server = await startScriptedServer(answer);
  servers.push(server);
  const dir = tempDir();
  dirs.push(dir);
  const input = join(dir.path, 'in.csv');
  writeFileSync(input, `customer_phone,agent_phone,waba_number\n${rows.join('\n')}\n`);
  const result = await runCli(['run', input, '--base-url', `${server.url}${basePath}`, '--out', join(dir.path, 'o'), '--rate', '0', ...extra], { env });
  if (result.code === null || result.code === 1) throw new Error(`the run ended ${result.code ?? result.signal}: ${result.stderr}`);
  return { result, server, rows: readCsvFile(join(dir.path, 'o/results.csv')) };
}

const agentsOf = (request: Received): string[] => (request.body as { agentNumbers: string[] }).agentNumbers;

describe('collab-bulk run reading DoubleTick answers', () => {
  it('posts to /collaborators/add below the path of --base-url, with the bare key and the documented body', async () => {
    const { result, server } = await run(() => ({ status: 200, body: { success: [{ number: `+${A}`, name: 'Asha Rao' }], failed: [] } }), [`+919876500001,+${A},919800000001`], [], '/dt');
    expect(result.code).toBe(0);
    expect(collaboratorCalls(server.received)).toEqual([
      { method: 'POST', path: '/dt/collaborators/add', authorization: KEY, body: { from: '919800000001', to: '919876500001', agentNumbers: [A] } },
    ]);
  });

  it('reads GET /team below the same prefix, once, before the first collaborator request', async () => {
    const team = { data: [{ id: 'u1', name: 'Asha Rao', phone: '+91 98111 00001', email: 'asha@example.com', reportingManager: [] }] };
    const { result, server, rows } = await run(
      (request) => (request.method === 'GET' ? { status: 200, body: team } : { status: 200, body: { success: [{ number: `+${A}`, name: 'Asha Rao' }], failed: [] } }),
      [`+919876500001,ASHA@example.com,919800000001`, `+919876500002,+${A},919800000001`],
      [],
      '/dt',
    );
    expect(result.code).toBe(0);
    expect(server.received.map((request) => `${request.method} ${request.path} ${request.authorization}`)).toEqual([
      `GET /dt/team ${KEY}`,
      `POST /dt/collaborators/add ${KEY}`,
      `POST /dt/collaborators/add ${KEY}`,
    ]);
    expect(collaboratorCalls(server.received).map(agentsOf)).toEqual([[A], [A]]);
    expect(rows.map((r) => r.agent_names)).toEqual(['Asha Rao', 'Asha Rao']);
  });

  it('matches national-form echoes by their national number and fills agent_names from the answer', async () => {
    const { result, rows } = await run(
      () => ({ status: 200, body: { success: [{ number: '9811100001', name: 'Asha Rao', extra: 1 }, { number: '9811100002', name: null }], failed: [] } }),
      [`+919876500001,+${A};+${B},919800000001`],
    );
    expect(result.code).toBe(0);
    expect(rows[0]).toMatchObject({ status: 'succeeded', attempts: '1', agent_names: 'Asha Rao' });
  });

  it('resends an agent the answer does not mention once, then calls it unconfirmed and retryable', async () => {
    const { result, server, rows } = await run(() => ({ status: 200, body: { success: [{ number: A, name: 'Asha Rao' }] } }), [`+919876500001,+${A};+${B},919800000001`]);
    expect(result.code).toBe(2);
    const calls = collaboratorCalls(server.received).map(agentsOf);
    expect(calls).toEqual([[A, B], [B]]);
    expect(rows[0]).toMatchObject({ status: 'partial', error_code: 'unconfirmed', retryable: 'true', agent_names: 'Asha Rao' });
  });

  it('never resends an agent listed under failed, even as a bare string under failure', async () => {
    const { server, rows } = await run(() => ({ status: 200, body: { success: [], failure: [B] } }), [`+919876500001,+${B},919800000001`]);
    expect(collaboratorCalls(server.received)).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed', error_code: 'agent_not_found', attempts: '1', retryable: 'false' });
  });

  it('joins a 400 message array into error_message', async () => {
    const { rows } = await run(
      () => ({ status: 400, body: { statusCode: 400, message: ['from must be a string', 'agentNumbers must contain at least 1 elements'], error: 'Bad Request' } }),
      [`+919876500001,+${A},919800000001`],
    );
    expect(rows[0]).toMatchObject({ status: 'failed', error_code: 'bad_request', error_message: 'from must be a string; agentNumbers must contain at least 1 elements' });
  });

  it("retries a proxy's HTML 502 page and reports it by its title", async () => {
    const page = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    const { server, rows } = await run(() => ({ status: 502, body: page }), [`+919876500001,+${A},919800000001`], ['--max-retries', '1', '--no-team-check']);
    expect(collaboratorCalls(server.received)).toHaveLength(2);
    expect(rows[0]).toMatchObject({ status: 'failed', http_status: '502', error_code: 'server_error', error_message: 'HTTP 502, not JSON: 502 Bad Gateway', retryable: 'true' });
  });

  it('backs off on its own after a 429 without Retry-After, then goes through', async () => {
    const throttled = { statusCode: 429, message: 'Too Many Requests: Rate Limit Exceeded', error: 'Too Many Requests' };
    const { result, server, rows } = await run(
      (_request, index) => (index === 0 ? { status: 429, body: throttled } : { status: 200, body: { success: [{ number: `+${A}`, name: 'Asha Rao' }], failed: [] } }),
      [`+919876500001,+${A},919800000001`],
    );
    expect(result.code).toBe(0);
    expect(collaboratorCalls(server.received)).toHaveLength(2);
    expect(rows[0]).toMatchObject({ status: 'succeeded', attempts: '2' });
  });
});
