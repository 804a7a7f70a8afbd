/**
 * Issue 22 as a reader meets it, read from the built pages in dist/client (needs a build):
 * every one of the 342 municipality pages says who arranges help for victims — the regional
 * zorgcoördinator with a contact, or that CoMensha coordinates there with CoMensha's number —
 * and when each contact was checked; the victim's route step in every municipality and language
 * starts with 112 and the lines open at night; the help page starts with phone numbers; the
 * editors' list of contacts to check exists; no stray space before a full stop.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES, localizedPath } from '../../src/i18n/locales.ts';
import { readContent } from '../../src/lib/content/read-content.ts';
import { careFor, helpContacts } from '../../src/lib/content/care.ts';
import { findById } from '../../src/lib/content/queries.ts';
import { VICTIM_OUTCOME } from '../../src/lib/meldroute/graph.ts';
import { telHref } from '../../src/lib/format.ts';
import { builtHtml } from '../support/built-site.ts';
import { textOf } from '../support/html.ts';

const { site } = readContent('content');
const page = (path: string) => {
  const html = builtHtml(path);
  if (!html) throw new Error(`${path} is niet gebouwd`);
  return /<main[\s\S]*?<\/main>/.exec(html)![0];
};
/** The care section of a municipality page: <section … data-care="…">…</section>. */
const careSection = (html: string) => /<section[^>]*data-care="([a-z]+)"[^>]*>([\s\S]*?)<\/section>/.exec(html);
const comensha = findById(site.organisaties, 'comensha').data;
const COMENSHA_TEL = `href="${telHref(comensha.phones[0].number)}"`;

describe('every municipality shows who arranges help for victims (342 pages)', () => {
  it('there are 342 municipalities', () => expect(site.gemeenten).toHaveLength(342));

  it('each page names its coordinator with a contact, or says that CoMensha coordinates, with CoMensha’s number and a check date', () => {
    const problems: Record<string, string> = {};
    const kinds = { zorgcoordinator: 0, comensha: 0 };
    for (const g of site.gemeenten) {
      const html = page(`/gemeenten/${g.id}/`);
      const section = careSection(html);
      if (!section) {
        problems[g.id] = 'geen sectie data-care';
        continue;
      }
      const [, kind, body] = section;
      const text = textOf(body);
      const { coordinator } = careFor(site, g.data);
      if (kind === 'zorgcoordinator') {
        kinds.zorgcoordinator++;
        if (!coordinator) problems[g.id] = 'toont een zorgcoördinator terwijl de inhoud er geen noemt';
        else if (!text.includes(coordinator.data.name)) problems[g.id] = `noemt ${coordinator.data.name} niet`;
        else if (!/href="(tel|mailto):/.test(body)) problems[g.id] = 'zorgcoördinator zonder telefoon of e-mail';
      } else if (kind === 'comensha') {
        kinds.comensha++;
        if (coordinator) problems[g.id] = `zegt CoMensha terwijl ${coordinator.id} de zorgcoördinator is`;
        else if (!/coördineert CoMensha/.test(text) || !body.includes(COMENSHA_TEL)) problems[g.id] = 'de CoMensha-regel of het nummer ontbreekt';
      } else problems[g.id] = `onbekende data-care="${kind}"`;
      if (!/gecontroleerd op \d{1,2} \w+ \d{4}/.test(text)) problems[g.id] = 'geen controledatum bij de contacten';
      if (!/href="\/organisaties\/[a-z0-9-]+\/#bronnen-kop"/.test(body)) problems[g.id] = 'geen link naar de bronnen van het contact';
    }
    expect(problems).toEqual({});
    // Both kinds occur: the coordinator where a seed names one, CoMensha elsewhere.
    expect(kinds.zorgcoordinator).toBeGreaterThanOrEqual(10 + 26);
    expect(kinds.comensha).toBeGreaterThan(200);
  });

  it.each(['het-hogeland', 'westerkwartier', 'eemsdelta', 'midden-groningen', 'oldambt', 'pekela', 'stadskanaal', 'veendam', 'westerwolde'])(
    '%s shows the ZVHG, its region and its route',
    (id) => {
      const html = page(`/gemeenten/${id}/`);
      expect(careSection(html)![2]).toContain('Zorg- en Veiligheidshuis Groningen');
      expect(html).toContain('href="/regios/groningen/"');
      expect(page(`/gemeenten/${id}/melden/uitkomst-zorgen-om-naaste/`)).toContain('Zorg- en Veiligheidshuis Groningen');
    },
  );

  it('the Utrecht municipalities outside the two basisteams show Moviera', () => {
    for (const id of ['amersfoort', 'utrecht', 'zeist', 'nieuwegein', 'stichtse-vecht']) {
      expect(careSection(page(`/gemeenten/${id}/`))![2], id).toContain('Moviera');
      expect(page(`/gemeenten/${id}/melden/${VICTIM_OUTCOME}/`), id).toContain('Moviera');
    }
  });

  it('the Veilig Thuis regions that a source gives a coordinator show it on their own page', () => {
    expect(page('/gebieden/veilig-thuis-regio-utrecht/')).toContain('Moviera');
    expect(page('/gebieden/veilig-thuis-regio-groningen/')).toContain('Zorg- en Veiligheidshuis Groningen');
    expect(page('/gebieden/veilig-thuis-regio-gelderland-zuid/')).toContain('Zorgcoördinator mensenhandel Gelderland-Zuid');
    expect(page('/gebieden/veilig-thuis-regio-amsterdam-amstelland/')).not.toContain('Hulp voor slachtoffers van mensenhandel');
  });

  it('no municipality page has a space before a full stop after a link ("Amsterdam-Amstelland . Bel")', () => {
    const bad = site.gemeenten.filter((g) => /<\/a>\s+\./.test(page(`/gemeenten/${g.id}/`))).map((g) => g.id);
    expect(bad).toEqual([]);
  });
});

describe('help first: 112 and the night lines come before the cards on the victim’s step', () => {
  const nightTels = [telHref(findById(site.organisaties, 'veilig-thuis').data.phones[0].number)];

  it('in every municipality (342 pages)', () => {
    const problems: Record<string, string> = {};
    for (const g of site.gemeenten) {
      const html = page(`/gemeenten/${g.id}/melden/${VICTIM_OUTCOME}/`);
      const first = html.indexOf('class="card');
      const help = html.indexOf('class="help-first');
      if (help < 0 || help > first) problems[g.id] = 'geen help-first vóór de kaarten';
      else if (!html.slice(help, first).includes('href="tel:112"')) problems[g.id] = 'geen 112 vóór de kaarten';
      else if (!nightTels.every((tel) => html.slice(help, first).includes(`href="${tel}"`))) problems[g.id] = 'geen Veilig Thuis voor de nacht';
    }
    expect(problems).toEqual({});
  });

  it.each(LOCALES)('%s: the national step and the help page', (locale) => {
    const step = page(localizedPath(locale, `/melden/${VICTIM_OUTCOME}/`));
    expect(step.indexOf('class="help-first')).toBeGreaterThan(-1);
    expect(step.indexOf('class="help-first')).toBeLessThan(step.indexOf('class="card'));
    for (const tel of ['tel:112', ...nightTels]) expect(step).toContain(`href="${tel}"`);

    const help = page(localizedPath(locale, '/hulp/'));
    const h1End = help.indexOf('</h1>');
    const block = help.slice(h1End, help.indexOf('help-first__night', h1End));
    // Right after the heading: 112, then each helper with its number (or website) from content.
    expect(block).toContain('href="tel:112"');
    for (const { organisation } of helpContacts(site)) {
      const phone = organisation.data.phones[0];
      expect(block, organisation.id).toContain(phone ? `href="${telHref(phone.number)}"` : `href="${organisation.data.url}"`);
    }
  });
});

describe('editors see which contacts to check', () => {
  it('the organisations page has the list, and every organisation page its check date', () => {
    expect(page('/organisaties/')).toMatch(/id="controle"[\s\S]*data-stale-contacts="\d+"/);
    for (const o of site.organisaties) {
      expect(textOf(page(`/organisaties/${o.id}/`)), o.id).toMatch(/gecontroleerd met de bronnen op \d{1,2} \w+ \d{4}|nog niet gecontroleerd/);
    }
  });
});
