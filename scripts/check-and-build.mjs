// The first step of `npm test`: the type check (every file, tests too) and the build (dist/, which
// the end-to-end tests run) side by side. Neither reads what the other writes, and on two cores
// together they take the time of the longer one instead of the sum. Fails if either fails, after
// both have ended, each one's output printed whole rather than interleaved.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ script, code: 1, output: Buffer.from(`${error.message}\n`) }));
    child.on('close', (code) => resolve({ script, code: code ?? 1, output: Buffer.concat(output) }));
  });
}

const results = await Promise.all([run('typecheck'), run('build')]);
for (const { script, code, output } of results) {
  if (output.length > 0) process.stdout.write(output);
  if (code !== 0) console.error(`npm test: \`npm run ${script}\` failed (exit ${code}).`);
}
process.exitCode = results.some(({ code }) => code !== 0) ? 1 : 0;
