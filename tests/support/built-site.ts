/**
 * The built site as files: every page in dist/client with its URL path, and the sitemap. For the
 * tests that read built HTML instead of driving a browser (integration, and Playwright's page
 * lists). Needs `npm run build` first.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DIST = 'dist/client';

/** Pages rendered on demand: not files in dist/client, but real routes of the server. */
export const ON_DEMAND = ['/melden/anoniem/', '/melden/anoniem/ontvangen/', '/melden/terugkomen/'];

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'pagefind' || name === '_astro' ? [] : htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** The URL path a built file is served at: dist/client/melden/index.html → /melden/. */
export const urlOf = (file: string) =>
  `/${file
    .slice(DIST.length + 1)
    .replace(/index\.html$/, '')
    .replace(/\.html$/, '/')}`;

/** Every built HTML file (not Pagefind's or Astro's assets). */
export function builtPages(): { path: string; file: string }[] {
  if (!existsSync(DIST)) throw new Error(`Geen ${DIST}: bouw eerst met npm run build`);
  return htmlFiles(DIST).map((file) => ({ path: urlOf(file), file }));
}

/** The HTML of the page built for a URL path (…/index.html), or undefined when there is none. */
export function builtHtml(path: string): string | undefined {
  const file = join(DIST, decodeURIComponent(path), 'index.html');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * Every page path in the built sitemap, as Starlight's tests do. Read from disk because
 * Playwright collects tests before the server starts.
 */
export function sitemapPaths(): string[] {
  const files = readdirSync(DIST).filter((f) => /^sitemap-\d+\.xml$/.test(f));
  if (files.length === 0) throw new Error(`Geen sitemap in ${DIST}: bouw eerst met npm run build`);
  return files.flatMap((file) => [...readFileSync(join(DIST, file), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname));
}
