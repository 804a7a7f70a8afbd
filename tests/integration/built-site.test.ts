/**
 * Properties of the whole built site, read from dist/: every internal link and anchor leads
 * somewhere, and security.txt follows RFC 9116. Needs a build (npm test builds first).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n';
import { DEFAULT_LOCALE, isLocale, localizedPath, splitLocale } from '../../src/i18n/locales.ts';
import { builtPages, DIST as root, ON_DEMAND, urlOf } from '../support/built-site.ts';
import { parseQuickly } from '../support/html.ts';
import { readContent } from '../../src/lib/content/read-content.ts';
import { usesOf } from '../../src/lib/content/where.ts';

/** What the tests below need of a page, read once with the parser. */
interface Page {
  url: string;
  ids: Set<string>;
  hrefs: string[];
  lang: string;
  /** The breadcrumb links, in order. */
  crumbs: { href: string; label: string }[];
  h1s: number;
  h1sInMain: number;
  /** Addresses the page loads: scripts, images, frames, media, stylesheets and icons, form targets, CSS url(). */
  loads: string[];
}

const pages: Page[] = builtPages().map(({ file }) => {
  const $ = parseQuickly(readFileSync(file, 'utf8'));
  const attr = (selector: string, name: string) =>
    $(selector)
      .toArray()
      .map((el) => $(el).attr(name) ?? '');
  return {
    url: urlOf(file),
    ids: new Set(attr('[id]', 'id')),
    hrefs: attr('a[href]', 'href'),
    lang: $('html').attr('lang') ?? '',
    crumbs: $('nav.breadcrumbs a')
      .toArray()
      .map((a) => ({ href: $(a).attr('href') ?? '', label: $(a).text().trim() })),
    h1s: $('h1').length,
    h1sInMain: $('main h1').length,
    loads: [
      ...attr('script[src], img[src], iframe[src], source[src], audio[src], video[src], embed[src]', 'src'),
      // Canonical, alternate and sitemap links name addresses; they load nothing.
      ...attr('link[href]:not([rel="canonical"], [rel="alternate"], [rel="sitemap"])', 'href'),
      ...attr('form[action]', 'action'),
      // CSS (not HTML) in <style> and style attributes: its url() is read as text.
      ...[...[$('style').text(), ...attr('[style]', 'style')].join('\n').matchAll(/url\((?:'|")?((?:https?:)?\/\/[^'")]+)/g)].map((m) => m[1]),
    ],
  };
});
const idsOf = new Map(pages.map((page) => [page.url, page.ids]));

function exists(path: string): boolean {
  if (ON_DEMAND.includes(path) || idsOf.has(path)) return true;
  // /<taal>/<path>/ without a file of its own is served on demand: the translated form and
  // receipt, or the "only in Dutch" notice for a Dutch page (src/pages/[...path].astro).
  const { locale, path: dutch } = splitLocale(path);
  if (locale !== DEFAULT_LOCALE) return exists(dutch);
  const file = join(root, decodeURIComponent(path));
  return existsSync(file) && statSync(file).isFile();
}

describe('the built site', () => {
  it('has pages', () => expect(pages.length).toBeGreaterThan(100));

  // Issue 24: Moviera's number was typed in two files, so changing it left four pages wrong.
  it('shows only phone numbers that are typed in exactly one content file, so one edit changes every page', () => {
    const shown = new Set(builtPages().flatMap(({ file }) => [...readFileSync(file, 'utf8').matchAll(/href="tel:(\d+)"/g)].map((m) => m[1])));
    expect(shown.size).toBeGreaterThan(5);
    const { site } = readContent('content');
    const typedIn = [...shown].map((number) => [number, [...new Set(usesOf(site, number).map((u) => u.file))]] as const);
    expect(typedIn.filter(([, files]) => files.length !== 1)).toEqual([]);
  });

  it('has no broken internal link or anchor', () => {
    const broken: string[] = [];
    for (const { url: from, hrefs } of pages) {
      for (const href of hrefs) {
        if (/^(https?:|mailto:|tel:)/.test(href)) continue;
        const url = new URL(href, `http://site${from}`);
        if (!exists(url.pathname)) broken.push(`${from} → ${href}`);
        else if (url.hash && idsOf.has(url.pathname) && !idsOf.get(url.pathname)!.has(decodeURIComponent(url.hash.slice(1)))) {
          broken.push(`${from} → ${href} (anker ontbreekt)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  // What the browser pass checked on every page before issue 14, now statically for every
  // built page (the browser checks a sample, tests/e2e/site.spec.ts).
  it('gives every page exactly one h1, inside <main>, in the HTML itself (so it shows without JavaScript)', () => {
    expect(pages.filter((page) => page.h1s !== 1 || page.h1sInMain !== 1).map((page) => page.url)).toEqual([]);
  });

  it("starts every breadcrumb trail at Home in the page's language, once (the layout adds it)", () => {
    const withTrail = pages.filter((page) => page.crumbs.length > 0);
    expect(withTrail.length).toBeGreaterThan(pages.length / 2);
    const wrong = withTrail.flatMap((page) => {
      const locale = isLocale(page.lang) ? page.lang : DEFAULT_LOCALE;
      const home = { href: localizedPath(locale, '/'), label: translator(locale)('nav.home') };
      const homes = page.crumbs.filter((crumb) => crumb.href === home.href);
      return JSON.stringify(page.crumbs[0]) === JSON.stringify(home) && homes.length === 1 ? [] : [`${page.url}: ${JSON.stringify(page.crumbs)}`];
    });
    expect(wrong).toEqual([]);
  });

  it('loads nothing from another origin: every script, stylesheet, image, frame and form stays on the site', () => {
    const foreign = pages.flatMap((page) => page.loads.filter((url) => /^(https?:)?\/\//.test(url)).map((url) => `${page.url} → ${url}`));
    expect(foreign).toEqual([]);
  });

  it('publishes a valid security.txt (RFC 9116)', () => {
    const text = readFileSync(join(root, '.well-known/security.txt'), 'utf8');
    expect(text).toMatch(/^Contact: (mailto:|https:)\S+$/m);
    expect(text).toMatch(/^Preferred-Languages: nl/m);
    const expires = new Date(/^Expires: (\S+)$/m.exec(text)![1]);
    expect(expires.getTime()).toBeGreaterThan(Date.now());
    expect(expires.getTime()).toBeLessThan(Date.now() + 366 * 24 * 3600 * 1000);
  });

  it('publishes the accessibility and privacy statements in every language; a deployment without settings shows the placeholder, no organisation (issue 22)', async () => {
    const { LOCALES, localizedPath } = await import('../../src/i18n/locales.ts');
    const { translator } = await import('../../src/i18n/index.ts');
    const { loadTheme } = await import('../../src/lib/theme/load.ts');
    const configured = Object.keys(loadTheme(process.env.MELDWIJZER_THEME).deployment).length > 0;
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const [path, heading] of [
        ['/toegankelijkheid/', t('a11y.heading')],
        ['/privacy/', t('privacy.heading')],
      ] as const) {
        const file = join(root, localizedPath(locale, path), 'index.html');
        expect(existsSync(file), file).toBe(true);
        const html = readFileSync(file, 'utf8');
        expect(html, file).toContain(`>${heading}</h2>`);
        if (!configured) expect(html, file).toContain(t('statement.notFilled'));
      }
    }
  });

  it('never puts a space before a full stop or comma after a link (issue 22: "Amsterdam-Amstelland . Bel …")', () => {
    const found: string[] = [];
    for (const { file } of builtPages()) {
      const html = readFileSync(file, 'utf8');
      const match = /<\/a>\s+[.,:;!?](?=\s|<|$)/.exec(html);
      if (match) found.push(`${urlOf(file)}: ${html.slice(Math.max(0, match.index - 30), match.index + 20)}`);
    }
    expect(found.slice(0, 10)).toEqual([]);
  });
});
