/**
 * Content in a reader's language: the same entries, with their words replaced by the
 * translation in content/vertalingen/<taal>.yaml. Components stay language-blind; pages
 * localize the data they pass in. Dutch returns the entry unchanged. Completeness is
 * guaranteed by translations.ts, so a missing translation here is a bug, not a fallback.
 */
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locales.ts';
import type { Entry, SiteContent } from './integrity.ts';
import type { Organisatie, RouteNode, Signaal, Vertaling } from './schemas.ts';

export function translationFor(site: SiteContent, locale: Locale): Vertaling | undefined {
  return locale === DEFAULT_LOCALE ? undefined : site.vertalingen.find((v) => v.id === locale)?.data;
}

function required<T>(value: T | undefined, what: string, locale: Locale): T {
  if (value === undefined) throw new Error(`Geen vertaling (${locale}) voor ${what}; zie content/vertalingen/${locale}.yaml.`);
  return value;
}

export function localizeSignal(site: SiteContent, locale: Locale, entry: Entry<Signaal>): Entry<Signaal> {
  const translation = translationFor(site, locale);
  if (!translation) return entry;
  const words = required(translation.signalen[entry.id], `signaal ${entry.id}`, locale);
  // The Dutch example is not translated, so it is left out rather than shown in Dutch.
  return { ...entry, data: { ...entry.data, statement: words.statement, explanation: words.explanation, example: undefined } };
}

/** A step of the national route in the reader's language; answer targets stay the same. */
export function localizeRouteNode(site: SiteContent, locale: Locale, id: string, node: RouteNode): RouteNode {
  const translation = translationFor(site, locale);
  if (!translation) return node;
  const words = required(translation.meldroute[id], `meldroute-stap ${id}`, locale);
  if (node.kind === 'vraag' && 'question' in words) {
    return { ...node, question: words.question, help: words.help, options: node.options.map((o, i) => ({ ...o, label: words.options[i] })) };
  }
  if (node.kind === 'uitkomst' && 'title' in words) {
    return { ...node, title: words.title, whatHappens: words.whatHappens, contacts: node.contacts.map((c, i) => ({ ...c, note: words.notes?.[i] || undefined })) };
  }
  throw new Error(`De vertaling (${locale}) van meldroute-stap ${id} past niet bij de soort stap (${node.kind}).`);
}

export function localizeRouteNodes(site: SiteContent, locale: Locale, nodes: Record<string, RouteNode>): Record<string, RouteNode> {
  return Object.fromEntries(Object.entries(nodes).map(([id, node]) => [id, localizeRouteNode(site, locale, id, node)]));
}

/** An organisation with its phone labels and opening times translated; name and numbers never change. */
export function localizeOrganisation(site: SiteContent, locale: Locale, entry: Entry<Organisatie>): Entry<Organisatie> {
  const phones = translationFor(site, locale)?.organisaties[entry.id]?.phones;
  if (!phones) return entry;
  return { ...entry, data: { ...entry.data, phones: entry.data.phones.map((p, i) => ({ ...p, label: phones[i]?.label, availability: phones[i]?.availability ?? p.availability })) } };
}
