// The version `collab-bulk --version` prints: the package's own, read from its package.json at
// run time. yargs finds it by walking up from its own files, which the bundled binary no longer
// has beside it (it printed "unknown"); package.json sits two levels above both dist/cli/ and
// src/cli/, and npm ships it with every install.
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
