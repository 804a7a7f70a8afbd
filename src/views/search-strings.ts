/**
 * NEW UI STRINGS FOR SEARCH (issue 16), kept apart on purpose while src/i18n is being converted
 * to JSON files: the integrator moves them there as the key 'search.more' and deletes this file.
 */
import type { Locale } from '../i18n/locales';

/** The button under the results that shows the next few. */
export const SEARCH_MORE: Record<Locale, string> = {
  nl: 'Meer resultaten tonen',
  en: 'Show more results',
  pl: 'Pokaż więcej wyników',
  ro: 'Afișează mai multe rezultate',
  bg: 'Покажи още резултати',
  uk: 'Показати більше результатів',
};
