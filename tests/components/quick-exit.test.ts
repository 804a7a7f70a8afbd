/**
 * The quick exit's markup: without JavaScript it must still be a real link away from the site,
 * leaking nothing about where the reader came from; the script only hooks onto these attributes.
 */
import { describe, expect, it } from 'vitest';
import QuickExit from '../../src/components/QuickExit.astro';
import { translator } from '../../src/i18n';
import { QUICK_EXIT_URL } from '../../src/lib/site-settings';
import { elements, textOf } from '../support/html.ts';
import { render } from './render.ts';

describe('QuickExit', () => {
  it('is a plain link to the neutral site, without a referrer, that the script can find', async () => {
    const [exit] = elements(await render(QuickExit, {}), 'a');
    expect(exit.attrs.href).toBe(QUICK_EXIT_URL);
    expect(new URL(exit.attrs.href).protocol).toBe('https:');
    expect(exit.attrs.rel).toBe('noreferrer');
    expect(exit.attrs).toHaveProperty('data-quick-exit');
  });

  it('names the link and its Shift shortcut in the language of the page, for screen readers too', async () => {
    for (const locale of ['nl', 'uk'] as const) {
      const t = translator(locale);
      const [exit, explain] = elements(await render(QuickExit, {}, { path: locale === 'nl' ? '/' : `/${locale}/` }), 'a');
      expect(textOf(exit.inner)).toBe(`${t('exit.link')}: ${t('exit.hint')}`);
      expect(exit.attrs['data-leaving']).toBe(t('exit.leaving'));
      expect(exit.attrs['data-shift-count']).toContain('{n}');
      expect(explain.attrs.href).toBe(locale === 'nl' ? '/veilig-browsen/' : `/${locale}/veilig-browsen/`);
    }
  });

  it('has a live status for the Shift count and a hidden overlay that blanks the page', async () => {
    const html = await render(QuickExit, {});
    expect(elements(html, 'p').find((p) => 'data-quick-exit-status' in p.attrs)?.attrs.role).toBe('status');
    expect(elements(html, 'div').find((d) => 'data-quick-exit-overlay' in d.attrs)?.attrs).toHaveProperty('hidden');
    // Kept out of the search index: it is on every page.
    expect(elements(html, 'div')[0].attrs).toHaveProperty('data-pagefind-ignore');
  });
});
