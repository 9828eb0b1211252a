// The one change the build makes to got as it joins it into the binary
// (scripts/got-request-options.mjs): the options each request hands to node:http are the same,
// key for key and value for value, as stock got's. got is joined here the way the build joins it,
// and its Options compared with stock got's for plain, HTTPS, cache and unix-socket requests.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { Options as StockOptions, type OptionsInit } from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotRequestOptions, spreadsLast } from '../../scripts/got-request-options.mjs';
import { ROOT } from '../e2e/cli.js';

const GOT_OPTIONS_MODULE = join(ROOT, 'node_modules/got/dist/source/core/options.js');
let dir: string;
let JoinedOptions: typeof StockOptions;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'got-joined-'));
  const outfile = join(dir, 'got.mjs');
  await build({
    stdin: { contents: "export { Options } from 'got';", resolveDir: ROOT, loader: 'js' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [gotRequestOptions],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  ({ Options: JoinedOptions } = (await import(pathToFileURL(outfile).href)) as { Options: typeof StockOptions });
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES: Record<string, OptionsInit> = {
  'a POST like the ones collab-bulk sends': { url: 'http://127.0.0.1:4010/collaborators/add', method: 'POST', headers: { authorization: 'key', 'content-type': 'application/json' }, body: '{}' },
  'HTTPS with its TLS options': {
    url: 'https://public.doubletick.io/team',
    https: { rejectUnauthorized: false, serverName: 'doubletick.io', ciphers: 'TLS_AES_128_GCM_SHA256', minVersion: 'TLSv1.2', alpnProtocols: ['http/1.1'] },
    localAddress: '127.0.0.1',
    dnsLookupIpVersion: 4,
  },
  'cache options set': { url: 'http://127.0.0.1:4010/chats', cacheOptions: { shared: false, cacheHeuristic: 0.2, immutableMinTimeToLive: 1000, ignoreCargoCult: true } },
  'a unix socket': { url: 'http://unix:/tmp/sandbox.sock:/collaborators/remove', enableUnixSockets: true, method: 'POST' },
};

describe('got joined into the binary', () => {
  for (const [name, init] of Object.entries(CASES)) {
    it(`builds the same request options as stock got: ${name}`, () => {
      const stock = new StockOptions(init).createNativeRequestOptions() as Record<string, unknown>;
      const joined = new JoinedOptions(init).createNativeRequestOptions() as Record<string, unknown>;
      expect(Object.keys(joined).sort()).toEqual(Object.keys(stock).sort());
      for (const key of Object.keys(stock)) expect([key, joined[key]]).toEqual([key, stock[key]]);
    });
  }

  it('keeps the values that tell the cases apart', () => {
    const unix = new JoinedOptions(CASES['a unix socket']).createNativeRequestOptions() as Record<string, unknown>;
    expect(unix).toMatchObject({ socketPath: '/tmp/sandbox.sock', path: '/collaborators/remove', host: '', method: 'POST' });
    const cached = new JoinedOptions(CASES['cache options set']).createNativeRequestOptions() as Record<string, unknown>;
    expect(cached).toMatchObject({ shared: false, cacheHeuristic: 0.2, ignoreCargoCult: true, method: 'GET' });
  });

  it('is what the binary holds', () => {
    const binary = readFileSync(join(ROOT, 'dist/cli/index.js'), 'utf8');
    expect(binary).toMatch(/h2session: internals\.h2session,\n\s*\.\.\.internals\.cacheOptions,\n\s*\.\.\.this\._unixOptions\n\s*\};/);
  });
});

describe('spreadsLast', () => {
  const source = readFileSync(GOT_OPTIONS_MODULE, 'utf8');

  it('moves the two spreads behind the properties and changes nothing else', () => {
    const changed = spreadsLast(source);
    const spreads = /\n\s*\.\.\.internals\.cacheOptions,\n\s*\.\.\.this\._unixOptions,?/g;
    expect(changed.replace(spreads, '')).toBe(source.replace(spreads, ''));
    expect(changed).toMatch(/h2session: internals\.h2session,\n\s*\.\.\.internals\.cacheOptions,\n\s*\.\.\.this\._unixOptions,\n\s*\};/);
  });

  it('refuses a got whose options literal is not there exactly once', () => {
    expect(() => spreadsLast('export class Options {}')).toThrow(/found it 0 times/);
    const literal = /return \{\n\s*\.\.\.internals\.cacheOptions[^]*?\};/.exec(source)![0];
    expect(() => spreadsLast(`${source}\nfunction again() { ${literal} }`)).toThrow(/found it 2 times/);
  });
});

describe('the plugin, on a got whose code moved', () => {
  it('joins it unchanged and says so, rather than failing the build', async () => {
    const root = mkdtempSync(join(tmpdir(), 'got-moved-'));
    try {
      const moved = 'export function createNativeRequestOptions() { return { method: "GET" }; }\n';
      mkdirSync(join(root, 'node_modules/got/dist/source/core'), { recursive: true });
      writeFileSync(join(root, 'node_modules/got/dist/source/core/options.js'), moved);
      const result = await build({ entryPoints: [join(root, 'node_modules/got/dist/source/core/options.js')], bundle: true, format: 'esm', write: false, plugins: [gotRequestOptions], logLevel: 'silent' });
      expect(result.warnings.map((warning) => warning.text)).toEqual([expect.stringMatching(/found it 0 times.*got joined unchanged/)]);
      expect(result.outputFiles[0]!.text).toContain('method: "GET"');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
