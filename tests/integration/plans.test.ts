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

  it('links to its source on the Dutch page', () => {
    const $ = parse(builtHtml(`/beleid/${plan.id}/`) ?? '');
    const sources = $('section').filter((_, section) => $(section).children('h2').first().text().trim() === 'Bronnen');
    expect(sources.find('a').toArray().map((a) => $(a).attr('href'))).toContain(`/bronnen/#${plan.data.bron}`);
  });
});
