/**
 * The phone layout (issue 16): at 390×800 the page's own heading starts within the top 250 px
 * on every template and is the first text of <main>; the menu and the languages open without
 * JavaScript; the quick exit stays in view while scrolling and never covers the heading.
 */
import { axeViolations, expect, sitemapPaths, test } from './fixtures';
import { samplePaths, templateOf } from '../support/sample';
import { reflowProblem, SMALLEST } from './reflow';

const PHONE = { width: 390, height: 800 };
/** Every template in every language, once (tests/support/sample.ts). */
const paths = samplePaths(sitemapPaths(), { perTemplate: 1, random: 0, seed: 16 });

test.use({ viewport: PHONE });

test(`the heading comes first and starts within 250 px on every template (${paths.length} pages)`, async ({ page }) => {
  test.setTimeout(180_000);
  const problems: Record<string, string> = {};
  for (const path of paths) {
    await page.goto(path);
    const found = await page.evaluate(() => {
      const h1 = document.querySelector('main h1');
      if (!h1) return 'geen h1 in main';
      const top = h1.getBoundingClientRect().top + window.scrollY;
      const bar = document.querySelector('.quick-exit')!.getBoundingClientRect().bottom;
      // The first visible text in <main> must belong to the h1.
      const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) =>
          node.textContent!.trim() && (node.parentElement as HTMLElement).checkVisibility() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP,
      });
      const first = walker.nextNode();
      if (top > 250) return `h1 begint op ${Math.round(top)} px`;
      if (top < bar) return `Snel weg (tot ${Math.round(bar)} px) bedekt de h1 (${Math.round(top)} px)`;
      if (!first || !h1.contains(first)) return `tekst vóór de h1: "${first?.textContent?.trim().slice(0, 40)}"`;
      return '';
    });
    if (found) problems[path] = found;
  }
  expect(problems).toEqual({});
});

/**
 * One page per template, whatever its language (the layout is the same; the longest words are
 * checked by the states in page-states.spec.ts), plus the on-demand pages the sitemap leaves out.
 */
const reflowPaths = (() => {
  const byTemplate = new Map<string, string>();
  for (const path of paths) {
    const template = templateOf(path.replace(/^\/(en|pl|ro|bg|uk)\//, '/'));
    if (!byTemplate.has(template)) byTemplate.set(template, path);
  }
  return [...new Set([...byTemplate.values(), '/melden/anoniem/', '/melden/terugkomen/', '/uk/melden/terugkomen/'])];
})();

test(`no page scrolls sideways at 320 CSS px (WCAG 1.4.10 reflow; ${reflowPaths.length} templates)`, async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await browser.newPage({ viewport: SMALLEST });
  const problems: Record<string, string> = {};
  for (const path of reflowPaths) {
    await page.goto(path);
    const problem = await reflowProblem(page);
    if (problem) problems[path] = problem;
  }
  await page.close();
  expect(problems).toEqual({});
});

test('the quick exit stays in view after scrolling', async ({ page }) => {
  await page.goto('/gemeenten/woerden/');
  await page.mouse.wheel(0, 3000);
  await page.waitForFunction(() => window.scrollY > 1000);
  const exit = page.getByRole('link', { name: /^Snel weg/ });
  await expect(exit).toBeInViewport();
  expect((await exit.boundingBox())!.y).toBeLessThan(20);
});

test('the phone header passes axe with its menu and languages open', async ({ page }) => {
  const problems: Record<string, unknown> = {};
  for (const path of ['/', '/gemeenten/woerden/', '/uk/melden/']) {
    await page.goto(path);
    for (const summary of await page.locator('.site-header summary').all()) await summary.click();
    const violations = await axeViolations(page);
    if (violations.length) problems[path] = violations;
  }
  expect(problems).toEqual({});
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the menu and the languages open from their summaries', async ({ page }) => {
    await page.goto('/signalen/');
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await expect(menu.getByRole('link', { name: 'Melden' })).toBeHidden();
    await page.locator('summary', { hasText: 'Hoofdmenu' }).click();
    await expect(menu.getByRole('link', { name: 'Melden' })).toBeVisible();
    await page.locator('summary', { hasText: 'Nederlands' }).click();
    await page.getByRole('navigation', { name: 'Taal' }).getByRole('link', { name: 'Polski' }).click();
    await expect(page).toHaveURL(/\/pl\/signalen\/$/);
  });
});
