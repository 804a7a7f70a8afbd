/**
 * The two builds `npm test` needs, side by side: the site (`npm run build`, printed as it goes)
 * and the Worker for the serverless suite (`npm run build:serverless`, printed when it ends;
 * `npm test` then runs that suite with SERVERLESS_BUILD=reuse). An Astro build keeps about one
 * core busy, so on 2 cores the two together take little longer than the site's alone
 * (docs/TESTS.md). The Worker build gets a cache folder of its own: every build starts by
 * removing data-store.json from its cache folder (src/integrations/content-check.mjs), which
 * must not happen under the other build.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Runs an npm script; resolves with its exit code and, when not shown live, its output. */
function npmRun(script, { live, env = {} }) {
  const child = spawn('npm', ['run', '--silent', script], { cwd: root, env: { ...process.env, ...env }, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  let output = '';
  if (!live) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
}

const [site, worker] = await Promise.all([
  npmRun('build', { live: true }),
  npmRun('build:serverless', { live: false, env: { ASTRO_CACHE_DIR: join(root, 'node_modules/.astro-serverless') } }),
]);
console.log(`\nnpm run build:serverless (naast de build van de site) ${worker.code === 0 ? 'klaar' : 'MISLUKT'}:`);
console.log(worker.code === 0 ? worker.output.trim().split('\n').slice(-3).join('\n') : worker.output);
process.exit(site.code || worker.code);
