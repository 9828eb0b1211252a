// Every command's --help ends with real examples; run's cover the jobs people come with. --version
// prints the package's version (the bundled binary once printed "unknown").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

describe('--help', () => {
  it.each([[[]], [['run']], [['validate']], [['sandbox']], [['demo']], [['merge']], [['chats']], [['state']], [['plan']]])('of %j shows examples', async (command) => {
    const result = await runCli([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\nExamples:\n {2}collab-bulk /);
  });

  it('of run shows a first run, a dry run, remove, a rerun of retry.csv, a resume and a nightly cron line', async () => {
    const { stdout } = await runCli(['run', '--help']);
    const examples = stdout.slice(stdout.indexOf('Examples:'));
    for (const part of ['collab-bulk run agents.csv ', 'first run', '--dry-run', '--action remove', 'retry.csv', '--resume', '0 2 * * * cd /srv/crm', 'nightly cron line']) {
      expect(examples).toContain(part);
    }
  });

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });
});
