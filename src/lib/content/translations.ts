/**
 * Completeness of the translations: every language in src/i18n/locales.ts must translate every
 * signal, every step of the national reporting route, every policy summary and internal-route
 * summary, the phone details of the organisations on translated pages, the glossary, and the
 * translated content pages. Missing or stale entries are problems that name the file, the field
 * and the fix, like every other content problem; the build and a unit test both refuse them.
 */
import { TRANSLATED_LOCALES, type TranslatedLocale } from '../../i18n/locales.ts';
import { TRANSLATED_PAGES } from '../../i18n/routes.ts';
import type { Entry, Problem, SiteContent } from './integrity.ts';
import type { Meldroute, Vertaling } from './schemas.ts';

/** The key terms every language's glossary fixes, in this order. */
export const GLOSSARY_TERMS = [
  'mensenhandel', 'uitbuiting', 'seksuele uitbuiting', 'arbeidsuitbuiting', 'criminele uitbuiting',
  'gedwongen orgaanverwijdering', 'slachtoffer', 'signaal', 'melden', 'anoniem melden', 'meldroute',
  'aangifte', 'zorgcoördinator mensenhandel', 'aandachtsfunctionaris mensenhandel', 'bedenktijd',
  'verblijfsvergunning', 'opvang', 'loverboy', 'arbeidsmigrant', 'uitzendbureau', 'gemeente', 'beleidsplan',
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

  for (const signal of site.signalen) {
    const translated = t.signalen[signal.id];
    if (!translated) {
      add(`signalen.${signal.id}`, `Signaal "${signal.id}" (${signal.filePath}) is niet vertaald. Voeg statement${signal.data.explanation ? ' en explanation' : ''} toe.`);
    } else if (Boolean(signal.data.explanation) !== Boolean(translated.explanation)) {
      add(`signalen.${signal.id}.explanation`, signal.data.explanation ? 'De Nederlandse tekst heeft een explanation; vertaal die ook.' : 'De Nederlandse tekst heeft geen explanation meer; haal deze weg.');
    }
  }
  for (const id of extraKeys(t.signalen, new Set(site.signalen.map((s) => s.id)))) {
    add(`signalen.${id}`, `Er is geen signaal "${id}" in content/signalen/. Haal de vertaling weg of hernoem hem.`);
  }

  const nodes = nationalRoute(site)?.data.nodes ?? {};
  for (const [id, node] of Object.entries(nodes)) {
    const translated = t.meldroute[id];
    const field = `meldroute.${id}`;
    if (!translated) {
      add(field, `Stap "${id}" van de landelijke meldroute is niet vertaald. Voeg ${node.kind === 'vraag' ? 'question en options' : 'title en whatHappens'} toe.`);
    } else if (node.kind === 'vraag') {
      if (!('question' in translated)) add(field, `"${id}" is een vraag: vertaal question, options${node.help ? ' en help' : ''}.`);
      else {
        if (translated.options.length !== node.options.length) add(`${field}.options`, `De Nederlandse vraag heeft ${node.options.length} antwoorden; de vertaling ${translated.options.length}. Vertaal elk antwoord, in dezelfde volgorde.`);
        if (Boolean(node.help) !== Boolean(translated.help)) add(`${field}.help`, node.help ? 'De Nederlandse vraag heeft help; vertaal die ook.' : 'De Nederlandse vraag heeft geen help; haal deze weg.');
      }
    } else if (!('title' in translated)) {
      add(field, `"${id}" is een uitkomst: vertaal title en whatHappens.`);
    } else {
      const dutchNotes = node.contacts.filter((c) => c.note).length;
      const expected = dutchNotes > 0 ? node.contacts.length : 0;
      const actual = translated.notes?.length ?? 0;
      if (actual !== expected) add(`${field}.notes`, expected ? `Geef ${expected} notes, één per contact in de Nederlandse volgorde ("" bij een contact zonder note).` : 'De Nederlandse uitkomst heeft geen notes; haal notes weg.');
      else node.contacts.forEach((c, i) => {
        if (Boolean(c.note) !== Boolean(translated.notes?.[i])) add(`${field}.notes.${i}`, c.note ? 'Dit contact heeft een note in het Nederlands; vertaal die.' : 'Dit contact heeft geen note in het Nederlands; gebruik "".');
      });
    }
  }
  for (const id of extraKeys(t.meldroute, new Set(Object.keys(nodes)))) {
    add(`meldroute.${id}`, `De landelijke meldroute heeft geen stap "${id}". Haal de vertaling weg of hernoem hem.`);
  }

  const organisations = organisationsOnTranslatedPages(site);
  for (const id of organisations) {
    const phones = site.organisaties.find((o) => o.id === id)?.data.phones ?? [];
    if (phones.length === 0) continue;
    const translated = t.organisaties[id]?.phones;
    if (!translated || translated.length !== phones.length) {
      add(`organisaties.${id}.phones`, `Vertaal label en availability van alle ${phones.length} telefoonnummer(s) van ${id}, in dezelfde volgorde.`);
    } else phones.forEach((phone, i) => {
      if (Boolean(phone.label) !== Boolean(translated[i].label)) add(`organisaties.${id}.phones.${i}.label`, phone.label ? 'Dit nummer heeft een label in het Nederlands; vertaal het.' : 'Dit nummer heeft geen label in het Nederlands; haal het weg.');
    });
  }
  for (const id of extraKeys(t.organisaties, new Set(organisations))) {
    add(`organisaties.${id}`, `"${id}" staat niet op een vertaalde pagina (of bestaat niet). Haal deze vertaling weg.`);
  }

  for (const [field, dutch] of [['beleid', site.beleid], ['interneRoutes', site.interneRoutes]] as const) {
    for (const doc of dutch) {
      if (!t[field][doc.id]) add(`${field}.${doc.id}`, `Schrijf een korte samenvatting van ${doc.filePath} in deze taal.`);
    }
    for (const id of extraKeys(t[field], new Set(dutch.map((d) => d.id)))) add(`${field}.${id}`, `Er is geen "${id}" in content/${field === 'beleid' ? 'beleid' : 'interne-routes'}/. Haal de samenvatting weg.`);
  }

  const glossary = t.begrippen.map((b) => b.nl);
  const missingTerms = GLOSSARY_TERMS.filter((term) => !glossary.includes(term));
  if (missingTerms.length) add('begrippen', `De woordenlijst mist: ${missingTerms.join(', ')}. Voeg elk begrip toe met nl, term en uitleg.`);

  for (const slug of TRANSLATED_PAGES) {
    if (!site.vertaaldePaginas.some((p) => p.id === `${locale}/${slug}`)) {
      problems.push({ file: `content/vertalingen/${locale}/${slug}.mdx`, field: '(bestand)', message: `Deze vertaling van content/paginas/${slug}.mdx ontbreekt. Maak het bestand aan met title, description en reviewed.` });
    }
  }
  return problems;
}

export function findTranslationProblems(site: SiteContent): Problem[] {
  const problems: Problem[] = [];
  for (const locale of TRANSLATED_LOCALES) {
    const entry = site.vertalingen.find((v) => v.id === locale);
    if (!entry) {
      problems.push({ file: `content/vertalingen/${locale}.yaml`, field: '(bestand)', message: `De vertaling voor "${locale}" ontbreekt. Maak het bestand aan (zie docs/EDITORS.md, Vertalingen).` });
      continue;
    }
    problems.push(...checkLanguage(site, locale, entry));
  }
  for (const entry of site.vertalingen) {
    if (!(TRANSLATED_LOCALES as readonly string[]).includes(entry.id)) {
      problems.push({ file: entry.filePath, field: '(bestand)', message: `"${entry.id}" is geen taal van de site (${TRANSLATED_LOCALES.join(', ')}). Hernoem of verwijder het bestand.` });
    }
  }
  for (const page of site.vertaaldePaginas) {
    const [locale, slug] = page.id.split('/');
    if (!(TRANSLATED_LOCALES as readonly string[]).includes(locale) || !(TRANSLATED_PAGES as readonly string[]).includes(slug)) {
      problems.push({ file: page.filePath, field: '(bestand)', message: `Alleen deze pagina's worden vertaald: ${TRANSLATED_PAGES.join(', ')}, in de mappen ${TRANSLATED_LOCALES.join(', ')}. Hernoem of verwijder het bestand.` });
    }
  }
  return problems;
}
