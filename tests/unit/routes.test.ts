/**
 * The route table decides which pages exist in which language. These tests tie it to the page
 * files, so a page moved or added without its table entry (or the reverse) fails here.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, TRANSLATED_LOCALES } from '../../src/i18n/locales';
import { ROUTES, existsIn, localeFromParam, localesOf, localizedStaticPaths, route, routeOf } from '../../src/i18n/routes';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** "src/pages/[...locale]/melden/[stap].astro" → "/melden/[stap]/". */
function patternOf(root: string, file: string): string {
  const rest = relative(root, file)
    .replace(/\.astro$/, '')
    .replace(/(^|\/)index$/, '');
  return rest === '' ? '/' : `/${rest}/`;
}

describe('the route table', () => {
  it('lists every page that is rendered in every language from one file', () => {
    const root = 'src/pages/[...locale]';
    const patterns = files(root)
      .map((file) => patternOf(root, file))
      .filter((p) => p !== '/[pagina]/');
    for (const pattern of patterns) expect(routeOf(pattern)?.pattern, `${pattern} staat niet in src/i18n/routes.ts`).toBe(pattern);
  });

  it('lists every translation-only page (the summaries and the translated catalogue)', () => {
    const root = 'src/pages/[locale]';
    for (const file of files(root)) {
      const pattern = patternOf(root, file);
      expect(route(pattern).locales.filter((l) => l !== 'nl').length, pattern).toBeGreaterThan(0);
    }
  });

  it('keeps pages that are not in the table Dutch-only', () => {
    expect(localesOf('/gemeenten/woerden/')).toEqual(['nl']);
    expect(localesOf('/organisaties/veilig-thuis/')).toEqual(['nl']);
    expect(existsIn('pl', '/cijfers/')).toBe(false);
    expect(existsIn('nl', '/cijfers/')).toBe(true);
  });

  it('matches parameters within one path segment and ignores query and fragment', () => {
    expect(localesOf('/melden/slachtoffer/')).toEqual(LOCALES);
    expect(localesOf('/melden/anoniem/?gemeente=woerden')).toEqual(LOCALES);
    expect(existsIn('uk', '/gemeenten/woerden/meldroute-intern/')).toBe(true);
    // "[gemeente]" is one segment: a deeper path is another page.
    expect(existsIn('uk', '/gemeenten/woerden/melden/meldroute-intern/')).toBe(false);
    expect(existsIn('pl', '/bronnen/#wet')).toBe(false);
  });

  it('gives Dutch no prefix in static paths, and every other language of the route its own', () => {
    const paths = localizedStaticPaths('/melden/[stap]/', [{ params: { stap: 'slachtoffer' } }]);
    expect(paths.map((p) => p.params.locale)).toEqual([undefined, ...TRANSLATED_LOCALES]);
    expect(paths.every((p) => p.params.stap === 'slachtoffer')).toBe(true);
  });

  it('refuses an unknown prefix and a Dutch prefix for on-demand pages', () => {
    expect(localeFromParam('/melden/anoniem/', undefined)).toBe('nl');
    expect(localeFromParam('/melden/anoniem/', 'pl')).toBe('pl');
    expect(localeFromParam('/melden/anoniem/', 'nl')).toBeUndefined();
    expect(localeFromParam('/melden/anoniem/', 'xx')).toBeUndefined();
    expect(localeFromParam('/melden/anoniem/', 'pl/extra')).toBeUndefined();
  });

  it('names the table when a page asks for a pattern it does not have', () => {
    expect(() => route('/bestaat-niet/')).toThrow(/routetabel \(src\/i18n\/routes\.ts\)/);
  });

  it('has each pattern once', () => {
    const patterns = ROUTES.map((r) => r.pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
  });
});
