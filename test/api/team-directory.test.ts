import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchTeam, parseTeam } from '../../src/api/team-directory.js';

describe('parseTeam', () => {
  it('reads name, phone and e-mail from the documented data list, ignoring the other fields', () => {
    const body = { data: [{ id: 'u1', name: 'Asha Rao', phone: '919811100001', email: 'asha@example.com', joinDate: '2024-01-01', reportingManager: [{ name: 'Boss' }], isOrganizationOwner: false }] };
    expect(parseTeam(body)).toEqual([{ name: 'Asha Rao', phone: '919811100001', email: 'asha@example.com' }]);
  });

  it('accepts a bare array and fills missing fields with empty strings', () => {
    expect(parseTeam([{ phone: 919811100001 }, null])).toEqual([{ name: '', phone: '919811100001', email: '' }]);
  });

  it('says undefined for an answer without a list', () => {
    expect(parseTeam({ message: 'ok' })).toBeUndefined();
    expect(parseTeam('<html></html>')).toBeUndefined();
  });
});

describe('fetchTeam', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    server = undefined;
  });

  async function serve(statuses: number[]): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    server = createServer((req, res) => {
      const status = statuses[Math.min(hits++, statuses.length - 1)]!;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { data: [{ name: 'A', phone: '919811100001', email: 'a@x.io' }] } : { statusCode: status, message: status === 401 ? 'Unauthorized' : 'nope' }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/prefix`, hits: () => hits };
  }

  it('answers unauthorized on a 401 without retrying', async () => {
    const { url, hits } = await serve([401]);
    expect(await fetchTeam({ baseUrl: url, apiKey: 'k', timeoutMs: 1000 })).toEqual({ kind: 'unauthorized', message: 'Unauthorized' });
    expect(hits()).toBe(1);
  });

  it('retries a 503 and reads the members once it answers', async () => {
    const { url, hits } = await serve([503, 200]);
    expect(await fetchTeam({ baseUrl: url, apiKey: 'k', timeoutMs: 1000 })).toMatchObject({ kind: 'ok', members: [{ name: 'A' }] });
    expect(hits()).toBe(2);
  });

  it('gives up on a 404 at once, as unavailable', async () => {
    const { url, hits } = await serve([404]);
    expect(await fetchTeam({ baseUrl: url, apiKey: 'k', timeoutMs: 1000 })).toEqual({ kind: 'unavailable', reason: 'HTTP 404: nope' });
    expect(hits()).toBe(1);
  });

  it('gives up after three tries when every answer is a 5xx', async () => {
    const { url, hits } = await serve([500]);
    expect((await fetchTeam({ baseUrl: url, apiKey: 'k', timeoutMs: 1000 })).kind).toBe('unavailable');
    expect(hits()).toBe(3);
  });

  it('does not trust an empty team, which would call every agent unknown', async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}'));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await fetchTeam({ baseUrl: url, apiKey: 'k', timeoutMs: 1000 })).toEqual({ kind: 'unavailable', reason: 'GET /team listed no team members' });
  });

  it('gives up within its budget when the API never answers, however long --timeout is', async () => {
    let hits = 0;
    server = createServer(() => void hits++);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const started = Date.now();
    const outcome = await fetchTeam({ baseUrl: url, apiKey: 'k', timeoutMs: 60_000, budgetMs: 500 });
    expect(outcome).toEqual({ kind: 'unavailable', reason: 'no answer before the timeout' });
    expect(hits).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says unavailable when nothing listens', async () => {
    const outcome = await fetchTeam({ baseUrl: 'http://127.0.0.1:9/', apiKey: 'k', timeoutMs: 1000 });
    expect(outcome).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/network error/) });
  });
});
