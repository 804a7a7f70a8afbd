/**
 * Interface strings per language. Dutch (nl.ts) is the source; every other language is a file
 * with exactly the same keys (src/i18n/<taal>.ts), checked by TypeScript and by a unit test.
 */
import { nl, type UiKey } from './nl.ts';
import { en } from './en.ts';
import { pl } from './pl.ts';
import { ro } from './ro.ts';
import { bg } from './bg.ts';
import { uk } from './uk.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.ts';

export type { UiKey } from './nl.ts';
export type Translate = (key: UiKey, values?: Record<string, string | number>) => string;

export const UI_STRINGS: Record<Locale, Record<UiKey, string>> = { nl, en, pl, ro, bg, uk };

/** Fills in {placeholders}; a missing value stays visible as {name} rather than vanishing. */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** The string lookup for a language; an unknown or missing language means Dutch. */
export function translator(locale: string | undefined): Translate {
  const language = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const strings = UI_STRINGS[language];
  return (key, values = {}) => {
    const text = strings[key];
    if (text === undefined) throw new Error(`De tekst "${key}" ontbreekt in src/i18n/${language}.ts. Vertaal hem uit src/i18n/nl.ts.`);
    return fill(text, values);
  };
}

/** Dutch lookup, for pages that exist only in Dutch. */
export const t: Translate = translator(DEFAULT_LOCALE);
