/**
 * Content in a reader's language: the same entries, with their words replaced by the
 * translation in content/vertalingen/<taal>.yaml. Components stay language-blind; pages
 * localize the data they pass in. Dutch returns the entry unchanged. Whatever has no complete
 * translation yet (signals, summaries, route steps, phone labels) stays Dutch, marked pending where
 * a page shows a notice; `npm run check:translations` lists it.
 */
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locales.ts';
import type { Entry, SiteContent } from './integrity.ts';
import type { Organisatie, RouteNode, Signaal, Vertaling } from './schemas.ts';
import { phoneGaps, routeStepGaps, signalPending } from './translations.ts';

/** A signal as a page in some language shows it: `pending` = all Dutch; `exampleInDutch` = only the example. */
export type LocalizedSignal = Entry<Signaal> & { pending?: boolean; exampleInDutch?: boolean };

/** A plan's or internal route's summary in the reader's language, or the Dutch one while the translation is pending. */
export function summaryFor(
  site: SiteContent,
  locale: Locale,
  field: 'beleid' | 'interneRoutes',
  id: string,
  dutch: string,
): { text: string; pending: boolean } {
  const translated = translationFor(site, locale)?.[field][id];
  return translated ? { text: translated, pending: false } : { text: dutch, pending: true };
}

export function translationFor(site: SiteContent, locale: Locale): Vertaling | undefined {
  return locale === DEFAULT_LOCALE ? undefined : site.vertalingen.find((v) => v.id === locale)?.data;
}

/**
 * A signal in the reader's language. Without a (complete) translation it stays Dutch and is
 * marked `pending`, so the page shows it with the "only in Dutch" notice rather than failing the
 * build; the example is never translated and is marked `exampleInDutch` (shown in Dutch, marked).
 */
export function localizeSignal(site: SiteContent, locale: Locale, entry: Entry<Signaal>): LocalizedSignal {
  const translation = translationFor(site, locale);
  if (!translation) return entry;
  const words = translation.signalen[entry.id];
  if (!words || signalPending(entry.data, words)) return { ...entry, pending: true };
  return { ...entry, data: { ...entry.data, statement: words.statement, explanation: words.explanation }, exampleInDutch: Boolean(entry.data.example) };
}

/** A route step as a page in some language shows it: `pending` = still in Dutch (no complete translation). */
export type LocalizedNode = RouteNode & { pending?: boolean };

/** A step of the national route in the reader's language; answer targets stay the same. */
export function localizeRouteNode(site: SiteContent, locale: Locale, id: string, node: RouteNode): LocalizedNode {
  const translation = translationFor(site, locale);
  if (!translation) return node;
  const words = translation.meldroute[id];
  if (!words || routeStepGaps(id, node, words).length > 0) return { ...node, pending: true };
  if (node.kind === 'vraag' && 'question' in words) {
    return { ...node, question: words.question, help: words.help, options: node.options.map((o, i) => ({ ...o, label: words.options[i] })) };
  }
  if (node.kind === 'uitkomst' && 'title' in words) {
    return {
      ...node,
      title: words.title,
      whatHappens: words.whatHappens,
      contacts: node.contacts.map((c, i) => ({ ...c, note: words.notes?.[i] || undefined })),
    };
  }
  return { ...node, pending: true };
}

export function localizeRouteNodes(site: SiteContent, locale: Locale, nodes: Record<string, RouteNode>): Record<string, LocalizedNode> {
  return Object.fromEntries(Object.entries(nodes).map(([id, node]) => [id, localizeRouteNode(site, locale, id, node)]));
}

/** An organisation with its phone labels and opening times translated; name and numbers never change. */
export function localizeOrganisation(site: SiteContent, locale: Locale, entry: Entry<Organisatie>): Entry<Organisatie> {
  const phones = translationFor(site, locale)?.organisaties[entry.id]?.phones;
  // Not (completely) translated yet: the Dutch labels, listed as pending by check:translations.
  if (!phones || phoneGaps(entry.id, entry.data.phones, phones).length > 0) return entry;
  return {
    ...entry,
    data: {
      ...entry.data,
      phones: entry.data.phones.map((p, i) => ({ ...p, label: phones[i]?.label, availability: phones[i]?.availability ?? p.availability })),
    },
  };
}
