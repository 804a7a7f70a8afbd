/**
 * Every policy plan page says how old the plan is and where it comes from, in every language,
 * read from the built HTML: the exact date when the document has one (formatted for the
 * language), otherwise its period, and on the Dutch page a link to its source. (Before issue 15 a
 * browser test looked for the label "Datum document", which the page prints with or without a
 * date.)
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n';
import { LOCALES, localizedPath } from '../../src/i18n/locales.ts';
import { readContent } from '../../src/lib/content/read-content.ts';
import { formatDate } from '../../src/lib/format.ts';
import { bestPlanState, planStatusLabel } from '../../src/lib/content/plan-status.ts';
import { builtHtml } from '../support/built-site.ts';
import { parse, textOf } from '../support/html.ts';

const { site } = readContent('content');

/** The facts list of a plan page as [term, description] pairs. */
function facts(html: string): [string, string][] {
  const $ = parse(html);
  return $('dl.meta > dt')
    .toArray()
    .map((dt) => [textOf($(dt).html() ?? ''), textOf($(dt).next('dd').html() ?? '')]);
}

describe.each(site.beleid)('plan $id', (plan) => {
  it.each(LOCALES)('shows its date or period in %s', (locale) => {
    const html = builtHtml(localizedPath(locale, `/beleid/${plan.id}/`));
    expect(html).toBeDefined();
    const t = translator(locale);
    const expected: [string, string] = plan.data.dateIsExact
      ? [t('date.exact'), formatDate(plan.data.date, locale)]
      : [t('date.period'), plan.data.period ?? plan.data.date.slice(0, 4)];
    expect(facts(html!)).toContainEqual(expected);
    // A plan without an exact date must not pretend to have one.
    if (!plan.data.dateIsExact) expect(facts(html!).map(([, value]) => value)).not.toContain(formatDate(plan.data.date, locale));
  });

  it('shows its status as it is (voorstel, vastgesteld, verlopen) on the Dutch page', () => {
    expect(facts(builtHtml(`/beleid/${plan.id}/`)!)).toContainEqual(['Status', planStatusLabel(plan.data)]);
  });

  it('links to its source on the Dutch page', () => {
    const $ = parse(builtHtml(`/beleid/${plan.id}/`) ?? '');
    const sources = $('section').filter((_, section) => $(section).children('h2').first().text().trim() === 'Bronnen');
    expect(
      sources
        .find('a')
        .toArray()
        .map((a) => $(a).attr('href')),
    ).toContain(`/bronnen/#${plan.data.bron}`);
  });
});

// Issue 24: a municipality whose plan is a proposal was told "<gemeente> heeft een eigen plan".
describe('municipalities whose plan is only a proposal', () => {
  const plansOf = (ids: string[]) => ids.map((id) => site.beleid.find((b) => b.id === id)!.data);
  const proposals = site.gemeenten.filter((g) => g.data.policy.kind !== 'geen-bekend' && bestPlanState(plansOf(g.data.policy.beleid)) === 'voorstel');

  it('exist in the content (the Twente proposal of 2014)', () => expect(proposals.length).toBeGreaterThan(0));

  it.each(proposals.map((g) => g.id))('%s: the page says the plan is proposed, never that it has or follows one', (id) => {
    const html = builtHtml(`/gemeenten/${id}/`)!;
    expect(html).toContain('voorgesteld. Volgens onze bronnen is het (nog) niet vastgesteld.');
    expect(html).not.toMatch(/heeft een eigen plan|geldt een plan/);
  });
});
