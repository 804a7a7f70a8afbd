/**
 * The reporting route as a reader without JavaScript gets it, for every municipality: starting
 * at /gemeenten/<g>/melden/ (and the national /melden/ in every language), follow every answer
 * link through the built pages in dist/client. Every link must lead to a built step of the same
 * route, no step may lead back to one already on the path, and every path must end at an outcome
 * with a way to make contact: the contacts the content promises (names and tel: links), 112
 * one answer away from the start, and a report-form link that carries the municipality.
 *
 * This replaces clicking through the route in a browser (5 municipalities, minutes): reading the
 * HTML covers all 342 in about a second. What needs a browser stays in tests/e2e/meldroute.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES, localizedPath } from '../../src/i18n/locales.ts';
import { readSite } from '../../src/lib/content/read-content.ts';
import { allPaths, resolveContacts, routeFor } from '../../src/lib/meldroute/graph.ts';
import { telHref } from '../../src/lib/format.ts';
import { builtHtml } from '../support/built-site.ts';
import { parseQuickly, textOf } from '../support/html.ts';

const site = readSite('content');

interface Outcome {
  hrefs: string[];
  text: string;
}

interface Walk {
  problems: string[];
  /** Outcome pages reached: URL → the links and the text of the step. */
  outcomes: Map<string, Outcome>;
  /** The pages the start's answers lead to. */
  firstAnswers: string[];
}

/** Follows every answer from `base` through the built pages (or others, for the test's own teeth), depth first. */
function walk(base: string, read: (url: string) => string | undefined = builtHtml): Walk {
  if (read === builtHtml) {
    // Parsing the 10,000 pages of all routes takes seconds: the built site is walked once per route.
    const walked = builtWalks.get(base) ?? walkPages(base, read);
    builtWalks.set(base, walked);
    return walked;
  }
  return walkPages(base, read);
}
const builtWalks = new Map<string, Walk>();

function walkPages(base: string, read: (url: string) => string | undefined): Walk {
  const problems: string[] = [];
  const outcomes = new Map<string, Outcome>();
  const done = new Set<string>();
  const onPath: string[] = [];
  let firstAnswers: string[] = [];

  const visit = (url: string) => {
    if (onPath.includes(url)) return void problems.push(`kring: ${[...onPath, url].join(' → ')}`);
    if (done.has(url)) return;
    const html = read(url);
    // One parse per page: the walks read some 10,000 pages.
    const $ = html ? parseQuickly(html) : undefined;
    const step = $?.('section.route-step').first();
    if (!$ || !step?.length)
      return void problems.push(`${onPath.at(-1) ?? '(begin)'} → ${url}: ${html ? 'geen stap van de meldroute' : 'pagina bestaat niet'}`);
    onPath.push(url);
    const hrefsIn = (selector: string) =>
      step
        .find(selector)
        .toArray()
        .map((a) => $(a).attr('href') ?? '');
    if (step.find('ul.route-options').length > 0) {
      const answers = hrefsIn('ul.route-options a');
      if (onPath.length === 1) firstAnswers = answers;
      if (answers.length < 2) problems.push(`${url}: een vraag met ${answers.length} antwoord(en)`);
      for (const answer of answers) {
        if (!answer.startsWith(base)) problems.push(`${url} → ${answer}: verlaat de meldroute`);
        else visit(answer);
      }
    } else {
      const hrefs = hrefsIn('a');
      if (!hrefs.some((href) => /^(tel:|mailto:|https:)/.test(href))) problems.push(`${url}: uitkomst zonder telefoonnummer, website of e-mailadres`);
      outcomes.set(url, { hrefs, text: textOf($.html(step)) });
    }
    onPath.pop();
    done.add(url);
  };
  visit(base);
  return { problems, outcomes, firstAnswers };
}

/** What the content promises on each outcome of a municipality's route: names and tel: links. */
function promisedContacts(gemeente?: (typeof site.gemeenten)[number]) {
  const route = routeFor(site, gemeente);
  const ends = new Set(allPaths(route).map((path) => path.at(-1)!));
  return [...ends].map((id) => {
    const node = route.nodes[id];
    const contacts = node.kind === 'uitkomst' ? resolveContacts(site, node.contacts, gemeente?.data) : [];
    return {
      id: id === route.start ? '' : `${id}/`,
      names: contacts.map((c) => c.organisation.data.name),
      tel: contacts.flatMap((c) => c.organisation.data.phones.map((p) => telHref(p.number))),
    };
  });
}

function checkRoute(base: string, gemeente?: (typeof site.gemeenten)[number], compareNames = true) {
  const { problems, outcomes, firstAnswers } = walk(base);
  const promised = promisedContacts(gemeente);
  expect([...outcomes.keys()].sort()).toEqual(promised.map((p) => `${base}${p.id}`).sort());
  for (const { id, names, tel } of promised) {
    const step = outcomes.get(`${base}${id}`) ?? { hrefs: [], text: '' };
    const hrefs = new Set(step.hrefs);
    for (const number of tel) if (!hrefs.has(number)) problems.push(`${base}${id}: ${number} ontbreekt`);
    const { text } = step;
    if (compareNames) for (const name of names) if (!text.includes(name)) problems.push(`${base}${id}: ${name} ontbreekt`);
  }
  if (!firstAnswers.some((answer) => outcomes.get(answer)?.hrefs.includes('tel:112'))) {
    problems.push(`${base}: geen antwoord op de eerste vraag leidt direct naar 112`);
  }
  return problems;
}

describe('the reporting route in the built pages', () => {
  it('has a built route for every municipality', () => {
    expect(site.gemeenten.length).toBeGreaterThanOrEqual(342);
    expect(site.gemeenten.filter((g) => !builtHtml(`/gemeenten/${g.id}/melden/`)).map((g) => g.id)).toEqual([]);
  });

  // Parses every page of every route (about 10 s on a busy machine); the next test reuses the walks.
  it('leads every path of every municipality to its promised contacts, without dead ends or broken links', { timeout: 120_000 }, () => {
    const problems = site.gemeenten.flatMap((gemeente) => checkRoute(`/gemeenten/${gemeente.id}/melden/`, gemeente));
    expect(problems).toEqual([]);
  });

  it('sends the report-form link of a municipality route to the form with that municipality chosen', { timeout: 120_000 }, () => {
    const wrong: string[] = [];
    for (const gemeente of site.gemeenten) {
      const { outcomes } = walk(`/gemeenten/${gemeente.id}/melden/`);
      const formLinks = [...outcomes.values()].flatMap((step) => step.hrefs.filter((href) => href.startsWith('/melden/anoniem/')));
      if (formLinks.length === 0) wrong.push(`${gemeente.id}: geen link naar het formulier`);
      for (const href of formLinks) if (href !== `/melden/anoniem/?gemeente=${gemeente.id}`) wrong.push(`${gemeente.id}: ${href}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(LOCALES)('leads every path of the national route to its contacts in %s', (locale) => {
    // Organisation names stay Dutch in every language; only Dutch pages are compared by name
    // because a translation may add the local word around them.
    expect(checkRoute(localizedPath(locale, '/melden/'), undefined, locale === 'nl')).toEqual([]);
  });

  describe('finds what breaks a route', () => {
    const base = '/gemeenten/woerden/melden/';
    const broken = (change: (pages: Map<string, string>) => void) => {
      const pages = new Map<string, string>();
      const collect = (url: string): string | undefined => {
        const html = builtHtml(url);
        if (html) pages.set(url, html);
        return html;
      };
      walk(base, collect);
      change(pages);
      return walk(base, (url) => pages.get(url)).problems;
    };

    it('a missing step', () => {
      expect(broken((pages) => pages.delete(`${base}uitkomst-anoniem/`))).toEqual([
        expect.stringMatching(/→ \/gemeenten\/woerden\/melden\/uitkomst-anoniem\/: pagina bestaat niet$/),
      ]);
    });

    it('an answer that leads back to the start', () => {
      const first = `${base}over-wie/`;
      expect(
        broken((pages) => pages.set(first, pages.get(first)!.replace(/href="\/gemeenten\/woerden\/melden\/[^"]+"/, `href="${base}"`))).join('\n'),
      ).toContain('kring:');
    });

    it('an outcome without contact details', () => {
      const outcome = `${base}uitkomst-politie/`;
      expect(broken((pages) => pages.set(outcome, pages.get(outcome)!.replace(/href="(tel:|mailto:|https:)[^"]*"/g, 'href="#"')))).toEqual([
        `${outcome}: uitkomst zonder telefoonnummer, website of e-mailadres`,
      ]);
    });

    it('a page that is no step of the route', () => {
      expect(walk('/gemeenten/woerden/').problems).toEqual(['(begin) → /gemeenten/woerden/: geen stap van de meldroute']);
    });
  });
});
