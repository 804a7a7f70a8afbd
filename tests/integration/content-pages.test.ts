/**
 * What a newcomer relies on, read from the built HTML (moved from tests/e2e/content-pages.spec.ts
 * in issue 23: the HTML alone shows it, and a browser took a page load for each): every
 * municipality is reachable from the index, a municipality without a plan says so and names its
 * regional bodies, a municipality's page shows 112, anonymous reporting and its plan, and an old
 * plan warns that it is old. The browser keeps what needs one (the filter, the picker, search,
 * the 404's status): tests/e2e/content-pages.spec.ts.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtHtml } from '../support/built-site.ts';
import { parse, textOf } from '../support/html.ts';

const gemeenteIds = readdirSync('content/gemeenten').map((f) => f.replace(/\.yaml$/, ''));
const page = (path: string) => {
  const html = builtHtml(path);
  if (!html) throw new Error(`${path} is niet gebouwd`);
  return parse(html);
};
const hrefs = ($: ReturnType<typeof parse>, selector: string) =>
  $(selector)
    .toArray()
    .map((a) => $(a).attr('href'));
const text = ($: ReturnType<typeof parse>, selector: string) =>
  $(selector)
    .toArray()
    .map((el) => textOf($(el).html() ?? ''));

describe('pages a newcomer relies on', () => {
  it('the gemeenten index links to every municipality in content/, from A–Z and per province', () => {
    const $ = page('/gemeenten/');
    for (const list of ['#gemeenten-a-z a', '[aria-labelledby="per-provincie"] a']) {
      expect(new Set(hrefs($, list)), list).toEqual(new Set(gemeenteIds.map((id) => `/gemeenten/${id}/`)));
    }
    expect(gemeenteIds).toHaveLength(342);
  });

  it('a municipality without a plan says so and shows its regional bodies', () => {
    const $ = page('/gemeenten/amsterdam/');
    expect(text($, '.notice').some((notice) => notice.includes('nog geen eigen plan'))).toBe(true);
    const region = $('[aria-labelledby]').filter((_, el) => textOf($(`#${$(el).attr('aria-labelledby')}`).html() ?? '') === 'De regio van Amsterdam');
    expect(region).toHaveLength(1);
    const regionText = textOf(region.html() ?? '');
    expect(regionText).toContain('Veilig Thuis-regio');
    expect(regionText).toContain('Politie-eenheid');
    const amstelland = region
      .find('a')
      .filter((_, a) => $(a).text().trim() === 'Amsterdam-Amstelland')
      .first();
    expect(amstelland.attr('href')).toBe('/gebieden/veilig-thuis-regio-amsterdam-amstelland/');
    expect(hrefs($, 'a[href="tel:08002000"]').length).toBeGreaterThan(0);
    expect(
      $('a[href="/gemeente-toevoegen/"]')
        .toArray()
        .map((a) => $(a).text().trim()),
    ).toContain('Lees hoe u uw gemeente toevoegt');
    expect(text($, '.lead').join(' ')).toContain('provincie Noord-Holland (CBS-code GM0363)');
  });

  it('a gemeente page shows 112, anonymous reporting and its plan', () => {
    const $ = page('/gemeenten/woerden/');
    expect(text($, 'main h1')).toEqual(['Mensenhandel in Woerden']);
    expect($('a[href="tel:112"]').length).toBeGreaterThan(0);
    expect($('a[href="tel:08007000"]').length).toBeGreaterThan(0);
    expect(hrefs($, 'a[href^="/beleid/"]').length).toBeGreaterThan(0);
  });

  it('the 2014 Twente proposal warns that it is old', () => {
    const $ = page('/beleid/twente-2014/');
    expect(text($, '.meta').join(' ')).toContain('16 oktober 2014');
    expect(text($, '.notice').join(' ')).toContain('2014');
  });
});
