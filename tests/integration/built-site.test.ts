/**
 * Properties of the whole built site, read from dist/: every internal link and anchor leads
 * somewhere, and security.txt follows RFC 9116. Needs a build (npm test builds first).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, splitLocale } from '../../src/i18n/locales.ts';
import { builtPages, DIST as root, ON_DEMAND, urlOf } from '../support/built-site.ts';
import { readContent } from '../../src/lib/content/read-content.ts';
import { usesOf } from '../../src/lib/content/where.ts';

const pages = builtPages().map((p) => p.file);
const idsOf = new Map(pages.map((file) => [urlOf(file), new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))]));

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
    const shown = new Set(pages.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/href="tel:(\d+)"/g)].map((m) => m[1])));
    expect(shown.size).toBeGreaterThan(5);
    const { site } = readContent('content');
    const typedIn = [...shown].map((number) => [number, [...new Set(usesOf(site, number).map((u) => u.file))]] as const);
    expect(typedIn.filter(([, files]) => files.length !== 1)).toEqual([]);
  });

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

  // What the browser pass checked on every page before issue 14, now statically for every
  // built page (the browser checks a sample, tests/e2e/site.spec.ts).
  it('gives every page exactly one h1, inside <main>, in the HTML itself (so it shows without JavaScript)', () => {
    const wrong: string[] = [];
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const main = /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
      if ((html.match(/<h1[\s>]/g) ?? []).length !== 1 || !/<h1[\s>]/.test(main)) wrong.push(urlOf(file));
    }
    expect(wrong).toEqual([]);
  });

  it('loads nothing from another origin: every script, stylesheet, image, frame and form stays on the site', () => {
    const foreign: string[] = [];
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const links = [...html.matchAll(/<link\s[^>]*>/g)]
        .map((m) => m[0])
        // Canonical, alternate and sitemap links name addresses; they load nothing.
        .filter((tag) => !/\brel="(canonical|alternate|sitemap)"/.test(tag))
        .map((tag) => /\bhref="([^"]+)"/.exec(tag)?.[1] ?? '');
      const resources = [
        ...[...html.matchAll(/<(?:script|img|iframe|source|audio|video|embed)\s[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
        ...links,
        ...[...html.matchAll(/<form\s[^>]*\baction="([^"]+)"/g)].map((m) => m[1]),
        ...[...html.matchAll(/url\((?:'|")?((?:https?:)?\/\/[^'")]+)/g)].map((m) => m[1]),
      ];
      for (const url of resources) if (/^(https?:)?\/\//.test(url)) foreign.push(`${urlOf(file)} → ${url}`);
    }
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
});
