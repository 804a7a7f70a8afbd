/**
 * The corrections of the outside audit (issue 14), read from content/ without a build. Each test
 * names the fact it guards; reverting that fact in content/ makes the test fail. The re-audit and
 * its sources are in docs/AUDIT.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSite } from '../../src/lib/content/read-content';
import { resolveContacts, routeFor } from '../../src/lib/meldroute/graph';
import { findById, membersOf } from '../../src/lib/content/queries';
import { phoneDigits } from '../../src/lib/content/fields';
import { formatDate } from '../../src/lib/format';
import { vertaaldePaginaSchema } from '../../src/lib/content/schemas/vertaling';
import { UI_STRINGS } from '../../src/i18n/index';
import type { Message } from '../../src/i18n/message.ts';
import { TRANSLATED_LOCALES, type TranslatedLocale } from '../../src/i18n/locales';

/** Every text of a stored message: the string, or each of its plural forms. */
const formsOf = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));
/** A stored message that has no plural forms, as its text. */
const textOf = (message: Message): string => {
  if (typeof message !== 'string') throw new Error('expected one text, got plural forms');
  return message;
};

const site = readSite('content');
const HELP = 'uitkomst-hulp-voor-uzelf';
const squash = (text: string) => text.replace(/\s+/g, ' ');
const organisation = (id: string) => findById(site.organisaties, id).data;
const gemeente = (id: string) => findById(site.gemeenten, id);
const page = (id: string) => squash(readFileSync(`content/paginas/${id}.mdx`, 'utf8'));
const translatedPage = (locale: string, id: string) => squash(readFileSync(`content/vertalingen/${locale}/${id}.mdx`, 'utf8'));
const translation = (locale: string) => findById(site.vertalingen, locale).data;

/** The outcome for victims in a municipality, with its contacts resolved and the care-coordinator contact picked out. */
function helpOutcome(gemeenteId: string) {
  const g = gemeente(gemeenteId);
  const node = routeFor(site, g).nodes[HELP];
  if (node?.kind !== 'uitkomst') throw new Error(`${gemeenteId}: ${HELP} is geen uitkomst`);
  const contacts = resolveContacts(site, node.contacts, g.data);
  const careIndex = node.contacts.findIndex((ref) => 'body' in ref && ref.body === 'zorgcoordinator');
  return { node, contacts, care: contacts[careIndex]?.organisation };
}

const LIMBURG = [...membersOf(site, 'noord-limburg'), ...membersOf(site, 'midden-limburg')].map((g) => g.id);

describe('a victim can phone someone for help (issue 14: the help route had no number)', () => {
  it('covers the 15 municipalities of Noord- and Midden-Limburg', () => {
    expect(LIMBURG).toHaveLength(15);
    expect(LIMBURG).toContain('mook-en-middelaar');
  });

  it.each(LIMBURG)('%s: the care-coordinator contact of the help outcome has a phone number', (id) => {
    const { care } = helpOutcome(id);
    expect(care, `${id} heeft geen zorgcoördinator-contact`).toBeDefined();
    expect(care!.data.phones.length, `${care!.id} heeft geen telefoonnummer`).toBeGreaterThan(0);
  });

  it('CoMensha, the care coordinator where a region names none, has its public number', () => {
    expect(organisation('comensha').phones.map((p) => p.number)).toEqual(['033-448 11 86']);
    expect(helpOutcome('venlo').care?.id).toBe('comensha');
    expect(helpOutcome('weert').care?.id).toBe('comensha');
  });

  it("Mook en Middelaar's coordinator (Gelderland-Zuid, Moviera) has Moviera's general number from the seed", () => {
    const { care, node } = helpOutcome('mook-en-middelaar');
    expect(care?.id).toBe('zorgcoordinator-mensenhandel-gelderland-zuid');
    // The text beside the card speaks of the same coordinator, not of Limburg's.
    expect(node.kind === 'uitkomst' && node.whatHappens).toMatch(/Gelderland-Zuid.*Moviera/);
    expect(care!.data.phones.map((p) => phoneDigits(p.number))).toContain('0883744744');
  });

  it('the Nederlandse Arbeidsinspectie has 0800-5151, free of charge', () => {
    expect(organisation('nederlandse-arbeidsinspectie').phones).toEqual([expect.objectContaining({ number: '0800-5151', free: true })]);
  });

  it('every municipality offers Slachtofferhulp Nederland (0900-0101) to victims, and so does the help page', () => {
    expect(organisation('slachtofferhulp-nederland').phones.map((p) => p.number)).toEqual(['0900-0101']);
    for (const g of site.gemeenten) {
      expect(
        helpOutcome(g.id).contacts.map((c) => c.organisation.id),
        g.id,
      ).toContain('slachtofferhulp-nederland');
    }
    expect(findById(site.paginas, 'hulp').data.contacts).toContain('slachtofferhulp-nederland');
  });

  it('every municipality offers at least one help organisation with a phone number besides police and 112', () => {
    for (const g of site.gemeenten) {
      const withPhone = helpOutcome(g.id).contacts.filter(
        (c) => ['hulpverlening', 'zorgcoordinatie'].includes(c.organisation.data.kind) && c.organisation.data.phones.length > 0,
      );
      expect(withPhone.length, g.id).toBeGreaterThan(0);
    }
  });
});

describe('Groningen follows its seed: the ZVHG arranges help and receives the signals', () => {
  it('the region names the ZVHG as zorgcoördinator and as Zorg- en Veiligheidshuis', () => {
    const bodies = findById(site.regios, 'groningen').data.bodies;
    expect(bodies.zorgcoordinator).toBe('zorg-en-veiligheidshuis-groningen');
    expect(bodies.zorgVeiligheidshuis).toBe('zorg-en-veiligheidshuis-groningen');
  });

  it('the help outcome shows the ZVHG the text speaks of, with CoMensha as a number to call', () => {
    const { node, contacts, care } = helpOutcome('groningen');
    expect(care?.id).toBe('zorg-en-veiligheidshuis-groningen');
    expect(node.kind === 'uitkomst' && node.whatHappens).toContain('Zorg- en Veiligheidshuis Groningen');
    expect(contacts.flatMap((c) => c.organisation.data.phones.map((p) => p.number))).toContain('033-448 11 86');
  });

  it('worries about someone close go to the ZVHG first, Veilig Thuis second', () => {
    const g = gemeente('groningen');
    const node = routeFor(site, g).nodes['uitkomst-zorgen-om-naaste'];
    if (node.kind !== 'uitkomst') throw new Error('geen uitkomst');
    expect(resolveContacts(site, node.contacts, g.data).map((c) => c.organisation.id)).toEqual(['zorg-en-veiligheidshuis-groningen', 'veilig-thuis']);
  });
});

/** Every Dutch content file outside the translations, as one line of text each. */
function dutchContent(dir = 'content'): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'vertalingen' ? [] : dutchContent(path);
    return /\.(ya?ml|mdx)$/.test(name) ? [{ file: path, text: squash(readFileSync(path, 'utf8')) }] : [];
  });
}

describe('bedenktijd: at most three months, only without lawful stay (EU citizens do not need it)', () => {
  it('no Dutch text says "drie maanden" except "ten hoogste drie maanden" (or a meeting "per drie maanden")', () => {
    const wrong = dutchContent().flatMap(({ file, text }) =>
      [...text.matchAll(/(?<!ten hoogste )(?<!per )drie maanden/g)].map((m) => `${file}: …${text.slice(Math.max(0, m.index! - 60), m.index! + 20)}…`),
    );
    expect(wrong).toEqual([]);
  });

  it('every route outcome that offers bedenktijd says it is for people without a right to be here', () => {
    for (const route of site.meldroutes) {
      for (const [id, node] of Object.entries(route.data.nodes)) {
        if (node.kind !== 'uitkomst' || !node.whatHappens.includes('bedenktijd')) continue;
        expect(node.whatHappens, `${route.filePath} ${id}`).toContain('ten hoogste drie maanden');
        expect(node.whatHappens, `${route.filePath} ${id}`).toMatch(/recht om in Nederland te zijn/);
      }
    }
  });

  it('the national help outcome says EU citizens and permit holders get the same shelter as Dutch people', () => {
    const node = routeFor(site).nodes[HELP];
    expect(node.kind === 'uitkomst' && squash(node.whatHappens)).toMatch(/Europese Unie.*dezelfde opvang als Nederlanders/);
  });

  const UP_TO: Record<TranslatedLocale, { upTo: RegExp; eu: string }> = {
    en: { upTo: /up to three months/i, eu: 'European Union' },
    pl: { upTo: /najwyżej trzy miesiące/i, eu: 'Unii Europejskiej' },
    ro: { upTo: /cel mult trei luni/i, eu: 'Uniunii Europene' },
    bg: { upTo: /до три месеца/i, eu: 'Европейския съюз' },
    uk: { upTo: /до трьох місяців/i, eu: 'Європейського Союзу' },
  };
  it.each(TRANSLATED_LOCALES)('%s: the route, the glossary and the help page say "up to" and name the EU', (locale) => {
    const { upTo, eu } = UP_TO[locale];
    const outcome = translation(locale).meldroute[HELP];
    const words = 'whatHappens' in outcome ? squash(outcome.whatHappens) : '';
    expect(words).toMatch(upTo);
    expect(words).toContain(eu);
    const glossary = translation(locale).begrippen.find((b) => b.nl === 'bedenktijd')!.uitleg;
    expect(glossary).toMatch(upTo);
    expect(glossary).toContain(eu);
    expect(translatedPage(locale, 'hulp')).toContain(eu);
  });

  it('the Bulgarian and Ukrainian glossaries say the person may stay in the Netherlands meanwhile', () => {
    expect(translation('bg').begrippen.find((b) => b.nl === 'bedenktijd')!.uitleg).toMatch(/могат да останат в Нидерландия/);
    expect(translation('uk').begrippen.find((b) => b.nl === 'bedenktijd')!.uitleg).toMatch(/можуть залишатися в Нідерландах/);
  });
});

describe('the help page carries the rights the seeds give victims', () => {
  const nl = page('hulp');
  it.each([
    ['compensation for harm and lost income', /schadevergoeding/],
    [
      'B8 permit without cooperating (illness, minority, serious threat)',
      /Kunt u niet helpen bij het onderzoek\?.*ernstig wordt bedreigd.*Koninklijke Marechaussee/,
    ],
    ['the later permit to stay', /verblijfsvergunning aanvragen om in Nederland te blijven/],
    ['lawful stay, EU citizens included: Wmo shelter, work, bijstand', /Europese Unie.*Wet maatschappelijke ondersteuning \(Wmo\).*werken.*bijstand/],
    ['asylum seekers live in an azc', /asielzoekerscentrum \(azc\)/],
    ['registered nowhere: the municipality where found', /Staat u nergens ingeschreven\? Dan helpt de gemeente waar u bent gevonden/],
  ])('Dutch: %s', (_, pattern) => expect(nl).toMatch(pattern));

  it.each(TRANSLATED_LOCALES)('%s: the same facts, recognisable by their Dutch names', (locale) => {
    const text = translatedPage(locale, 'hulp');
    for (const word of ['schadevergoeding', 'Koninklijke Marechaussee', 'Openbaar Ministerie', 'Wmo', 'bijstand', 'azc', 'Slachtofferhulp Nederland']) {
      expect(text, `${locale}: ${word}`).toContain(word);
    }
  });
});

describe('the law: minors and the higher maxima of art. 273f, with the version stated', () => {
  it('Dutch: no means needed for any form of exploitation of a minor', () => {
    const text = page('wat-is-mensenhandel');
    expect(text).not.toContain('Gaat het om seksuele uitbuiting of gedwongen orgaanverwijdering van een minderjarige?');
    expect(text).toMatch(
      /onder de 18 jaar.*het middel, niet nodig.*elke vorm van uitbuiting: seksuele uitbuiting, arbeidsuitbuiting, criminele uitbuiting en gedwongen orgaanverwijdering/,
    );
  });

  it('Dutch: 15, 18, 30 years or life, and which text of the law this is (Kamerstuk 36 547)', () => {
    const text = page('wat-is-mensenhandel');
    for (const part of [
      'tot 15 jaar in een aantal ernstige gevallen, onder meer als het slachtoffer jonger is dan 18',
      'tot 18 jaar',
      'tot 30 jaar of levenslang',
      'Kamerstuk 36 547',
      '(2022 en 2023)',
    ]) {
      expect(text).toContain(part);
    }
  });

  const MINORS: Record<TranslatedLocale, string> = {
    en: 'criminal exploitation',
    pl: 'wyzysku przestępczego',
    ro: 'exploatare infracțională',
    bg: 'криминална експлоатация',
    uk: 'кримінальної експлуатації',
  };
  it.each(TRANSLATED_LOCALES)('%s: the minors rule covers criminal exploitation, and the maxima and version are there', (locale) => {
    const text = readFileSync(`content/vertalingen/${locale}/wat-is-mensenhandel.mdx`, 'utf8');
    const minors = text.split('\n').find((line) => /18/.test(line) && line.includes(MINORS[locale]));
    expect(minors, `${locale}: geen alinea over minderjarigen die criminele uitbuiting noemt`).toBeDefined();
    expect(text).toMatch(/^- .*15/m);
    expect(text).toContain('36 547');
  });

  it('every sector page that names 12 years also names the higher maxima and cites art. 273f', () => {
    for (const sector of site.sectoren) {
      const law = sector.data.law.join(' ');
      if (!law.includes('12 jaar')) continue;
      expect(law, sector.filePath).toMatch(/15 jaar.*18 jaar.*30 jaar of levenslang/);
      expect(
        sector.data.sources.map((s) => s.bron),
        sector.filePath,
      ).toContain('wetboek-van-strafrecht-273f');
    }
  });
});

describe('issue 22: the outside translation review', () => {
  /** "staat hieronder": the numbers are on the page itself; the other places come second. */
  const BELOW: Record<TranslatedLocale, RegExp> = {
    en: /How to reach these organisations is shown below, on this page\./,
    pl: /Jak skontaktować się z tymi organizacjami, jest napisane poniżej, na tej stronie\./,
    ro: /Cum ajungeți la aceste organizații aflați mai jos, pe această pagină\./,
    bg: /Как да се свържете с тези организации, пише по-долу, на тази страница\./,
    uk: /Як зв’язатися з цими організаціями, вказано нижче, на цій сторінці\./,
  };
  it.each(TRANSLATED_LOCALES)('%s: the help page says the contacts are below, on this page ("staat hieronder")', (locale) => {
    expect(translatedPage(locale, 'hulp')).toMatch(BELOW[locale]);
  });

  /** The error heading also stands above "not saved because of a fault on our side" and "too many codes". */
  const FILLED_IN: Record<TranslatedLocale, RegExp> = {
    en: /fill|wrong/i,
    pl: /wypełn|błędnie/i,
    ro: /complet|greșit/i,
    bg: /попълн|неправилно/i,
    uk: /заповн|неправильно/i,
  };
  it.each(TRANSLATED_LOCALES)('%s: the error heading is neutral, it does not say the reader filled something in wrong', (locale) => {
    expect(UI_STRINGS[locale]['report.error.summary']).not.toMatch(FILLED_IN[locale]);
  });
  it('bg and uk: the error heading says "something is not right"', () => {
    expect(UI_STRINGS.bg['report.error.summary']).toBe('Нещо не е наред');
    expect(UI_STRINGS.uk['report.error.summary']).toBe('Щось не так');
  });

  it('uk: the statement a person needs when they cannot file a report is a police statement, not "заява" (filing a report)', () => {
    const text = translatedPage('uk', 'hulp');
    expect(text).not.toContain('заява поліції');
    expect(text).toContain('письмова довідка (verklaring) від поліції');
  });
  it('bg: noticing signs is "признаци", not "сигнал" (the site\'s word for a report)', () => {
    expect(UI_STRINGS.bg['municipalRole.signaleerder']).not.toMatch(/сигнал/i);
    expect(UI_STRINGS.bg['municipalRole.signaleerder']).toMatch(/признаци/);
  });

  /** The routes say Veilig Thuis is for domestic violence and child abuse; the short label says both. */
  const CHILD_ABUSE: Record<TranslatedLocale, RegExp> = {
    en: /child abuse/,
    pl: /krzywdzenia dzieci/,
    ro: /abuz asupra copiilor/,
    bg: /насилие над деца/,
    uk: /жорстокому поводженні з дітьми/,
  };
  it.each(TRANSLATED_LOCALES)('%s: the short label of Veilig Thuis names child abuse besides domestic violence', (locale) => {
    expect(UI_STRINGS[locale]['body.veiligThuis']).toMatch(CHILD_ABUSE[locale]);
  });

  it.each(TRANSLATED_LOCALES)('%s: the care coordinator label is the glossary term for "zorgcoördinator mensenhandel"', (locale) => {
    const term = translation(locale)
      .begrippen.find((b) => b.nl === 'zorgcoördinator mensenhandel')!
      .term.replace(/ \(zorgcoördinator mensenhandel\)$/, '');
    expect(textOf(UI_STRINGS[locale]['body.zorgcoordinator']).toLowerCase()).toBe(term.toLowerCase());
  });

  it('role "zorg" covers health and social care, and horeca is not hotels (a sector of its own)', () => {
    expect(UI_STRINGS.pl['role.zorg']).toBe('Opieka zdrowotna i społeczna');
    expect(UI_STRINGS.ro['role.zorg']).toMatch(/medicală și socială/);
    expect(UI_STRINGS.bg['role.zorg']).toMatch(/Здравни и социални/);
    expect(UI_STRINGS.pl['sector.horeca']).not.toMatch(/hotel/i);
    expect(UI_STRINGS.nl['sector.hotels-vakantieparken']).toBeDefined();
  });

  it.each(TRANSLATED_LOCALES)('%s: wherever BRP appears it is explained in brackets', (locale) => {
    const texts = [...Object.values(UI_STRINGS[locale]).flatMap(formsOf), JSON.stringify(translation(locale))];
    for (const text of texts.filter((t) => t.includes('BRP'))) expect(text).toMatch(/BRP \(|\(BRP\)/);
  });

  it.each(TRANSLATED_LOCALES)('%s: no text that ends on a date gets a second full stop (bg "г.", uk "р.")', (locale) => {
    const date = formatDate('2026-11-30', locale);
    for (const [key, text] of Object.entries(UI_STRINGS[locale]).flatMap(([k, m]) => formsOf(m).map((form) => [k, form] as const))) {
      if (!text.includes('{date}')) continue;
      expect(text.replaceAll('{date}', date), key).not.toMatch(/\.\./);
    }
  });

  it('Dutch help page: people from Ukraine with temporary protection may stay and need no bedenktijd, with the IND as source', () => {
    expect(page('hulp')).toMatch(/## Komt u uit Oekraïne\?.*tijdelijke bescherming.*mag u in Nederland zijn.*De bedenktijd hebt u dan niet nodig/);
    const dutch = findById(site.paginas, 'hulp').data;
    expect(dutch.sources.map((s) => s.bron)).toContain('ind-tijdelijke-bescherming-oekraine');
    const bron = findById(site.bronnen, 'ind-tijdelijke-bescherming-oekraine').data;
    expect(bron.url).toMatch(/^https:\/\/ind\.nl\//);
    expect(bron.note).toMatch(/Nog te controleren/);
  });

  /** The section after the bedenktijd text: temporary protection, then "no reflection period needed". */
  const UKRAINE: Record<TranslatedLocale, RegExp> = {
    en: /## Are you from Ukraine\?.*temporary protection \(tijdelijke bescherming\).*do not need the reflection period \(bedenktijd\)/,
    pl: /## Pochodzi Pan\/Pani z Ukrainy\?.*ochronę czasową \(tijdelijke bescherming\).*Czasu do namysłu \(bedenktijd\) Pan\/Pani wtedy nie potrzebuje/,
    ro: /## Veniți din Ucraina\?.*protecție temporară \(tijdelijke bescherming\).*nu aveți nevoie de perioada de reflecție \(bedenktijd\)/,
    bg: /## Идвате ли от Украйна\?.*временна закрила \(tijdelijke bescherming\).*срокът за размисъл \(bedenktijd\) не Ви е нужен/,
    uk: /## Ви з України\?.*тимчасовий захист \(tijdelijke bescherming\).*Час на роздуми \(bedenktijd\) вам тоді не потрібен/,
  };
  it.each(TRANSLATED_LOCALES)('%s: the help page says temporary protection from Ukraine is lawful stay without bedenktijd', (locale) => {
    expect(translatedPage(locale, 'hulp')).toMatch(UKRAINE[locale]);
  });

  it('Dutch safety page: remove only this site where the browser allows it, and Samsung Internet beside Chrome on Android', () => {
    const text = page('veilig-browsen');
    expect(text).toMatch(
      /Wis liever alleen deze site uit uw geschiedenis, niet alles\. Is uw hele geschiedenis ineens leeg\? Dan kan iemand die meekijkt dat merken/,
    );
    expect(text).toMatch(/\*\*Chrome op een telefoon met Android\*\*.*\n?.*\*\*Samsung Internet\*\* \(de gewone browser op telefoons van Samsung\)/);
    expect(text).toContain('Verwijderen uit geschiedenis');
  });

  /** "Delete only this site, not everything": the advice comes first, before any way to clear it all. */
  const ONLY_THIS_SITE: Record<TranslatedLocale, string> = {
    en: 'It is better to delete only this site from your history, not everything.',
    pl: 'Lepiej jest usunąć z historii tylko tę stronę, a nie wszystko.',
    ro: 'Este mai bine să ștergeți din istoric doar acest site, nu tot.',
    bg: 'По-добре изтрийте от историята само този сайт, а не всичко.',
    uk: 'Краще видаліть з історії лише цей сайт, а не все.',
  };
  it.each(TRANSLATED_LOCALES)('%s: the safety page advises removing only this site and names Samsung Internet', (locale) => {
    const text = translatedPage(locale, 'veilig-browsen');
    const advice = text.indexOf(ONLY_THIS_SITE[locale]);
    expect(advice).toBeGreaterThan(-1);
    expect(advice).toBeLessThan(text.indexOf('Ctrl + Shift + Delete'));
    expect(text).toContain('**Samsung Internet**');
    expect(text).toContain('Verwijderen uit geschiedenis');
  });

  it('every translated page says by whom it was last checked, as a role; a name is refused', () => {
    for (const page of site.vertaaldePaginas) expect(page.data.reviewedBy, page.id).toBe('vertaler-niet-moedertaalspreker');
    const named = vertaaldePaginaSchema.safeParse({
      title: 'Help',
      description: 'A description long enough.',
      reviewed: '2026-12-06',
      reviewedBy: 'Jan Jansen',
    });
    expect(named.success).toBe(false);
    expect(named.error?.issues[0].message).toContain('Kies een rol, geen naam');
  });

  it.each(TRANSLATED_LOCALES)("%s: the reviewer role reads in the language and says a native speaker's check is still to come", (locale) => {
    const pending = UI_STRINGS[locale]['reviewer.vertaler-niet-moedertaalspreker'];
    expect(pending).not.toBe(UI_STRINGS.nl['reviewer.vertaler-niet-moedertaalspreker']);
    expect(pending).toMatch(/still to come|jeszcze nastąpi|Urmează|Предстои|ще попереду/);
  });
});

describe('translations a reader acts on', () => {
  it.each(TRANSLATED_LOCALES)('%s: the help and safety pages name the quick-exit button as it reads in that language', (locale) => {
    const label = UI_STRINGS[locale]['exit.link'];
    expect(translatedPage(locale, 'hulp')).toContain(label);
    expect(translatedPage(locale, 'veilig-browsen')).toContain(label);
  });

  it.each(TRANSLATED_LOCALES)('%s: the safety page gives the Dutch menu names beside its own', (locale) => {
    const text = translatedPage(locale, 'veilig-browsen');
    for (const dutch of ['Browsegegevens verwijderen', 'Deze website vergeten…', 'Wis geschiedenis en websitedata']) {
      expect(text, `${locale}: ${dutch}`).toContain(dutch);
    }
  });

  it('browser menu names match the browsers’ own localisation where it was checked', () => {
    expect(translatedPage('pl', 'veilig-browsen')).toContain('Usuń całą witrynę…');
    expect(translatedPage('pl', 'veilig-browsen')).not.toContain('Zapomnij o tej witrynie');
    expect(translatedPage('ro', 'veilig-browsen')).toContain('*Configurări*');
    expect(translatedPage('ro', 'veilig-browsen')).not.toContain('*Setări*');
    expect(translatedPage('ro', 'veilig-browsen')).toContain('Uită site-ul…');
    expect(translatedPage('bg', 'veilig-browsen')).toContain('Забравяне на страницата');
    expect(translatedPage('uk', 'veilig-browsen')).toContain('Забути про цей сайт…');
    expect(page('veilig-browsen')).toContain('Deze website vergeten…');
  });

  it('ro, bg, uk: the passport signal does not say the person handed the papers over', () => {
    const explanation = (locale: string) => translation(locale).signalen['paspoort-niet-in-eigen-bezit'].explanation!;
    expect(explanation('ro')).not.toMatch(/și-a lăsat/);
    expect(explanation('bg')).not.toMatch(/е оставил/);
    expect(explanation('uk')).not.toMatch(/віддав/);
    expect(explanation('ro')).toMatch(/le ține altcineva/);
    expect(explanation('bg')).toMatch(/са у някой друг/);
    expect(explanation('uk')).toMatch(/тримає хтось інший/);
  });
});

/**
 * Issue 22, after care's Dutch changes (6ad07d1, 2088d9d, 924044c): the translations say what the
 * Dutch now says. Each check names a phrase the old translation lacked or a phrase it had.
 */
describe('issue 22: the translations follow the changed Dutch', () => {
  const helpStep = (locale: TranslatedLocale) => {
    const outcome = translation(locale).meldroute[HELP];
    return 'whatHappens' in outcome ? squash(outcome.whatHappens) : '';
  };
  /** Art. 273f lid 3 (old text): 15 years "onder meer" for a minor, acting together, a vulnerable position, violence. */
  const FIFTEEN: Record<TranslatedLocale, { among: string; vulnerable: string; violence: string; closed: string }> = {
    en: {
      among: 'among others if the victim is under 18',
      vulnerable: 'takes advantage of a vulnerable position',
      violence: 'violence was used before, during or after the acts',
      closed: 'up to 15 years if the victim is under 18, or if',
    },
    pl: {
      among: 'między innymi jeśli ofiara ma mniej niż 18 lat',
      vulnerable: 'wykorzystuje czyjeś trudne położenie',
      violence: 'przed czynem, w jego trakcie lub po nim użyto przemocy',
      closed: 'do 15 lat, jeśli ofiara',
    },
    ro: {
      among: 'printre altele dacă victima are sub 18 ani',
      vulnerable: 'profită de o poziție vulnerabilă',
      violence: 'violență înainte, în timpul sau după comiterea faptelor',
      closed: 'până la 15 ani, dacă victima',
    },
    bg: {
      among: 'между другото ако жертвата е под 18 години',
      vulnerable: 'злоупотребява с уязвимо положение',
      violence: 'насилие преди, по време на или след деянието',
      closed: 'до 15 години, ако жертвата',
    },
    uk: {
      among: 'зокрема якщо жертві менше 18 років',
      vulnerable: 'зловживає вразливим становищем',
      violence: 'до, під час чи після злочину було застосовано насильство',
      closed: 'до 15 років, якщо жертві',
    },
  };
  it.each(TRANSLATED_LOCALES)('%s: the grounds for 15 years are not a closed list and name a vulnerable position and violence', (locale) => {
    const line = translatedPage(locale, 'wat-is-mensenhandel')
      .split(/(?=- )/)
      .find((item) => /^- .*15/.test(item));
    expect(line, `${locale}: geen regel over 15 jaar`).toBeDefined();
    const { among, vulnerable, violence, closed } = FIFTEEN[locale];
    expect(line).toContain(among);
    expect(line).toContain(vulnerable);
    expect(line).toContain(violence);
    expect(line).not.toContain(closed);
  });

  /** The help step names the region's coordinator first, CoMensha only where we know none (2088d9d). */
  const HERE_COMENSHA: Record<TranslatedLocale, RegExp> = {
    en: /Here you see CoMensha/,
    pl: /Tutaj widzi Pan\/Pani CoMensha/,
    ro: /Aici vedeți CoMensha/,
    bg: /Тук виждате CoMensha/,
    uk: /Тут ви бачите CoMensha/,
  };
  const COORDINATOR_OR_COMENSHA: Record<TranslatedLocale, RegExp> = {
    en: /^At the top you see who arranges help: the care coordinator for human trafficking \(zorgcoördinator mensenhandel\) of your region, or CoMensha, .* if we do not know a care coordinator for your region\./,
    pl: /^Na górze widzi Pan\/Pani, kto organizuje pomoc: koordynator pomocy dla ofiar handlu ludźmi \(zorgcoördinator mensenhandel\) w Pana\/Pani regionie albo CoMensha, .* jeśli nie znamy koordynatora w Pana\/Pani regionie\./,
    ro: /^Sus vedeți cine organizează ajutorul: coordonatorul de asistență pentru victimele traficului de persoane \(zorgcoördinator mensenhandel\) din regiunea dumneavoastră sau CoMensha, .* dacă nu cunoaștem un coordonator pentru regiunea dumneavoastră\./,
    bg: /^Най-горе виждате кой урежда помощта: координаторът за помощ на жертви на трафик на хора \(zorgcoördinator mensenhandel\) във Вашия регион или CoMensha, .* ако не познаваме координатор за Вашия регион\./,
    uk: /^Угорі ви бачите, хто організовує допомогу: координатор допомоги жертвам торгівлі людьми \(zorgcoördinator mensenhandel\) у вашому регіоні або CoMensha — .* якщо ми не знаємо координатора для вашого регіону\./,
  };
  it.each(TRANSLATED_LOCALES)('%s: the help step names the regional coordinator, or CoMensha, not "here you see CoMensha"', (locale) => {
    const text = helpStep(locale);
    expect(text).not.toMatch(HERE_COMENSHA[locale]);
    expect(text).toMatch(COORDINATOR_OR_COMENSHA[locale]);
  });

  const glossary = (locale: TranslatedLocale, nl: string) =>
    translation(locale)
      .begrippen.find((b) => b.nl === nl)!
      .term.replace(/ \(zorgcoördinator mensenhandel\)$/, '');
  it.each(TRANSLATED_LOCALES)('%s: "help first" calls the coordinator by the glossary term, with the Dutch name', (locale) => {
    // The first word may carry the definite article (ro "coordonatorul", bg "координаторът").
    const [head, ...rest] = glossary(locale, 'zorgcoördinator mensenhandel').toLowerCase().split(' ');
    const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const term = new RegExp(`${escapeRegExp(head)}\\S* ${escapeRegExp(rest.join(' '))} \\(zorgcoördinator mensenhandel\\)`, 'u');
    expect(textOf(UI_STRINGS[locale]['helpFirst.purpose.care']).toLowerCase()).toMatch(term);
  });
  it.each(TRANSLATED_LOCALES)('%s: "help first" uses the glossary word for opvang and the route\'s description of CoMensha', (locale) => {
    const comensha = textOf(UI_STRINGS[locale]['helpFirst.purpose.comensha']);
    expect(comensha).toContain(glossary(locale, 'opvang'));
    const description = comensha.slice(0, comensha.indexOf('.'));
    expect(helpStep(locale)).toContain(description);
  });
  it('bg "help first" addresses the reader with the capital Вие-form the site uses', () => {
    for (const key of ['helpFirst.purpose.care', 'helpFirst.purpose.slachtofferhulp'] as const) {
      expect(UI_STRINGS.bg[key]).not.toMatch(/(^|[^\p{L}])ваш/u);
    }
  });

  it('pl: the Ukraine section keeps "gevlucht voor de oorlog" (fled the war), not only "here because of the war"', () => {
    const text = translatedPage('pl', 'hulp');
    expect(text).toContain('Ma Pan/Pani obywatelstwo ukraińskie i uciekł(-a) Pan/Pani przed wojną?');
    expect(text).not.toContain('w Niderlandach z powodu wojny');
  });

  /** The Noord-/Midden-Limburg steps are rebuilt from the plan's notes; the step plan itself is a missing image. */
  const NINE: Record<TranslatedLocale, RegExp> = {
    en: /not the plan's own step plan \(stappenplan\).*at least nine steps.*ask your contact officer for the real step plan/,
    pl: /nie są samym planem krok po kroku \(stappenplan\).*co najmniej dziewięć kroków.*prawdziwy plan krok po kroku można dostać od osoby kontaktowej/,
    ro: /nu sunt planul de pași \(stappenplan\) propriu-zis.*cel puțin nouă pași.*cereți funcționarului de contact planul de pași adevărat/,
    bg: /не са самият план по стъпки \(stappenplan\).*поне девет стъпки.*поискайте истинския план по стъпки/,
    uk: /це не сам покроковий план \(stappenplan\).*щонайменше дев’ять кроків.*попросіть справжній покроковий план/,
  };
  it.each(TRANSLATED_LOCALES)('%s: the Noord-/Midden-Limburg summary says the Dutch steps are a reconstruction', (locale) => {
    expect(squash(translation(locale).interneRoutes['noord-midden-limburg'])).toMatch(NINE[locale]);
  });
});

/**
 * Issue 22, statements per deployment: the privacy page's retention period and contact come from
 * the deployment's statement block under the text, no longer "90 days by default" or "the
 * municipality" (a deployment need not be a municipality).
 */
describe('issue 22: the translated privacy page points to the statement block below', () => {
  const STATEMENT: Record<TranslatedLocale, { old: string[]; below: string[] }> = {
    en: { old: ['90 days', 'municipality'], below: ['after the last message: how long is shown below', 'contact the organisation shown below'] },
    pl: { old: ['90 dni', 'gmin'], below: ['od ostatniej wiadomości: jak długo, podajemy poniżej', 'skontaktować się z organizacją podaną poniżej'] },
    ro: { old: ['90 de zile', 'municipalit'], below: ['de la ultimul mesaj: mai jos vedeți cât durează', 'Contactați organizația de mai jos'] },
    bg: { old: ['90 дни', 'общин'], below: ['от последното съобщение: по-долу е посочено колко', 'Свържете се с организацията, посочена по-долу'] },
    uk: {
      old: ['90 днів', 'муніципалітет'],
      below: ['останнього повідомлення в ній: який це строк, зазначено нижче', 'Зверніться до організації, зазначеної нижче'],
    },
  };
  it('the Dutch says so too', () => {
    expect(page('privacy')).toContain('na het laatste bericht: hieronder staat hoe lang');
    expect(page('privacy')).toContain('Neem contact op met de organisatie die hieronder staat');
    expect(page('privacy')).not.toMatch(/90 dagen|gemeente/);
  });
  it.each(TRANSLATED_LOCALES)('%s: no fixed 90 days or municipality; retention and contact are "below"', (locale) => {
    const text = translatedPage(locale, 'privacy');
    for (const phrase of STATEMENT[locale].old) expect(text).not.toContain(phrase);
    for (const phrase of STATEMENT[locale].below) expect(text).toContain(phrase);
  });
  const ABOVE: Record<TranslatedLocale, string> = {
    en: 'through the contact in the statement above',
    pl: 'przez kontakt podany w deklaracji powyżej',
    ro: 'prin contactul din declarația de mai sus',
    bg: 'чрез контакта в декларацията по-горе',
    uk: 'через контакт, зазначений у заяві вище',
  };
  it.each(TRANSLATED_LOCALES)(
    '%s: the accessibility page sends problems to the statement above and names the Nationale ombudsman, not the municipality',
    (locale) => {
      const text = translatedPage(locale, 'toegankelijkheid');
      expect(text).toContain(ABOVE[locale]);
      expect(text).toContain('(Nationale ombudsman)');
      expect(text).not.toContain(STATEMENT[locale].old[1]);
    },
  );
});
