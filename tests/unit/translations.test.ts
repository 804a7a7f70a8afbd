/**
 * Every language is complete: every interface key, every signal, every step of the national
 * route, every summary, the glossary and the translated pages. Broken on purpose one thing at a
 * time, each gap is reported with the file, the field and the fix.
 */
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { findTranslationProblems, GLOSSARY_TERMS } from '../../src/lib/content/translations';
import { UI_STRINGS, translator } from '../../src/i18n/index';
import { nl } from '../../src/i18n/nl';
import { LOCALES, TRANSLATED_LOCALES, localizedPath, splitLocale } from '../../src/i18n/locales';

const { site: content, problems: schemaProblems } = readContent('content');
const fresh = () => structuredClone(content);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('interface strings', () => {
  it.each(TRANSLATED_LOCALES)('%s has exactly the keys of nl.ts, none empty, with the same placeholders', (locale) => {
    const strings = UI_STRINGS[locale];
    expect(Object.keys(strings).sort()).toEqual(Object.keys(nl).sort());
    for (const [key, dutch] of Object.entries(nl)) {
      const text = strings[key as keyof typeof nl];
      expect(text.trim(), `${locale}: ${key} is leeg`).not.toBe('');
      expect(placeholders(text), `${locale}: ${key}`).toEqual(placeholders(dutch));
    }
  });

  it('never translates the site name or the emergency number', () => {
    for (const locale of LOCALES) {
      expect(UI_STRINGS[locale]['site.name']).toBe('Meldwijzer Mensenhandel');
      expect(UI_STRINGS[locale]['danger.call112']).toContain('112');
    }
  });

  it('fills placeholders and names the file when a key is missing', () => {
    expect(translator('pl')('report.maxChars', { max: 500 })).toContain('500');
    expect(translator('xx')('nav.home')).toBe(nl['nav.home']);
    expect(() => translator('pl')('bestaat.niet' as never)).toThrow('src/i18n/pl.ts');
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

  it('finds a signal without translation', () => {
    const site = fresh();
    delete site.vertalingen.find((v) => v.id === 'pl')!.data.signalen['paspoort-niet-in-eigen-bezit'];
    expect(findTranslationProblems(site)).toEqual([
      expect.objectContaining({ file: 'content/vertalingen/pl.yaml', field: 'signalen.paspoort-niet-in-eigen-bezit', message: expect.stringContaining('niet vertaald') }),
    ]);
  });

  it('finds a new route answer that the translation lacks', () => {
    const site = fresh();
    const national = site.meldroutes.find((r) => r.data.scope.kind === 'landelijk')!;
    const first = national.data.nodes['acuut-gevaar'];
    if (first.kind !== 'vraag') throw new Error('acuut-gevaar is een vraag');
    first.options.push({ label: 'Weet ik niet', next: 'uitkomst-112' });
    const problems = findTranslationProblems(site);
    expect(problems).toHaveLength(TRANSLATED_LOCALES.length);
    expect(problems[0]).toMatchObject({ field: 'meldroute.acuut-gevaar.options', message: expect.stringContaining('3 antwoorden') });
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
