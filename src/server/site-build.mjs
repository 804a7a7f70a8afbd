/**
 * The build the server answers from, and the switch to a newer one without a restart.
 *
 * `npm run build` (scripts/build.mjs) builds into a folder of its own under .builds/ and points
 * the `dist` link at it only when the build succeeded. The server resolves the link at start-up
 * and checks it once a second: when it points elsewhere, the new build's file table and
 * on-demand handler are loaded next to the old ones and then take over, in one assignment. A
 * failed or killed build never moves the link, so the server keeps answering from the last
 * good build; a new build that cannot be loaded is reported and the old one stays.
 *
 * Each switch loads the new server bundle into the same process (Node cannot unload modules), so
 * memory grows by one bundle per switch; a restart now and then gives it back.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadStaticFiles } from './static-files.mjs';

/**
 * Loads one build: its prerendered files and the @astrojs/node handler for everything else.
 * @param {string} dir the build folder (a real path: client/, server/, static-files.json)
 */
export async function loadBuild(dir) {
  const entry = join(dir, 'server', 'entry.mjs');
  if (!existsSync(entry)) throw new Error(`Geen build gevonden in ${dir}. Bouw eerst de site met: npm run build`);
  // We run our own server around Astro's handler, so Astro must not start one itself.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const { handler } = await import(pathToFileURL(entry).href);
  const staticFiles = await loadStaticFiles(dir);
  return { dir, handler, staticFiles };
}

/**
 * Follows the `dist` link: calls `onChange(build)` with each newly loaded build.
 * @param {string} link the path the server was started with (a link or a plain folder)
 * @param {string} current the real path of the build in use
 * @param {(build: Awaited<ReturnType<typeof loadBuild>>) => void} onChange
 * @param {(message: string) => void} log
 */
export function followBuilds(link, current, onChange, log) {
  let loading = false;
  let failed = '';
  const check = async () => {
    if (loading) return;
    let target;
    try {
      target = realpathSync(link);
    } catch {
      return; // the link is being replaced right now: look again next time
    }
    if (target === current || target === failed) return;
    loading = true;
    try {
      const build = await loadBuild(target);
      current = target;
      onChange(build);
      log(`Nieuwe build in gebruik: ${target} (${build.staticFiles.files} bestanden).`);
    } catch (error) {
      failed = target;
      log(`De nieuwe build in ${target} kon niet worden geladen; de vorige blijft in gebruik. ${error?.message ?? error}`);
    } finally {
      loading = false;
    }
  };
  const timer = setInterval(check, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
