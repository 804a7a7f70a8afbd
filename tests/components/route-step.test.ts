/**
 * One step of the reporting route, as a page that works without JavaScript: a question whose
 * answers are links to the next steps, or an outcome that says whom to contact and how.
 */
import { describe, expect, it } from 'vitest';
import RouteStep from '../../src/components/RouteStep.astro';
import { translator } from '../../src/i18n';
import type { RouteNode } from '../../src/lib/content/schemas';
import { elements, textOf } from '../support/html.ts';
import { exampleSite } from './examples.ts';
import { render } from './render.ts';

const nl = translator('nl');
const base = '/melden/';
const question: RouteNode = {
  kind: 'vraag',
  question: 'Is iemand nu in gevaar?',
  help: 'Denk aan geweld of dreiging.',
  options: [
    { label: 'Ja', next: 'bel-hulp' },
    { label: 'Nee', next: 'anoniem-melden' },
    { label: 'Terug naar het begin', next: 'start' },
  ],
};
const outcome = (change: Partial<Extract<RouteNode, { kind: 'uitkomst' }>> = {}): RouteNode => ({
  kind: 'uitkomst',
  title: 'Meld het anoniem',
  contacts: [
    { organisation: 'meldpunt-voorbeeld', note: 'Vertel wat u zag.' },
    { body: 'veiligThuis', fallback: 'alleen-website' },
  ],
  anonymous: true,
  whatHappens: 'Het meldpunt stuurt uw melding door zonder uw naam.',
  offerForm: false,
  offerSectorAdvice: false,
  ...change,
});
const step = (node: RouteNode, path = base) => render(RouteStep, { site: exampleSite, node, base, startId: 'start' }, { path });

describe('RouteStep', () => {
  it('asks the question as the page heading and makes every answer a link to its step (the start is the route itself)', async () => {
    const html = await step(question);
    expect(elements(html, 'h1').map((h) => textOf(h.inner))).toEqual(['Is iemand nu in gevaar?']);
    expect(textOf(html)).toContain('Denk aan geweld of dreiging.');
    const answers = elements(elements(html, 'ul')[0].inner, 'a').map((a) => [textOf(a.inner), a.attrs.href]);
    expect(answers).toEqual([
      ['Ja', '/melden/bel-hulp/'],
      ['Nee', '/melden/anoniem-melden/'],
      ['Terug naar het begin', '/melden/'],
    ]);
  });

  it('shows an outcome with a contact card for every contact, a role filled by its fallback without a municipality', async () => {
    const html = await step(outcome());
    expect(elements(html, 'h1').map((h) => textOf(h.inner))).toEqual(['Meld het anoniem']);
    expect(
      elements(html, 'h2')
        .slice(0, 2)
        .map((h) => textOf(h.inner)),
    ).toEqual(['Meldpunt Voorbeeld', 'Alleen Website']);
    expect(textOf(html)).toContain('Vertel wat u zag.');
    expect(html).toContain('href="tel:08007000"');
    expect(textOf(html)).toContain('Het meldpunt stuurt uw melding door zonder uw naam.');
  });

  it('says whether the reader stays anonymous', async () => {
    expect(textOf(await step(outcome()))).toContain(nl('route.anonymousPossible'));
    const named = textOf(await step(outcome({ anonymous: false })));
    expect(named).toContain(nl('route.namesYou'));
    expect(named).not.toContain(nl('route.anonymousPossible'));
  });

  it('offers the report form and the sector advice only where the route says so, in the language of the page', async () => {
    const hrefs = async (node: RouteNode, path?: string) => elements(await step(node, path), 'a').map((a) => a.attrs.href);
    expect(await hrefs(outcome())).not.toContain('/melden/anoniem/');
    expect(await hrefs(outcome())).not.toContain('/ondernemers/');
    expect(await hrefs(outcome({ offerForm: true, offerSectorAdvice: true }))).toEqual(expect.arrayContaining(['/melden/anoniem/', '/ondernemers/']));
    expect(await hrefs(outcome({ offerForm: true }), '/ro/melden/')).toContain('/ro/melden/anoniem/');
  });

  it('always offers a way back to the start and to the overview', async () => {
    for (const node of [question, outcome()]) {
      const nav = elements(await step(node), 'a').slice(-2);
      expect(nav.map((a) => [a.attrs.href, textOf(a.inner)])).toEqual([
        ['/melden/', nl('route.restart')],
        ['/melden/overzicht/', nl('route.overviewLink')],
      ]);
    }
  });
});
