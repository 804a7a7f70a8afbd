/**
 * Properties of the whole built site, read from dist/: every internal link and anchor leads
 * somewhere, and security.txt follows RFC 9116. Needs a build (npm test builds first).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, splitLocale } from '../../src/i18n/locales.ts';

const root = 'dist/client';
/** Pages rendered on demand: not files in dist/client, but real routes. */
const ON_DEMAND = ['/melden/anoniem/', '/melden/anoniem/ontvangen/'];

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'pagefind' || name === '_astro' ? [] : htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

const pages = htmlFiles(root);
const urlOf = (file: string) => `/${file.slice(root.length + 1).replace(/index\.html$/, '').replace(/\.html$/, '/')}`;
const idsOf = new Map(pages.map((file) => [urlOf(file), new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))]));

function exists(path: string): boolean {
  if (ON_DEMAND.includes(path) || idsOf.has(path)) return true;
  // /<taal>/<path>/ without a file of its own is served on demand: the translated form and
  // receipt, or the "only in Dutch" notice for a Dutch page (src/pages/[locale]/[...path].astro).
  const { locale, path: dutch } = splitLocale(path);
  if (locale !== DEFAULT_LOCALE) return exists(dutch);
  const file = join(root, decodeURIComponent(path));
  return existsSync(file) && statSync(file).isFile();
}

describe('the built site', () => {
  it('has pages', () => expect(pages.length).toBeGreaterThan(100));

  it('has no broken internal link or anchor', () => {
    const broken: string[] = [];
    for (const file of pages) {
      const from = urlOf(file);
      const html = readFileSync(file, 'utf8');
      for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
        if (/^(https?:|mailto:|tel:)/.test(href)) continue;
        const url = new URL(href.replaceAll('&amp;', '&'), `http://site${from}`);
        if (!exists(url.pathname)) broken.push(`${from} → ${href}`);
        else if (url.hash && idsOf.has(url.pathname) && !idsOf.get(url.pathname)!.has(decodeURIComponent(url.hash.slice(1)))) {
          broken.push(`${from} → ${href} (anker ontbreekt)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('publishes a valid security.txt (RFC 9116)', () => {
    const text = readFileSync(join(root, '.well-known/security.txt'), 'utf8');
    expect(text).toMatch(/^Contact: (mailto:|https:)\S+$/m);
    expect(text).toMatch(/^Preferred-Languages: nl/m);
    const expires = new Date(/^Expires: (\S+)$/m.exec(text)![1]);
    expect(expires.getTime()).toBeGreaterThan(Date.now());
    expect(expires.getTime()).toBeLessThan(Date.now() + 366 * 24 * 3600 * 1000);
  });
});
