// Per-test set-up for end-to-end runs: a sandbox on a free port with an open organisation, and
// temp dirs, all closed and removed after each test so no server or file outlives it.
import { afterEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { tempDir } from './cli.js';
import { openOrg } from './generated.js';

export interface Harness {
  /** A sandbox accepting `key` (unless `options.apiKey` says otherwise), every customer with an open chat. */
  sandbox(options?: SandboxOptions): Promise<Sandbox>;
  /** A fresh temp dir's path. */
  dir(): string;
}

export function useHarness(key: string): Harness {
  const sandboxes: Sandbox[] = [];
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(async () => {
    for (const sandbox of sandboxes.splice(0)) await sandbox.close();
    for (const dir of dirs.splice(0)) dir.remove();
  });
  return {
    async sandbox(options = {}) {
      const sandbox = await startSandbox({ port: 0, apiKey: key, org: openOrg(), ...options });
      sandboxes.push(sandbox);
      return sandbox;
    },
    dir() {
      const made = tempDir();
      dirs.push(made);
      return made.path;
    },
  };
}
