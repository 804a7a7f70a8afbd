/**
 * What search engines read, checked in the built HTML of every page: the canonical address is
 * the page itself; hreflang alternates name exactly the languages the page is built in (none for
 * a page in one language, never an "only in Dutch" notice), each translation lists the same set
 * back, and x-default is the Dutch page; noindex pages (search) stay out of the sitemap and every
 * other page is in it. The browser checks one example (tests/e2e/languages.spec.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, LOCALES, localizedPath, splitLocale } from '../../src/i18n/locales.ts';
import { builtPages, DIST, ON_DEMAND, sitemapPaths } from '../support/built-site.ts';
import { elements, parseQuickly, type Element } from '../support/html.ts';

const pages = builtPages().filter((p) => p.path !== '/404/');
/** The <link> and <meta> elements of each page's head. */
const head = new Map(
  pages.map(({ path, file }) => {
    const $ = parseQuickly(readFileSync(file, 'utf8'));
    return [path, { links: elements($, 'head link'), metas: elements($, 'head meta') }];
  }),
);
const origin = new URL(/^Sitemap: (\S+)$/m.exec(readFileSync(`${DIST}/robots.txt`, 'utf8'))![1]).origin;
const path = (href: string) => (href.startsWith(origin) ? href.slice(origin.length) : `(ander domein) ${href}`);
const alternatesOf = ({ links }: { links: Element[] }) => links.filter((l) => l.attrs.rel === 'alternate').map((l) => [l.attrs.hreflang, path(l.attrs.href)]);
const noindex = new Set(
  pages.filter((p) => head.get(p.path)!.metas.some((m) => m.attrs.name === 'robots' && m.attrs.content === 'noindex')).map((p) => p.path),
);

describe('what search engines read', () => {
  it('names every page itself as its canonical address', () => {
    const wrong = pages
      .map(
        (p) =>
          [
            p.path,
            head
              .get(p.path)!
              .links.filter((l) => l.attrs.rel === 'canonical')
              .map((l) => path(l.attrs.href)),
          ] as const,
      )
      .filter(([url, canonical]) => canonical.length !== 1 || canonical[0] !== url);
    expect(wrong).toEqual([]);
  });

  it('lists as hreflang alternates exactly the languages a page is built in, the same set on each of them', () => {
    const wrong: string[] = [];
    for (const { path: url } of pages) {
      if (noindex.has(url)) continue;
      const dutch = splitLocale(url).path;
      const builtIn = LOCALES.filter((locale) => head.has(localizedPath(locale, dutch)));
      const expected =
        builtIn.length > 1 ? [...builtIn.map((locale) => [locale, localizedPath(locale, dutch)]), ['x-default', localizedPath(DEFAULT_LOCALE, dutch)]] : [];
      const found = alternatesOf(head.get(url)!);
      if (JSON.stringify(found) !== JSON.stringify(expected)) wrong.push(`${url}: ${JSON.stringify(found)} in plaats van ${JSON.stringify(expected)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps noindex pages out of the sitemap and puts every other page in it', () => {
    const inSitemap = new Set(sitemapPaths());
    expect(noindex.size).toBeGreaterThan(0);
    expect([...noindex].filter((url) => inSitemap.has(url))).toEqual([]);
    expect(pages.filter((p) => !noindex.has(p.path) && !inSitemap.has(p.path)).map((p) => p.path)).toEqual([]);
    expect([...inSitemap].filter((url) => !head.has(url) && !ON_DEMAND.includes(url))).toEqual([]);
  });

  it('gives noindex pages no alternates (no search engine should index their translations either)', () => {
    expect([...noindex].filter((url) => alternatesOf(head.get(url)!).length > 0)).toEqual([]);
  });

  it('lets robots crawl everything and points them at the sitemap on the same origin', () => {
    const robots = readFileSync(`${DIST}/robots.txt`, 'utf8');
    expect(robots).toMatch(/^User-agent: \*\nAllow: \/\n/);
    expect(robots).toContain(`Sitemap: ${origin}/sitemap-index.xml`);
  });
});
