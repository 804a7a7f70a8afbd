/**
 * The desk's build (`astro build --root src/desk`, into dist-desk/), made when there is none yet
 * or its sources changed since: by `npm run desk` before it serves, and once by the desk's test
 * suite before its workers start (tests/desk/global-setup.ts), so two workers never build it at
 * the same time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { newestChange } from './newest-change.mjs';

const root = new URL('../..', import.meta.url).pathname;
/** The desk's server entry, which the build writes last. */
export const DESK_ENTRY = join(root, 'dist-desk/server/entry.mjs');

/** Builds the desk when needed; returns the build's exit status (0 when nothing was to do). */
export function buildDeskWhenChanged() {
  const sources = join(root, 'src/desk');
  if (existsSync(DESK_ENTRY) && newestChange(sources) <= statSync(DESK_ENTRY).mtimeMs) return 0;
  console.log('De meldbalie wordt gebouwd…');
  const build = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', sources], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return build.status ?? 1;
}

// `npm run build:desk`: the same build as a command, which `npm test` runs beside the site's.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(buildDeskWhenChanged());
