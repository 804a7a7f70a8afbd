/**
 * The findings of the second outside audit (issue 22) that live in content/, read without a
 * build. Each test names the fact it guards; reverting it makes the test fail. The re-audit is in
 * docs/AUDIT.md; the built pages are checked in tests/integration/regional-care.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { findById, membersOf, servingBodies } from '../../src/lib/content/queries';
import { resolveContacts, routeFor } from '../../src/lib/meldroute/graph';

const { site } = readContent('content');
const squash = (text: string) => text.replace(/\s+/g, ' ');
const file = (path: string) => squash(readFileSync(path, 'utf8'));
const gemeente = (id: string) => findById(site.gemeenten, id);
const body = (id: string, role: 'zorgcoordinator' | 'zorgVeiligheidshuis') =>
  servingBodies(site, gemeente(id).data).find((b) => b.role === role)?.organisation.id;

const GRONINGEN_NINE = ['het-hogeland', 'westerkwartier', 'eemsdelta', 'midden-groningen', 'oldambt', 'pekela', 'stadskanaal', 'veendam', 'westerwolde'];

describe('Groningen: the ZVHG and its route serve the whole province (seed 001, 2.2 and Ambitie 1)', () => {
  it('the region Groningen has all ten Groninger municipalities', () => {
    expect(
      membersOf(site, 'groningen')
        .map((g) => g.id)
        .sort(),
    ).toEqual(['groningen', ...GRONINGEN_NINE].sort());
  });

  it.each(GRONINGEN_NINE)('%s: ZVHG as zorgcoördinator and Zorg- en Veiligheidshuis, and the Groningen route', (id) => {
    expect(body(id, 'zorgcoordinator')).toBe('zorg-en-veiligheidshuis-groningen');
    expect(body(id, 'zorgVeiligheidshuis')).toBe('zorg-en-veiligheidshuis-groningen');
    expect(routeFor(site, gemeente(id)).layers.map((l) => l.id)).toContain('groningen');
    expect(gemeente(id).data.sources.map((s) => s.bron)).toContain('actieprogramma-groningen-2022-2024');
  });
});

describe('Utrecht: Moviera coordinates care in the whole Veilig Thuis region Utrecht (seed 002, 2.3)', () => {
  const utrecht = site.gemeenten.filter((g) => g.data.veiligThuisRegio === 'veilig-thuis-regio-utrecht');

  it('covers the 26 municipalities of VT20, most of them outside the two seed basisteams', () => {
    expect(utrecht).toHaveLength(26);
    expect(utrecht.filter((g) => !g.data.regio).length).toBeGreaterThan(10);
  });

  it.each(utrecht.map((g) => g.id))('%s: Moviera on the page and on the help step of its route', (id) => {
    expect(body(id, 'zorgcoordinator')).toBe('moviera');
    const g = gemeente(id);
    const node = routeFor(site, g).nodes['uitkomst-hulp-voor-uzelf'];
    if (node.kind !== 'uitkomst') throw new Error('geen uitkomst');
    expect(resolveContacts(site, node.contacts, g.data).map((c) => c.organisation.id)).toContain('moviera');
  });

  it('the Veilig Thuis region cites the seeds that name Moviera', () => {
    const bronnen = findById(site.gebieden, 'veilig-thuis-regio-utrecht').data.sources.map((s) => s.bron);
    expect(bronnen).toEqual(expect.arrayContaining(['beleid-mensenhandel-woerden', 'beleidsplan-utrechtse-heuvelrug-2023']));
  });
});

describe('the law: the grounds for 15 years (art. 273f lid 3, old text) do not read as complete', () => {
  it('the law page says "onder meer" and names a vulnerable position and violence', () => {
    const text = file('content/paginas/wat-is-mensenhandel.mdx');
    expect(text).toMatch(/tot 15 jaar[^;]*onder meer[^;]*jonger is dan 18[^;]*kwetsbare positie[^;]*geweld/);
  });

  it('every sector that names 15 years says "onder meer" and names both', () => {
    const sectors = site.sectoren.filter((s) => s.data.law.join(' ').includes('15 jaar'));
    expect(sectors.length).toBeGreaterThan(5);
    for (const sector of sectors)
      expect(squash(sector.data.law.join(' ')), sector.filePath).toMatch(/15 jaar onder meer[^,]*,[^.]*kwetsbare positie[^.]*geweld/);
  });
});

describe('Noord- en Midden-Limburg: the internal route says it is a reconstruction (seed 004, 4.2)', () => {
  it('says the step plan is a missing image, that its notes name at least nine steps, and that these steps are rebuilt', () => {
    const intro = squash(findById(site.interneRoutes, 'noord-midden-limburg').data.intro);
    expect(intro).toMatch(/niet het stappenplan zelf/);
    expect(intro).toMatch(/afbeelding/);
    expect(intro).toMatch(/minstens negen stappen/);
  });
});

describe('bedenktijd is tied to lawful stay, not to having a residence permit', () => {
  it.each(['content/beleid/utrechtse-heuvelrug-2023.mdx', 'content/beleid/groningen-2022-2024.mdx'])('%s', (path) => {
    const text = file(path);
    const sentences = text.split(/(?<=[.)])\s/).filter((s) => /recht op bedenktijd|bedenktijd krijgen/.test(s));
    expect(sentences.length).toBeGreaterThan(0);
    // No sentence gives bedenktijd to everyone "zonder verblijfsvergunning": EU citizens are here lawfully without one.
    for (const sentence of sentences) expect(sentence).not.toMatch(/zonder verblijfsvergunning/);
    expect(text).toMatch(/Europese Unie/);
  });
});

describe('one register: the site says "u", also on /signalen/', () => {
  it('the signals overview, the signals and the law page do not say "je"', () => {
    const texts = [
      file('src/pages/signalen/index.astro'),
      file('content/paginas/wat-is-mensenhandel.mdx'),
      ...site.signalen.map((s) => `${s.data.statement} ${s.data.explanation ?? ''}`),
    ];
    for (const text of texts) expect(text).not.toMatch(/\b(je|jij|jouw)\b(?! schuld)/i);
  });
});

describe('the text beside the cards speaks of the organisation on the first card', () => {
  it('where a Veilig Thuis region names a coordinator (Moviera), the national help text does not say "here you see CoMensha"', () => {
    const g = gemeente('amersfoort');
    const node = routeFor(site, g).nodes['uitkomst-hulp-voor-uzelf'];
    if (node.kind !== 'uitkomst') throw new Error('geen uitkomst');
    expect(resolveContacts(site, node.contacts, g.data)[0].organisation.id).toBe('moviera');
    expect(squash(node.whatHappens)).not.toMatch(/Hier ziet u CoMensha/);
    expect(squash(node.whatHappens)).toMatch(/de zorgcoördinator mensenhandel van uw regio, of CoMensha/);
  });
});
