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
import { uiStringsSchema } from '../../src/i18n/schema';
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
      expect(placeholders(schema.description!), key).toEqual(placeholders(UI_STRINGS.nl[key as UiKey]));
    }
  });

  it('names the file, the key and the fix for a missing key, an extra key, an empty text and a wrong placeholder', () => {
    const pl = copy('pl');
    delete pl.strings['nav.home'];
    pl.strings['nav.thuis'] = 'Start';
    pl.strings['signals.count'] = '{aantal} sygnałów';
    const ro = copy('ro');
    ro.strings['search.title'] = '  ';
    expect(findStringProblems(dutch, [pl, ro])).toEqual([
      { file: 'src/i18n/strings/pl.json', field: 'nav.home', message: expect.stringContaining('Voeg "nav.home" toe met de vertaling van "Home"') },
      { file: 'src/i18n/strings/pl.json', field: 'signals.count', message: expect.stringContaining('precies de invulplekken {count} hebben, zoals in src/i18n/strings/nl.json; nu: {aantal}') },
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
      { locale: 'pl', file: 'content/vertalingen/pl.yaml', field: 'signalen.paspoort-niet-in-eigen-bezit', reason: 'ontbreekt', source: 'content/signalen/paspoort-niet-in-eigen-bezit.yaml' },
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
