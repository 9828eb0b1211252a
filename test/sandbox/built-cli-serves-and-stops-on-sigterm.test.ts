import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADD, addBody, post } from './helpers.js';

const cli = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

describe('the built `collab-bulk sandbox` command', () => {
  it('prints its URL, serves a request and exits 0 on SIGTERM', async () => {
    expect(existsSync(cli), `${cli} is missing: run npm run build first`).toBe(true);
    const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0', '--log-level', 'info'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          const match = /^sandbox listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
          if (match?.[1]) resolve(match[1]);
        });
        void exited.then(() => reject(new Error(`sandbox exited before listening: ${stderr}`)));
      });

      expect((await post(url, ADD, addBody())).status).toBe(200);
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      expect(stdout).toBe(`sandbox listening on ${url}\n`);
      expect(stderr).toContain('"path":"/collaborators/add"');
      expect(stderr).not.toContain('sandbox-key');
    } finally {
      clearTimeout(killer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
