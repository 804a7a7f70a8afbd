/**
 * `npm start` and `npm run desk` build first when their sources changed since the last build
 * (scripts/lib/newest-change.mjs). What tools write inside a source folder (src/desk/.astro,
 * node_modules/.vite) is not a change: counting it made every desk build trigger a full site
 * rebuild at the next `npm start`.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { newestChange } from '../../scripts/lib/newest-change.mjs';

const dir = mkdtempSync(join(tmpdir(), 'newest-change-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file with a given modification time (seconds since 1970), creating its folder. */
function file(path: string, seconds: number) {
  const full = join(dir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, '');
  utimesSync(full, seconds, seconds);
  utimesSync(join(full, '..'), seconds, seconds);
}

it('counts source files in nested folders, and leaves out generated folders', () => {
  file('pages/index.astro', 1_000);
  file('pages/deep/page.astro', 2_000);
  utimesSync(join(dir, 'pages'), 1_000, 1_000);
  utimesSync(dir, 1_000, 1_000);
  expect(newestChange(dir)).toBe(2_000_000);

  file('.astro/types.d.ts', 9_000);
  file('node_modules/.vite/deps/x.js', 9_000);
  utimesSync(dir, 1_000, 1_000);
  expect(newestChange(dir)).toBe(2_000_000);

  file('pages/deep/changed.astro', 3_000);
  expect(newestChange(dir)).toBe(3_000_000);
});
