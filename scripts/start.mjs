/**
 * npm start: build the site when there is no build yet (or content/src changed since), then
 * serve it. One command for a newcomer; operators build once and use `npm run serve`.
 * The build prints a short summary (time, pages, warnings that matter) and names the file with
 * its full output (scripts/build.mjs --quiet).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { newestChange } from './lib/newest-change.mjs';

const root = new URL('..', import.meta.url).pathname;
const marker = join(root, 'dist/server/entry.mjs');

const sources = ['src', 'content', 'public', 'themes'].map((d) => join(root, d));
const stale = !existsSync(marker) || Math.max(...sources.map(newestChange), statSync(join(root, 'astro.config.mjs')).mtimeMs) > statSync(marker).mtimeMs;

if (stale) {
  console.log('De site wordt gebouwd (dat duurt een minuut of twee)…');
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import('../src/server/serve.mjs');
