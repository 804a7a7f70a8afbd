/**
 * Builds the serverless target once per run (npm run build:serverless, into dist-serverless/).
 * SERVERLESS_BUILD=reuse skips it when a build is already there, which helps when iterating on
 * the tests. `npm run test:more` builds it here, beside the desk's PostgreSQL run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function globalSetup() {
  if (process.env.SERVERLESS_BUILD === 'reuse' && existsSync('dist-serverless/server/wrangler.json')) return;
  const started = Date.now();
  const build = spawnSync('npm', ['run', 'build:serverless'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (build.status !== 0) throw new Error(`npm run build:serverless mislukte:\n${build.stdout}\n${build.stderr}`);
  console.log(`Serverless build klaar in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
