/**
 * One way to fill in an interface string, shared by the pages (server) and the browser scripts
 * (src/scripts/): {placeholders} and plural forms. No imports, so a client script that needs
 * it does not pull the string files into its bundle.
 *
 * A string that counts something is stored as its plural forms, one per category that
 * Intl.PluralRules gives the language (https://cldr.unicode.org/index/cldr-spec/plural-rules):
 * Dutch, English and Bulgarian have one/other, Romanian one/few/other ("20 de zile"), Polish
 * and Ukrainian one/few/many/other. The number that picks the form is the first placeholder
 * of the text whose value is a number ({count}, {days}, {max} …).
 */

export type PluralCategory = Intl.LDMLPluralRule;
/** The forms of a counting string; `other` always exists. */
export type PluralForms = Partial<Record<PluralCategory, string>> & { other: string };
/** An interface string as it is stored: plain text or plural forms. */
export type Message = string | PluralForms;
export type Values = Record<string, string | number>;

export const isPlural = (message: unknown): message is PluralForms =>
  typeof message === 'object' && message !== null && typeof (message as PluralForms).other === 'string';

/** The plural categories a language needs, in CLDR order (zero, one, two, few, many, other). */
export function pluralCategories(locale: string): PluralCategory[] {
  const order: PluralCategory[] = ['zero', 'one', 'two', 'few', 'many', 'other'];
  const have = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  return order.filter((c) => have.includes(c));
}

/** The {placeholder} names of a text, in order of appearance, without repeats. */
export const placeholderNames = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];

/** The text of a message for these values: for plural forms, the form of the first number. */
function pick(message: Message, values: Values, locale: string): string {
  if (!isPlural(message)) return message;
  const count = placeholderNames(message.other)
    .map((name) => values[name])
    .find((v) => typeof v === 'number');
  if (typeof count !== 'number') return message.other;
  return message[new Intl.PluralRules(locale).select(count)] ?? message.other;
}

/**
 * Fills in a message. A missing value stays visible as {name} rather than vanishing; numbers
 * are written the language's way (1.234 in Dutch, 1,234 in English).
 */
export function fill(message: Message, values: Values, locale: string): string {
  const numbers = new Intl.NumberFormat(locale, { useGrouping: 'min2' });
  return pick(message, values, locale).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) return `{${name}}`;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

/**
 * For browser scripts: a message handed over in a data attribute (see `messageAttribute`),
 * filled in the page's language.
 */
export function fillAttribute(attribute: string | undefined, values: Values, locale = document.documentElement.lang || 'nl'): string {
  if (!attribute) return '';
  let message: Message;
  try {
    message = JSON.parse(attribute) as Message;
  } catch {
    message = attribute;
  }
  return fill(message, values, locale);
}

/** A message as a data attribute for a browser script: JSON, so plural forms survive. */
export const messageAttribute = (message: Message): string => JSON.stringify(message);
