/**
 * When the sources of a build last changed, to decide whether `npm start` and `npm run desk`
 * build first. Folders whose name starts with a dot and node_modules are what tools generate,
 * not sources: building the desk writes src/desk/.astro and src/desk/node_modules/.vite, and
 * counting them made `npm start` rebuild the whole site after every desk build (npm run demo
 * starts both; measured in the integration tests as a second full build, docs/TESTS.md).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time (ms) of a file, or of anything in a folder, generated folders left out. */
export function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory() && (entry.name.startsWith('.') || entry.name === 'node_modules')) continue;
    newest = Math.max(newest, newestChange(join(path, entry.name)));
  }
  return newest;
}
