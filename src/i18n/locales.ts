/**
 * The languages of the site. Dutch is the default and has no prefix in URLs; every other
 * language lives under its prefix (/pl/, /uk/ …). Plain TypeScript: used by the Astro config,
 * the content schemas, the report intake and the tests alike.
 */
export const DEFAULT_LOCALE = 'nl';
export const TRANSLATED_LOCALES = ['en', 'pl', 'ro', 'bg', 'uk'] as const;
export const LOCALES = [DEFAULT_LOCALE, ...TRANSLATED_LOCALES] as const;

export type Locale = (typeof LOCALES)[number];
export type TranslatedLocale = (typeof TRANSLATED_LOCALES)[number];

/** Each language's name in that language, as a reader looks for it in the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  nl: 'Nederlands',
  en: 'English',
  pl: 'Polski',
  ro: 'Română',
  bg: 'Български',
  uk: 'Українська',
};

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

export function isTranslatedLocale(value: unknown): value is TranslatedLocale {
  return (TRANSLATED_LOCALES as readonly unknown[]).includes(value);
}

/**
 * The address of a Dutch path in a language: "/hulp/" becomes "/pl/hulp/" (Dutch stays as is).
 * For code outside Astro (the report handler's redirect, tests, scripts); pages, views and
 * components use src/i18n/links.ts, which asks Astro and the route table.
 */
export function localizedPath(locale: Locale, path: string): string {
  return locale === DEFAULT_LOCALE ? path : `/${locale}${path}`;
}

/** The language of an address and the Dutch path it corresponds to: "/pl/hulp/" → pl, "/hulp/". */
export function splitLocale(pathname: string): { locale: Locale; path: string } {
  const match = /^\/([a-z]{2})(\/.*)?$/.exec(pathname);
  if (match && isTranslatedLocale(match[1])) return { locale: match[1], path: match[2] ?? '/' };
  return { locale: DEFAULT_LOCALE, path: pathname };
}
