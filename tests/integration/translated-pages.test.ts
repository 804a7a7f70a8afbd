/**
 * Translated content pages as built (issue 22): each says, in its own language, when and by
 * whom (a role) it was last checked, and no date on any page gets a second full stop (bg "г.",
 * uk "р."). Needs a build (npm test builds first).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { translator } from '../../src/i18n/index';
import { builtHtml, builtPages } from '../support/built-site.ts';

const { site } = readContent('content');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('translated content pages', () => {
  it.each(site.vertaaldePaginas.map((page) => page.id))('/%s/ shows its reviewer role in its language', (id) => {
    const [locale] = id.split('/');
    const { reviewedBy } = site.vertaaldePaginas.find((page) => page.id === id)!.data;
    expect(reviewedBy, `content/vertalingen/${id}.mdx: reviewedBy ontbreekt`).toBeDefined();
    const html = builtHtml(`/${id}/`);
    expect(html, `/${id}/ is niet gebouwd`).toBeDefined();
    expect(text(html!)).toContain(translator(locale)(`reviewer.${reviewedBy!}`));
  });

  it('no built page has a double full stop after a date', () => {
    const doubled = builtPages().flatMap(({ path, file }) => (/\d{4} ?(г|р)\.\s*\./.test(text(readFileSync(file, 'utf8'))) ? [path] : []));
    expect(doubled).toEqual([]);
  });
});
