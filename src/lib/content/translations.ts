/**
 * Completeness of the translations: every language in src/i18n/locales.ts must translate every
 * signal, every step of the national reporting route, every policy summary and internal-route
 * summary, the phone details of the organisations on translated pages, the glossary, and the
 * translated content pages. Errors name the file, the field and the fix, like every other content
 * problem; the build and a unit test refuse them. A new or changed signal, plan or internal route
 * is not an error: it is published in Dutch with a notice in the reader's language, and
 * `npm run check:translations` lists it as pending (findPendingTranslations).
 */
import { TRANSLATED_LOCALES, type TranslatedLocale } from '../../i18n/locales.ts';
import { TRANSLATED_PAGES } from '../../i18n/routes.ts';
import type { Entry, Problem, SiteContent } from './integrity.ts';
import type { Meldroute, Organisatie, RouteNode, Signaal, Vertaling } from './schemas.ts';

/** The key terms every language's glossary fixes, in this order. */
export const GLOSSARY_TERMS = [
  'mensenhandel',
  'uitbuiting',
  'seksuele uitbuiting',
  'arbeidsuitbuiting',
  'criminele uitbuiting',
  'gedwongen orgaanverwijdering',
  'slachtoffer',
  'signaal',
  'melden',
  'anoniem melden',
  'meldroute',
  'aangifte',
  'zorgcoördinator mensenhandel',
  'aandachtsfunctionaris mensenhandel',
  'bedenktijd',
  'verblijfsvergunning',
  'opvang',
  'loverboy',
  'arbeidsmigrant',
  'uitzendbureau',
  'gemeente',
  'beleidsplan',
] as const;

/** The one national route; every translated route page shows it. */
export function nationalRoute(site: SiteContent): Entry<Meldroute> | undefined {
  return site.meldroutes.find((r) => r.data.scope.kind === 'landelijk');
}

/** Organisations whose phone details appear on translated pages: the national route's and the pages' contacts. */
export function organisationsOnTranslatedPages(site: SiteContent): string[] {
  const ids = new Set<string>();
  for (const node of Object.values(nationalRoute(site)?.data.nodes ?? {})) {
    if (node.kind !== 'uitkomst') continue;
    for (const ref of node.contacts) ids.add('organisation' in ref ? ref.organisation : ref.fallback);
  }
  for (const page of site.paginas) {
    if ((TRANSLATED_PAGES as readonly string[]).includes(page.id)) page.data.contacts.forEach((id) => ids.add(id));
  }
  return [...ids].sort();
}

/** Ids of a collection, counting files that exist but failed their schema (one error per cause). */
function idsOf(site: SiteContent, collection: 'signalen' | 'beleid' | 'interneRoutes'): Set<string> {
  return new Set([...site[collection].map((e) => e.id), ...(site.broken?.[collection] ?? [])]);
}

/** Ids in `translated` that have no Dutch counterpart: usually a renamed or deleted Dutch file. */
function extraKeys(translated: Record<string, unknown>, dutch: Set<string>): string[] {
  return Object.keys(translated).filter((id) => !dutch.has(id));
}

function checkLanguage(site: SiteContent, locale: TranslatedLocale, entry: Entry<Vertaling>): Problem[] {
  const problems: Problem[] = [];
  const file = entry.filePath;
  const t = entry.data;
  const add = (field: string, message: string) => problems.push({ file, field, message });

  if (t.taal !== locale) add('taal', `Dit bestand is voor "${locale}"; zet taal: ${locale}.`);

  // A signal without (complete) translation is not a problem: it is published in Dutch with a
  // notice, and listed as pending (findPendingTranslations).
  for (const id of extraKeys(t.signalen, idsOf(site, 'signalen'))) {
    add(`signalen.${id}`, `Er is geen signaal "${id}" in content/signalen/. Haal de vertaling weg of hernoem hem.`);
  }

  // A route step or phone label without (complete) translation is shown in Dutch and listed as
  // pending (findPendingTranslations); only translations of things that do not exist are errors.
  const nodes = nationalRoute(site)?.data.nodes ?? {};
  for (const id of extraKeys(t.meldroute, new Set(Object.keys(nodes)))) {
    add(`meldroute.${id}`, `De landelijke meldroute heeft geen stap "${id}". Haal de vertaling weg of hernoem hem.`);
  }

  const organisations = organisationsOnTranslatedPages(site);
  for (const id of extraKeys(t.organisaties, new Set(organisations))) {
    add(`organisaties.${id}`, `"${id}" staat niet op een vertaalde pagina (of bestaat niet). Haal deze vertaling weg.`);
  }

  for (const field of ['beleid', 'interneRoutes'] as const) {
    for (const id of extraKeys(t[field], idsOf(site, field)))
      add(`${field}.${id}`, `Er is geen "${id}" in content/${field === 'beleid' ? 'beleid' : 'interne-routes'}/. Haal de samenvatting weg.`);
  }

  const glossary = t.begrippen.map((b) => b.nl);
  const missingTerms = GLOSSARY_TERMS.filter((term) => !glossary.includes(term));
  if (missingTerms.length) add('begrippen', `De woordenlijst mist: ${missingTerms.join(', ')}. Voeg elk begrip toe met nl, term en uitleg.`);

  for (const slug of TRANSLATED_PAGES) {
    if (!site.vertaaldePaginas.some((p) => p.id === `${locale}/${slug}`)) {
      problems.push({
        file: `content/vertalingen/${locale}/${slug}.mdx`,
        field: '(bestand)',
        message: `Deze vertaling van content/paginas/${slug}.mdx ontbreekt. Maak het bestand aan met title, description en reviewed.`,
      });
    }
  }
  return problems;
}

export function findTranslationProblems(site: SiteContent): Problem[] {
  const problems: Problem[] = [];
  for (const locale of TRANSLATED_LOCALES) {
    const entry = site.vertalingen.find((v) => v.id === locale);
    if (!entry) {
      problems.push({
        file: `content/vertalingen/${locale}.yaml`,
        field: '(bestand)',
        message: `De vertaling voor "${locale}" ontbreekt. Maak het bestand aan (zie docs/EDITORS.md, Vertalingen).`,
      });
      continue;
    }
    problems.push(...checkLanguage(site, locale, entry));
  }
  for (const entry of site.vertalingen) {
    if (!(TRANSLATED_LOCALES as readonly string[]).includes(entry.id)) {
      problems.push({
        file: entry.filePath,
        field: '(bestand)',
        message: `"${entry.id}" is geen taal van de site (${TRANSLATED_LOCALES.join(', ')}). Hernoem of verwijder het bestand.`,
      });
    }
  }
  for (const page of site.vertaaldePaginas) {
    const [locale, slug] = page.id.split('/');
    if (!(TRANSLATED_LOCALES as readonly string[]).includes(locale) || !(TRANSLATED_PAGES as readonly string[]).includes(slug)) {
      problems.push({
        file: page.filePath,
        field: '(bestand)',
        message: `Alleen deze pagina's worden vertaald: ${TRANSLATED_PAGES.join(', ')}, in de mappen ${TRANSLATED_LOCALES.join(', ')}. Hernoem of verwijder het bestand.`,
      });
    }
  }
  return problems;
}

type Gap = { field: string; message: string };

/** What a translation of a route step lacks; empty when it is complete. */
export function routeStepGaps(id: string, node: RouteNode, translated: Vertaling['meldroute'][string] | undefined): Gap[] {
  const field = `meldroute.${id}`;
  if (!translated) return [{ field, message: `Vertaal ${node.kind === 'vraag' ? 'question en options' : 'title en whatHappens'}.` }];
  if (node.kind === 'vraag') {
    if (!('question' in translated)) return [{ field, message: `"${id}" is een vraag: vertaal question, options${node.help ? ' en help' : ''}.` }];
    const gaps: Gap[] = [];
    if (translated.options.length !== node.options.length)
      gaps.push({
        field: `${field}.options`,
        message: `De Nederlandse vraag heeft ${node.options.length} antwoorden; de vertaling ${translated.options.length}. Vertaal elk antwoord, in dezelfde volgorde.`,
      });
    if (Boolean(node.help) !== Boolean(translated.help))
      gaps.push({
        field: `${field}.help`,
        message: node.help ? 'De Nederlandse vraag heeft help; vertaal die ook.' : 'De Nederlandse vraag heeft geen help; haal deze weg.',
      });
    return gaps;
  }
  if (!('title' in translated)) return [{ field, message: `"${id}" is een uitkomst: vertaal title en whatHappens.` }];
  const expected = node.contacts.some((c) => c.note) ? node.contacts.length : 0;
  const actual = translated.notes?.length ?? 0;
  if (actual !== expected)
    return [
      {
        field: `${field}.notes`,
        message: expected
          ? `Geef ${expected} notes, één per contact in de Nederlandse volgorde ("" bij een contact zonder note).`
          : 'De Nederlandse uitkomst heeft geen notes; haal notes weg.',
      },
    ];
  return node.contacts.flatMap((c, i) =>
    Boolean(c.note) !== Boolean(translated.notes?.[i])
      ? [
          {
            field: `${field}.notes.${i}`,
            message: c.note ? 'Dit contact heeft een note in het Nederlands; vertaal die.' : 'Dit contact heeft geen note in het Nederlands; gebruik "".',
          },
        ]
      : [],
  );
}

/** What a translation of an organisation's phone labels and opening times lacks; empty when complete. */
export function phoneGaps(id: string, phones: Organisatie['phones'], translated: Vertaling['organisaties'][string]['phones'] | undefined): Gap[] {
  if (phones.length === 0) return [];
  if (!translated || translated.length !== phones.length)
    return [
      {
        field: `organisaties.${id}.phones`,
        message: `Vertaal label en availability van alle ${phones.length} telefoonnummer(s) van ${id}, in dezelfde volgorde.`,
      },
    ];
  return phones.flatMap((phone, i) =>
    Boolean(phone.label) !== Boolean(translated[i].label)
      ? [
          {
            field: `organisaties.${id}.phones.${i}.label`,
            message: phone.label
              ? 'Dit nummer heeft een label in het Nederlands; vertaal het.'
              : 'Dit nummer heeft geen label in het Nederlands; haal het weg.',
          },
        ]
      : [],
  );
}

/** A text shown in Dutch on a translated page until a translator gets to it. */
export interface PendingTranslation {
  locale: TranslatedLocale;
  file: string;
  field: string;
  /** ontbreekt: not translated; onvolledig: the Dutch text has a part the translation lacks. */
  reason: 'ontbreekt' | 'onvolledig';
  /** The Dutch source, so the translator knows what to translate. */
  source: string;
  /** What exactly to do, when more than "translate it". */
  detail?: string;
}

/** Whether a signal is shown in Dutch in this language (no translation, or not of every part). */
export function signalPending(signal: Signaal, translated: Vertaling['signalen'][string] | undefined): PendingTranslation['reason'] | undefined {
  if (!translated) return 'ontbreekt';
  if (Boolean(signal.explanation) !== Boolean(translated.explanation)) return 'onvolledig';
  return undefined;
}

export function findPendingTranslations(site: SiteContent): PendingTranslation[] {
  const pending: PendingTranslation[] = [];
  for (const locale of TRANSLATED_LOCALES) {
    const entry = site.vertalingen.find((v) => v.id === locale);
    if (!entry) continue;
    const file = entry.filePath;
    for (const signal of site.signalen) {
      const reason = signalPending(signal.data, entry.data.signalen[signal.id]);
      if (reason) pending.push({ locale, file, field: `signalen.${signal.id}`, reason, source: signal.filePath });
    }
    const route = nationalRoute(site);
    for (const [id, node] of Object.entries(route?.data.nodes ?? {})) {
      for (const gap of routeStepGaps(id, node, entry.data.meldroute[id])) {
        pending.push({
          locale,
          file,
          field: gap.field,
          reason: entry.data.meldroute[id] ? 'onvolledig' : 'ontbreekt',
          source: route!.filePath,
          detail: gap.message,
        });
      }
    }
    for (const id of organisationsOnTranslatedPages(site)) {
      const organisation = site.organisaties.find((o) => o.id === id);
      for (const gap of phoneGaps(id, organisation?.data.phones ?? [], entry.data.organisaties[id]?.phones)) {
        pending.push({
          locale,
          file,
          field: gap.field,
          reason: entry.data.organisaties[id] ? 'onvolledig' : 'ontbreekt',
          source: organisation!.filePath,
          detail: gap.message,
        });
      }
    }
    for (const [field, dutch] of [
      ['beleid', site.beleid],
      ['interneRoutes', site.interneRoutes],
    ] as const) {
      for (const doc of dutch) {
        if (!entry.data[field][doc.id]) pending.push({ locale, file, field: `${field}.${doc.id}`, reason: 'ontbreekt', source: doc.filePath });
      }
    }
  }
  return pending;
}
