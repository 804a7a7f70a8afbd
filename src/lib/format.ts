/** Small formatting rules shared by components. Plain TypeScript, unit-tested. */
import { phoneDigits } from './content/fields.ts';

/** tel: link for a Dutch number as written in content ("0800-7000" → "tel:08007000"). */
export function telHref(number: string): string {
  return `tel:${phoneDigits(number)}`;
}

const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni',
  'juli', 'augustus', 'september', 'oktober', 'november', 'december',
];

/**
 * "2023-06-13" → "13 juni 2023" (or the same date in another language, e.g. "13 June 2023").
 * Parsed by hand and formatted in UTC: no time zone can shift the day.
 */
export function formatDate(iso: string, locale = 'nl'): string {
  const [year, month, day] = iso.split('-').map(Number);
  if (locale === 'nl') return `${day} ${MONTHS[month - 1]} ${year}`;
  // British order (13 June 2023) for English: the site's readers are in Europe.
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
}

/** Dutch number formatting (1013 → "1.013"). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat('nl-NL').format(value);
}

/** Dutch alphabetical order, ignoring case and accents ("IJsselstein" sorts under I). */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'nl', { sensitivity: 'base' });
}
