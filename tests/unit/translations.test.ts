/**
 * Every language is complete: every interface key, every signal, every step of the national
 * route, every summary, the glossary and the translated pages. Broken on purpose one thing at a
 * time, each gap is reported with the file, the field and the fix.
 */
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { findPendingTranslations, findTranslationProblems, GLOSSARY_TERMS } from '../../src/lib/content/translations';
import { dutchSourceHashes, findStaleTranslations } from '../../src/lib/content/translation-sources';
import { localizeRouteNode, localizeSignal } from '../../src/lib/content/localize';
import { UI_STRINGS, translator, type UiKey } from '../../src/i18n/index';
import { findStringProblems, placeholders } from '../../src/i18n/check';
import { isPluralKey, uiStringsSchema } from '../../src/i18n/schema';
import { fill, fillAttribute, isPlural, pluralCategories } from '../../src/i18n/message';
import { LOCALES, TRANSLATED_LOCALES, localizedPath, splitLocale, type TranslatedLocale } from '../../src/i18n/locales';

const { site: content, problems: schemaProblems } = readContent('content');
const fresh = () => structuredClone(content);

describe('interface strings', () => {
  const dutch = { file: 'src/i18n/strings/nl.json', strings: UI_STRINGS.nl as Record<string, unknown> };
  const copy = (locale: TranslatedLocale) => ({ file: `src/i18n/strings/${locale}.json`, strings: { ...UI_STRINGS[locale] } as Record<string, unknown> });

  it('every language has exactly the keys of the schema, none empty, with the placeholders of nl.json', () => {
    expect(findStringProblems(dutch, TRANSLATED_LOCALES.map(copy))).toEqual([]);
    expect(Object.keys(UI_STRINGS.nl).sort()).toEqual(Object.keys(uiStringsSchema.shape).sort());
  });

  it('documents every key, and names every placeholder of the Dutch text in its description', () => {
    for (const [key, schema] of Object.entries(uiStringsSchema.shape)) {
      expect(schema.description, key).toMatch(/\w{3,}.*\./);
      const message = UI_STRINGS.nl[key as UiKey];
      for (const form of isPlural(message) ? Object.values(message) : [message]) expect(placeholders(schema.description!), key).toEqual(placeholders(form));
    }
  });

  it('stores every string that counts (days, characters, results, municipalities) as plural forms', () => {
    const counting = Object.keys(uiStringsSchema.shape).filter((key) =>
      placeholders(uiStringsSchema.shape[key as UiKey].description ?? '').some((p) => ['count', 'days', 'min', 'max'].includes(p)),
    );
    expect(counting.length).toBeGreaterThanOrEqual(11);
    for (const key of counting) expect(isPluralKey(key), key).toBe(true);
    for (const locale of LOCALES)
      for (const key of counting)
        expect(Object.keys(UI_STRINGS[locale][key as UiKey]).sort(), `${locale} ${key}`).toEqual([...pluralCategories(locale)].sort());
  });

  it('picks the plural form of the language (issue 22: "1 gemeenten gevonden", Romanian "de" from 20 up)', () => {
    const found = (locale: Parameters<typeof translator>[0], count: number) => translator(locale)('report.picker.count', { count });
    expect(found('nl', 1)).toBe('1 gemeente gevonden.');
    expect(found('nl', 2)).toBe('2 gemeenten gevonden.');
    expect(found('en', 1)).toBe('1 municipality found.');
    expect(found('pl', 1)).toContain('1 gminę');
    expect(found('pl', 3)).toContain('3 gminy');
    expect(found('pl', 5)).toContain('5 gmin.');
    expect(found('pl', 22)).toContain('22 gminy');
    expect(found('uk', 21)).toContain('21 муніципалітет.');
    expect(found('uk', 11)).toContain('11 муніципалітетів');
    const days = (n: number) => translator('ro')('receipt.keptUntil', { days: n });
    expect(days(1)).toContain('1 zi ');
    expect(days(19)).toContain('19 zile');
    expect(days(30)).toContain('30 de zile');
    expect(translator('bg')('search.count', { count: 1, query: 'x' })).toContain('1 резултат ');
    expect(translator('ro')('search.count', { count: 2, query: 'x' })).toBe('2 rezultate pentru „x”.');
  });

  it('fills in the browser the same way as on the server, from a data attribute', () => {
    const t = translator('pl');
    expect(fillAttribute(t.attribute('search.count'), { count: 5, query: '$& a' }, 'pl')).toBe(t('search.count', { count: 5, query: '$& a' }));
    expect(fillAttribute(t.attribute('search.count'), { count: 5, query: '$& a' }, 'pl')).toContain('„$& a”');
    expect(fillAttribute(translator('nl').attribute('exit.shiftCount'), { n: 2 }, 'nl')).toBe('Shift 2 van 3');
    expect(fill({ one: '{n} dag', other: '{n} dagen' }, { n: 12000 }, 'nl')).toBe('12.000 dagen');
    expect(fill('{missing} blijft', {}, 'nl')).toBe('{missing} blijft');
  });

  it('names the file, the key and the forms a language needs when plural forms are wrong', () => {
    const pl = copy('pl');
    pl.strings['search.count'] = { one: '{count} wynik dla „{query}”.', other: '{count} wyników dla „{query}”.' };
    const ro = copy('ro');
    ro.strings['signals.count'] = '{count} semnale';
    const uk = copy('uk');
    uk.strings['report.maxChars'] = { ...(UI_STRINGS.uk['report.maxChars'] as object), many: 'Не більше ніж символів.' };
    expect(findStringProblems(dutch, [pl, ro, uk])).toEqual([
      { file: 'src/i18n/strings/pl.json', field: 'search.count', message: expect.stringContaining('{ "one": "…", "few": "…", "many": "…", "other": "…" }') },
      { file: 'src/i18n/strings/ro.json', field: 'signals.count', message: expect.stringContaining('"one": "…", "few": "…", "other": "…"') },
      { file: 'src/i18n/strings/uk.json', field: 'report.maxChars.many', message: expect.stringContaining('precies de invulplekken {max}') },
    ]);
  });

  it('names the file, the key and the fix for a missing key, an extra key, an empty text and a wrong placeholder', () => {
    const pl = copy('pl');
    delete pl.strings['nav.home'];
    pl.strings['nav.thuis'] = 'Start';
    pl.strings['page.reviewed'] = 'Sprawdzono {datum}.';
    const ro = copy('ro');
    ro.strings['search.title'] = '  ';
    expect(findStringProblems(dutch, [pl, ro])).toEqual([
      { file: 'src/i18n/strings/pl.json', field: 'nav.home', message: expect.stringContaining('Voeg "nav.home" toe met de vertaling van "Home"') },
      {
        file: 'src/i18n/strings/pl.json',
        field: 'page.reviewed',
        message: expect.stringContaining('precies de invulplekken {date} hebben, zoals in src/i18n/strings/nl.json; nu: {datum}'),
      },
      { file: 'src/i18n/strings/pl.json', field: 'nav.thuis', message: expect.stringContaining('Haal hem weg') },
      { file: 'src/i18n/strings/ro.json', field: 'search.title', message: expect.stringContaining('De tekst is leeg') },
    ]);
  });

  it('holds Dutch to the schema: a key without a description, or a placeholder the description does not name', () => {
    const nl = { ...dutch, strings: { ...dutch.strings, 'nav.nieuw': 'Nieuw', 'page.reviewed': 'Gecontroleerd op {datum}.' } };
    expect(findStringProblems(nl, [])).toEqual([
      { file: 'src/i18n/strings/nl.json', field: 'page.reviewed', message: expect.stringContaining('src/i18n/schema.ts noemt {date}') },
      { file: 'src/i18n/strings/nl.json', field: 'nav.nieuw', message: expect.stringContaining('Voeg hem daar toe met een beschrijving') },
    ]);
  });

  it('never translates the site name or the emergency number', () => {
    for (const locale of LOCALES) {
      expect(UI_STRINGS[locale]['site.name']).toBe('Meldwijzer Mensenhandel');
      expect(UI_STRINGS[locale]['danger.call112']).toContain('112');
    }
  });

  it('fills placeholders and names the file when a key is missing', () => {
    expect(translator('pl')('report.maxChars', { max: 500 })).toContain('500');
    expect(translator('xx')('nav.home')).toBe(UI_STRINGS.nl['nav.home']);
    expect(() => translator('pl')('bestaat.niet' as never)).toThrow('src/i18n/strings/pl.json');
  });
});

describe('addresses per language', () => {
  it('keeps Dutch unprefixed and puts every other language under its prefix', () => {
    expect(localizedPath('nl', '/hulp/')).toBe('/hulp/');
    expect(localizedPath('uk', '/hulp/')).toBe('/uk/hulp/');
    expect(splitLocale('/uk/hulp/')).toEqual({ locale: 'uk', path: '/hulp/' });
    expect(splitLocale('/pl/')).toEqual({ locale: 'pl', path: '/' });
    // A Dutch path that happens to start with two letters stays Dutch.
    expect(splitLocale('/nl/')).toEqual({ locale: 'nl', path: '/nl/' });
    expect(splitLocale('/gemeenten/')).toEqual({ locale: 'nl', path: '/gemeenten/' });
  });
});

describe('content translations', () => {
  it('the real translations are valid and complete', () => {
    expect(schemaProblems.filter((p) => p.file.includes('vertalingen'))).toEqual([]);
    expect(findTranslationProblems(content)).toEqual([]);
    for (const locale of TRANSLATED_LOCALES) {
      const glossary = content.vertalingen.find((v) => v.id === locale)!.data.begrippen.map((b) => b.nl);
      expect(glossary).toEqual([...GLOSSARY_TERMS]);
    }
  });

  it('publishes a signal without translation in Dutch, listed as pending, not as an error', () => {
    const site = fresh();
    delete site.vertalingen.find((v) => v.id === 'pl')!.data.signalen['paspoort-niet-in-eigen-bezit'];
    expect(findTranslationProblems(site)).toEqual([]);
    expect(findPendingTranslations(site)).toEqual([
      {
        locale: 'pl',
        file: 'content/vertalingen/pl.yaml',
        field: 'signalen.paspoort-niet-in-eigen-bezit',
        reason: 'ontbreekt',
        source: 'content/signalen/paspoort-niet-in-eigen-bezit.yaml',
      },
    ]);
    const shown = localizeSignal(site, 'pl', site.signalen.find((s) => s.id === 'paspoort-niet-in-eigen-bezit')!);
    expect(shown).toMatchObject({ pending: true, data: { statement: site.signalen.find((s) => s.id === 'paspoort-niet-in-eigen-bezit')!.data.statement } });
  });

  it('lists a translation as stale once the Dutch text changes after it was recorded', () => {
    const site = fresh();
    const recorded = dutchSourceHashes(site);
    expect(findStaleTranslations(site, 'en', recorded, recorded)).toEqual([]);
    site.signalen.find((s) => s.id === 'paspoort-niet-in-eigen-bezit')!.data.statement = 'Iemand heeft zijn paspoort of identiteitskaart niet zelf.';
    expect(findStaleTranslations(site, 'en', dutchSourceHashes(site), recorded)).toEqual([{ key: 'signalen.paspoort-niet-in-eigen-bezit', recorded: true }]);
  });

  it('shows a route step with a new answer in Dutch until translated, listed as pending', () => {
    const site = fresh();
    const national = site.meldroutes.find((r) => r.data.scope.kind === 'landelijk')!;
    const first = national.data.nodes['acuut-gevaar'];
    if (first.kind !== 'vraag') throw new Error('acuut-gevaar is een vraag');
    first.options.push({ label: 'Weet ik niet', next: 'uitkomst-112' });
    expect(findTranslationProblems(site)).toEqual([]);
    const pending = findPendingTranslations(site);
    expect(pending).toHaveLength(TRANSLATED_LOCALES.length);
    expect(pending[0]).toMatchObject({ field: 'meldroute.acuut-gevaar.options', reason: 'onvolledig', detail: expect.stringContaining('3 antwoorden') });
    expect(localizeRouteNode(site, 'en', 'acuut-gevaar', first)).toMatchObject({ pending: true, question: first.question });
  });

  it('finds a missing language file, a stale entry and a missing page', () => {
    const site = fresh();
    site.vertalingen = site.vertalingen.filter((v) => v.id !== 'ro');
    site.vertaaldePaginas = site.vertaaldePaginas.filter((p) => p.id !== 'uk/privacy');
    site.vertalingen.find((v) => v.id === 'bg')!.data.beleid['bestaat-niet'] = 'Een samenvatting van een document dat er niet is, lang genoeg.';
    const problems = findTranslationProblems(site);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'content/vertalingen/ro.yaml', field: '(bestand)' }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'content/vertalingen/uk/privacy.mdx', field: '(bestand)' }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'content/vertalingen/bg.yaml', field: 'beleid.bestaat-niet' }));
  });

  it('keeps phone numbers out of translations: only labels and opening times are translated', () => {
    for (const v of content.vertalingen) {
      for (const org of Object.values(v.data.organisaties)) {
        for (const phone of org.phones) expect(Object.keys(phone).every((k) => k === 'label' || k === 'availability')).toBe(true);
      }
    }
  });
});
