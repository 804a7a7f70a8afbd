/**
 * Interface strings per language: src/i18n/strings/<taal>.json, documented key by key in
 * ./schema.ts. Dutch (nl.json) is the source; every other language has exactly the same keys
 * and placeholders, checked by TypeScript here and by `npm run check:translations` (./check.ts).
 */
import nl from './strings/nl.json' with { type: 'json' };
import en from './strings/en.json' with { type: 'json' };
import pl from './strings/pl.json' with { type: 'json' };
import ro from './strings/ro.json' with { type: 'json' };
import bg from './strings/bg.json' with { type: 'json' };
import uk from './strings/uk.json' with { type: 'json' };
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.ts';
import type { UiKey } from './schema.ts';
import { fill, messageAttribute, type Message, type Values } from './message.ts';

export type { UiKey } from './schema.ts';
export interface Translate {
  /** The text of a key in this language, placeholders and plural form filled in. */
  (key: UiKey, values?: Values): string;
  /** The stored message (text or plural forms) as JSON, for a browser script to fill in (src/i18n/message.ts). */
  attribute: (key: UiKey) => string;
}

/** Typed against the schema: a key missing from any JSON file is a type error. */
export const UI_STRINGS: Record<Locale, Record<UiKey, Message>> = { nl, en, pl, ro, bg, uk };

/** The file a language's strings live in, as editors see it in messages. */
export const stringsFile = (locale: string) => `src/i18n/strings/${locale}.json`;

/** The string lookup for a language; an unknown or missing language means Dutch. */
export function translator(locale: string | undefined): Translate {
  const language = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const strings = UI_STRINGS[language];
  const message = (key: UiKey): Message => {
    const found = strings[key];
    if (found === undefined)
      throw new Error(`De tekst "${key}" ontbreekt in ${stringsFile(language)}. Vertaal hem uit ${stringsFile(DEFAULT_LOCALE)} (zie src/i18n/schema.ts).`);
    return found;
  };
  return Object.assign((key: UiKey, values: Values = {}) => fill(message(key), values, language), {
    attribute: (key: UiKey) => messageAttribute(message(key)),
  });
}

/** Dutch lookup, for pages that exist only in Dutch. */
export const t: Translate = translator(DEFAULT_LOCALE);
