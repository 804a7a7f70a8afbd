/**
 * The route table: for every page that exists in more than Dutch, the languages it exists in.
 * Every other page is Dutch-only. This is the one place that decides it; links (src/i18n/links.ts),
 * hreflang alternates, the language switcher, the "only in Dutch" notice and the static paths of
 * the pages under src/pages/[...locale]/ and src/pages/[locale]/ all read it.
 *
 * To translate a page: add its pattern here, move its page file to src/pages/[...locale]/ (same
 * view in every language) or add a translated view under src/pages/[locale]/ (a summary of a
 * Dutch document), and give every language its strings. See docs/ARCHITECTURE.md.
 * Plain TypeScript: used by pages, the tests and the Node scripts alike.
 */
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales.ts';

/**
 * Content pages (content/paginas/) that exist in every language. Decided here, with the other
 * routes; the content checks (src/lib/content/translations.ts) require their translations.
 */
export const TRANSLATED_PAGES = ['wat-is-mensenhandel', 'hulp', 'veilig-browsen', 'privacy', 'toegankelijkheid'] as const;

export interface Route {
  /** The Dutch path, with [name] for a parameter: "/melden/[stap]/". */
  pattern: string;
  /** The languages the page exists in. */
  locales: readonly Locale[];
  /** Which page file renders it, per language, for the reader of this table. */
  rendersWith: string;
}

const SAME_VIEW = 'src/pages/[...locale]/ (one view, every language)';
const SUMMARY = 'Dutch: the document itself; other languages: a summary in src/pages/[locale]/';

export const ROUTES: readonly Route[] = [
  { pattern: '/', locales: LOCALES, rendersWith: SAME_VIEW },
  { pattern: '/zoeken/', locales: LOCALES, rendersWith: SAME_VIEW },
  // Content pages: content/paginas/ in Dutch, content/vertalingen/<taal>/ in the others; the
  // content checks read the same list, so a page is translated and checked in one decision.
  ...TRANSLATED_PAGES.map((slug) => ({ pattern: `/${slug}/`, locales: LOCALES, rendersWith: SAME_VIEW })),
  // The national reporting route and the form.
  { pattern: '/melden/', locales: LOCALES, rendersWith: SAME_VIEW },
  { pattern: '/melden/[stap]/', locales: LOCALES, rendersWith: SAME_VIEW },
  { pattern: '/melden/overzicht/', locales: LOCALES, rendersWith: SAME_VIEW },
  { pattern: '/melden/anoniem/', locales: LOCALES, rendersWith: SAME_VIEW },
  { pattern: '/melden/anoniem/ontvangen/', locales: LOCALES, rendersWith: SAME_VIEW },
  { pattern: '/melden/terugkomen/', locales: LOCALES, rendersWith: SAME_VIEW },
  // Signals: each signal everywhere; the catalogue is split over pages in Dutch, one page elsewhere.
  { pattern: '/signalen/signaal/[id]/', locales: LOCALES, rendersWith: SAME_VIEW },
  {
    pattern: '/signalen/',
    locales: LOCALES,
    rendersWith: 'Dutch: src/pages/signalen/index.astro; other languages: the whole catalogue, src/pages/[locale]/signalen/index.astro',
  },
  // Dutch documents with a translated summary.
  { pattern: '/beleid/[plan]/', locales: LOCALES, rendersWith: SUMMARY },
  { pattern: '/gemeenten/[gemeente]/meldroute-intern/', locales: LOCALES, rendersWith: SUMMARY },
];

const DUTCH_ONLY: readonly Locale[] = [DEFAULT_LOCALE];

function matcher(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|\\]/g, '\\$&').replace(/\\?\[[^\]]+\\?\]/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}
// Fixed paths before patterns with parameters: "/melden/overzicht/" is its own page, not a [stap].
const MATCHERS = [...ROUTES]
  .sort((a, b) => Number(a.pattern.includes('[')) - Number(b.pattern.includes('[')))
  .map((route) => ({ route, regex: matcher(route.pattern) }));

/** The route of a Dutch path ("/melden/slachtoffer/", query and fragment ignored), if it is in the table. */
export function routeOf(path: string): Route | undefined {
  const pathname = path.replace(/[?#].*$/, '');
  return MATCHERS.find(({ regex }) => regex.test(pathname))?.route;
}

/** The languages the page at a Dutch path exists in; Dutch alone when the table does not list it. */
export function localesOf(path: string): readonly Locale[] {
  return routeOf(path)?.locales ?? DUTCH_ONLY;
}

/** Whether the page at a Dutch path exists in a language. */
export function existsIn(locale: Locale, path: string): boolean {
  return localesOf(path).includes(locale);
}

/** The route's entry, by pattern; a typo fails at build time rather than making a page vanish. */
export function route(pattern: string): Route {
  const found = ROUTES.find((r) => r.pattern === pattern);
  if (!found) throw new Error(`Het patroon ${pattern} staat niet in de routetabel (src/i18n/routes.ts). Voeg het toe of kies een bestaand patroon.`);
  return found;
}

type Params = Record<string, string | undefined>;

/**
 * getStaticPaths for a page under src/pages/[...locale]/: the page once per language of its
 * route, with `locale` undefined for Dutch (no prefix). `params` are the page's own parameters.
 */
export function localizedStaticPaths<P extends Params, Props>(pattern: string, params: readonly { params: P; props?: Props }[] = [{ params: {} as P }]) {
  return route(pattern).locales.flatMap((locale) =>
    params.map((entry) => ({ ...entry, params: { ...entry.params, locale: locale === DEFAULT_LOCALE ? undefined : locale } })),
  );
}

/** The languages of a route other than Dutch (for pages under src/pages/[locale]/). */
export function translatedLocalesOf(pattern: string): Locale[] {
  return route(pattern).locales.filter((locale) => locale !== DEFAULT_LOCALE);
}

/**
 * The language of an on-demand page under src/pages/[...locale]/ from its `locale` parameter:
 * Dutch when there is none, undefined when the prefix is no language of this route (a 404).
 */
export function localeFromParam(pattern: string, param: string | undefined): Locale | undefined {
  // Dutch has no prefix: "/nl/melden/anoniem/" is not a page.
  if (param === DEFAULT_LOCALE) return undefined;
  const locale = param ?? DEFAULT_LOCALE;
  return route(pattern).locales.find((l) => l === locale);
}
