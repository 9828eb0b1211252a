// The compose rehearsal, checked without a container engine (CI has none): docker-compose itself
// validates the file, and the worker script runs here with stand-ins for the few commands it
// asks of the container (its address, the reverse lookup, node).
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/cli.js';
import { requireTool } from '../support/tools.js';

const run = promisify(execFile);

describe('docker-compose.yml', () => {
  it('is a valid compose file by docker-compose itself, with redis, the sandbox, a worker and a merge', async () => {
    const { stdout } = await run(requireTool('docker-compose'), ['-f', join(ROOT, 'docker-compose.yml'), 'config', '--services'], { cwd: ROOT });
    expect(stdout.trim().split('\n').sort()).toEqual(['collab-bulk', 'merge', 'redis', 'sandbox', 'worker']);
  });

  it('lets the worker scale: no fixed name or host port, and every replica on the shared Redis', async () => {
    const { stdout } = await run(requireTool('docker-compose'), ['-f', join(ROOT, 'docker-compose.yml'), 'config'], { cwd: ROOT });
    const worker = /\n {2}worker:\n((?: {4}.*\n)+)/.exec(stdout)?.[1] ?? '';
    expect(worker).toContain('COLLAB_BULK_REDIS_URL: redis://redis:6379');
    expect(worker).toContain('/data/input:ro');
    expect(worker).not.toMatch(/container_name|ports:/);
    expect(stdout).toMatch(/\n {2}redis:\n(?: {4}.*\n)* {4}image: redis:/);
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

  it('builds in one stage and runs from another, as the unprivileged node user', () => {
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.at(-1)).toMatch(/^USER node$/m);
    expect(stages.at(-1)).toContain('COPY --from=build /app/dist ./dist');
    expect(stages.at(-1)).toContain('COPY docker/shards.sh ./docker/');
  });
});

describe('docker/shards.sh', () => {
  const bin = mkdtempSync(join(tmpdir(), 'shards-sh-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  const stub = (name: string, body: string): void => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  stub('hostname', 'echo "172.18.0.5 "');
  stub('node', 'shift; echo "$@"');
  const shards = (mode: string, containerName: string, env: Record<string, string> = {}) => {
    stub('getent', `echo "172.18.0.5      ${containerName}"`);
    return run('sh', [join(ROOT, 'docker/shards.sh'), mode], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SHARDS: '3', ...env } });
  };

  it('runs the shard named by its container, Compose v2 (-worker-2) or v1 (_worker_3)', async () => {
    expect((await shards('worker', 'rehearsal-worker-2.rehearsal_default')).stdout.trim()).toBe(
      'run /data/input/sample.csv --shard 2/3 --out /data/runs/compose/shard-2 --progress false',
    );
    expect((await shards('worker', 'rehearsal_worker_3.rehearsal_default', { RUN_FLAGS: '--rate 20 --action remove' })).stdout.trim()).toBe(
      'run /data/input/sample.csv --shard 3/3 --out /data/runs/compose/shard-3 --progress false --rate 20 --action remove',
    );
  });

  it('merges every shard folder into one', async () => {
    expect((await shards('merge', 'x')).stdout.trim()).toBe(
      'merge /data/runs/compose/shard-1 /data/runs/compose/shard-2 /data/runs/compose/shard-3 --out /data/runs/compose/merged',
    );
  });

  it('refuses to guess when the container name does not say which worker it is', async () => {
    await expect(shards('worker', 'some-container')).rejects.toMatchObject({ stderr: expect.stringContaining('cannot tell which worker') });
  });
});
