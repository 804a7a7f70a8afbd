/**
 * The corrections of the outside audit (issue 14) as a reader meets them: read from the built
 * pages in dist/client, so a content fix that never reaches the page also fails. Needs a build.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { membersOf } from '../../src/lib/content/queries';
import { LOCALES, TRANSLATED_LOCALES, localizedPath } from '../../src/i18n/locales';
import { parse, textOf } from '../support/html.ts';

const { site } = readContent('content');
const page = (path: string) => parse(readFileSync(`dist/client${path}index.html`, 'utf8'));
/** The HTML of the page's <main>, attributes in double quotes. */
const main = (path: string) => {
  const $ = page(path);
  return $.html($('main'));
};
const text = (path: string) => textOf(main(path));
const tel = (digits: string) => `href="tel:${digits}"`;
const COMENSHA = tel('0334481186');
const SLACHTOFFERHULP = tel('09000101');
const HELP = 'melden/uitkomst-hulp-voor-uzelf/';

describe('a victim finds a phone number on the help step of every Limburg municipality and Groningen', () => {
  const limburg = [...membersOf(site, 'noord-limburg'), ...membersOf(site, 'midden-limburg')].map((g) => g.id);

  it.each(limburg.filter((id) => id !== 'mook-en-middelaar'))('%s: CoMensha, 033-448 11 86', (id) => {
    expect(main(`/gemeenten/${id}/${HELP}`)).toContain(COMENSHA);
  });

  it('Mook en Middelaar: the coordinator of Gelderland-Zuid on Moviera’s general number', () => {
    const page = main(`/gemeenten/mook-en-middelaar/${HELP}`);
    expect(page).toContain('Zorgcoördinator mensenhandel Gelderland-Zuid');
    expect(page).toContain(tel('0883744744'));
  });

  it('Groningen: the ZVHG, with CoMensha to phone', () => {
    const page = main(`/gemeenten/groningen/${HELP}`);
    expect(page).toContain('Zorg- en Veiligheidshuis Groningen');
    expect(page).toContain('mailto:mensenhandel@groningen.nl');
    expect(page).toContain(COMENSHA);
  });

  it('Groningen: worries about someone close go to the ZVHG, then Veilig Thuis', () => {
    const page = text('/gemeenten/groningen/melden/uitkomst-zorgen-om-naaste/');
    expect(page.indexOf('Zorg- en Veiligheidshuis Groningen')).toBeGreaterThan(-1);
    expect(page.indexOf('Zorg- en Veiligheidshuis Groningen')).toBeLessThan(page.indexOf('Bel 0800-2000'));
  });
});

describe('national numbers reach every language', () => {
  it.each(LOCALES)('%s: the help step and the help page show CoMensha and Slachtofferhulp Nederland', (locale) => {
    const step = main(localizedPath(locale, `/${HELP}`));
    expect(step).toContain(COMENSHA);
    expect(step).toContain(SLACHTOFFERHULP);
    const help = main(localizedPath(locale, '/hulp/'));
    expect(help).toContain(SLACHTOFFERHULP);
    expect(help).toContain('Slachtofferhulp Nederland');
  });

  it('labour exploitation: the Nederlandse Arbeidsinspectie on 0800-5151', () => {
    expect(main('/melden/uitkomst-arbeidsinspectie/')).toContain(tel('08005151'));
  });
});

describe('pages say what the reader sees and which law they describe', () => {
  it.each(LOCALES)('%s: help and safety pages name the quick-exit button as it reads on the page', (locale) => {
    for (const path of ['/hulp/', '/veilig-browsen/']) {
      // The button's visible words: its first text, before the words only screen readers hear.
      const label = page(localizedPath(locale, path))('.quick-exit__link').contents().first().text().trim();
      expect(label).not.toBe('');
      expect(text(localizedPath(locale, path)), `${locale}${path}`).toContain(label);
    }
  });

  it('Dutch: the higher maxima and the law version', () => {
    const page = text('/wat-is-mensenhandel/');
    expect(page).toContain('tot 15 jaar in een aantal ernstige gevallen, onder meer als het slachtoffer jonger is dan 18');
    expect(page).toContain('Kamerstuk 36 547');
  });

  it.each(TRANSLATED_LOCALES)('%s: the law version', (locale) => {
    expect(text(`/${locale}/wat-is-mensenhandel/`)).toContain('36 547');
  });
});
