/**
 * Runs npm scripts at the same time, for `npm test` on 2 cores: the first prints as it goes, the
 * others print when they end (whole on failure, the last lines on success); the exit status is
 * the first failure's. For scripts that each leave a core idle (docs/TESTS.md): `npm test` runs
 * `node scripts/side-by-side.mjs build build:desk test:unit`, as an Astro build keeps about 1.4 of
 * the 2 cores busy and the unit and component tests need no build,
 * and `npm run test:more` runs `node scripts/side-by-side.mjs test:serverless test:desk:postgres`,
 * as the serverless suite mostly waits on workerd (with the desk's whole run: 68 s together
 * against 77 s one after the other, docs/TESTS.md).
 * Scripts that run together must not share files they write: the Worker build has a cache
 * folder of its own (package.json, build:serverless), because every build starts by removing
 * data-store.json from its cache folder (src/integrations/content-check.mjs).
 */
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const scripts = process.argv.slice(2);
if (scripts.length < 2) {
  console.error('Gebruik: node scripts/side-by-side.mjs <npm-script> <npm-script> …');
  process.exit(2);
}

/** Runs an npm script; resolves with its exit code and, when not shown live, its output. */
function npmRun(script, live) {
  const child = spawn('npm', ['run', '--silent', script], { cwd: root, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  let output = '';
  if (!live) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
}

const results = await Promise.all(scripts.map((script, i) => npmRun(script, i === 0)));
for (const [i, { code, output }] of results.entries()) {
  if (i === 0) continue;
  console.log(`\nnpm run ${scripts[i]} (naast npm run ${scripts[0]}) ${code === 0 ? 'klaar' : 'MISLUKT'}:`);
  console.log(code === 0 ? output.trim().split('\n').slice(-8).join('\n') : output);
}
process.exit(results.find(({ code }) => code !== 0)?.code ?? 0);
