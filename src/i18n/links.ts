/**
 * Links for a language, inside Astro (pages, views, components). Whether the target exists in
 * the reader's language comes from the route table (./routes.ts); the address from Astro's own
 * i18n helper. A link to a page that is Dutch-only says so: hreflang="nl" and "(in het
 * Nederlands)" in the reader's language, rendered by src/components/LocalLink.astro.
 */
import { getRelativeLocaleUrl } from 'astro:i18n';
import { translator } from './index.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.ts';
import { existsIn } from './routes.ts';

export interface Link {
  href: string;
  /** Set when the target is Dutch-only and the reader's language is not Dutch. */
  hreflang?: 'nl';
}

/** The language of the page being rendered (Astro.currentLocale); Dutch when Astro has none. */
export function pageLocale(currentLocale: string | undefined): Locale {
  return isLocale(currentLocale) ? currentLocale : DEFAULT_LOCALE;
}

/** The address of a Dutch path in a language: "/hulp/" → "/pl/hulp/"; query and fragment kept. */
export function pathIn(locale: Locale, path: string): string {
  const [, pathname, rest] = /^([^?#]*)(.*)$/.exec(path)!;
  return getRelativeLocaleUrl(locale, pathname) + rest;
}

/**
 * The link to a Dutch path for a reader of `locale`: the page in their language when it exists,
 * otherwise the Dutch page, marked as Dutch.
 */
export function linkTo(locale: Locale, path: string): Link {
  if (existsIn(locale, path)) return { href: pathIn(locale, path) };
  return { href: path, hreflang: DEFAULT_LOCALE };
}

/**
 * The same link with its text, for sentences with links in them (src/components/LinkedText.astro):
 * a Dutch-only target gets "(in het Nederlands)" in the reader's language after the label.
 */
export function labelledLinkTo(locale: Locale, path: string, label: string): Link & { label: string } {
  const link = linkTo(locale, path);
  return { ...link, label: link.hreflang ? `${label} ${translator(locale)('language.dutchOnly')}` : label };
}

/**
 * The language of the page being rendered, its strings and its links to pages in that language:
 * the one preamble of every view and component (`pageLanguage(Astro.currentLocale)`).
 */
export function pageLanguage(currentLocale: string | undefined) {
  const locale = pageLocale(currentLocale);
  return { locale, t: translator(locale), here: (path: string) => pathIn(locale, path) };
}
