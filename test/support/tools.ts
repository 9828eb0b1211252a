// The programs some tests need beyond Node (Debian packages that `npm test` installs first, through
// scripts/test-setup.mjs). A test that needs one asks for it here: when it is missing, the test fails
// with one sentence saying what to install, not with a spawn error's stack trace.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Tool = 'redis-server' | 'chromium' | 'docker-compose';

/** The tool's path on `path` (the tests' PATH by default); throws one sentence when it is not there. */
export function requireTool(tool: Tool, path = process.env.PATH ?? ''): string {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return join(dir, tool);
    } catch {
      // not in this directory
    }
  }
  const error = new Error(`${tool} is not installed: install Debian's ${tool} package (apt-get install ${tool}), as npm test does by itself where it can.`);
  error.name = 'MissingTool';
  // No stack frames: the sentence is the whole report.
  error.stack = `${error.name}: ${error.message}`;
  throw error;
}
