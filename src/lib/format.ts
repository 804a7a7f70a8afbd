/** Small formatting rules shared by components. Plain TypeScript, unit-tested. */
import { phoneDigits } from './content/fields.ts';
import type { Locale } from '../i18n/locales.ts';

/** tel: link for a Dutch number as written in content ("0800-7000" → "tel:08007000"). */
export function telHref(number: string): string {
  return `tel:${phoneDigits(number)}`;
}

/** The regional variant each site language writes dates in: British order for English (13 June 2023). */
const DATE_LOCALE: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB', pl: 'pl-PL', ro: 'ro-RO', bg: 'bg-BG', uk: 'uk-UA' };

/**
 * "2023-06-13" → "13 juni 2023", or the same date in another site language ("13 June 2023",
 * "13 czerwca 2023"). Read as a UTC calendar day and formatted in UTC: no time zone can shift the day.
 */
export function formatDate(iso: string, locale = 'nl'): string {
  const [year, month, day] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(DATE_LOCALE[locale as Locale] ?? locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day),
  );
}

/** Dutch number formatting (1013 → "1.013"). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat('nl-NL').format(value);
}

/**
 * The part of a name it sorts by: without a leading "'s-" or "'t-", as Dutch lists do
 * ("'s-Gravenhage" under G, "'t Zandt" under Z).
 */
export function sortName(name: string): string {
  return name.replace(/^['’]\s?[st][-\s]/i, '');
}

/** Dutch alphabetical order, ignoring case, accents and a leading "'s-"/"'t-" ("IJsselstein" sorts under I). */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return sortName(a.name).localeCompare(sortName(b.name), 'nl', { sensitivity: 'base' }) || a.name.localeCompare(b.name, 'nl');
}
