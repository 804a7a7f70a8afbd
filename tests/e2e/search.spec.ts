/**
 * Search as people use it (issue 16): results while typing, the relevant page on top for the
 * four queries we measure (docs/BENCHMARKS.md, "Search"), one announcement per settled search,
 * five results at a time with a button for more, and axe with results on the page; in every
 * other language, that the search finds that language's pages only (typed, and once from a
 * search in the address, as a shared link).
 * Relevance is asserted, never timing.
 */
import type { Page } from '@playwright/test';
import { axeViolations, expect, test } from './fixtures';
import type { Locale } from '../../src/i18n/locales';
import { translator } from '../../src/i18n';

/** Types like a person (no Enter) and returns the result paths once the count is announced. */
async function typeAndWait(page: Page, query: string): Promise<string[]> {
  await page.getByLabel('Waar zoekt u naar?').pressSequentially(query, { delay: 30 });
  await expect(page.locator('[data-search-status]')).toContainText(`"${query}"`, { timeout: 20_000 });
  return page.locator('[data-search-results] a').evaluateAll((links) => links.map((l) => new URL((l as HTMLAnchorElement).href).pathname));
}

const RELEVANT: [string, (paths: string[]) => void][] = [
  ['Woerden', (paths) => expect(paths[0]).toBe('/gemeenten/woerden/')],
  ['bouw', (paths) => expect(paths[0]).toBe('/ondernemers/bouw/')],
  ['paspoort', (paths) => expect(paths.slice(0, 3)).toContain('/signalen/signaal/paspoort-niet-in-eigen-bezit/')],
  [
    'loverboy',
    (paths) => {
      expect(paths.slice(0, 3).filter((p) => p.startsWith('/signalen/signaal/')).length, paths.join(' ')).toBeGreaterThanOrEqual(2);
    },
  ],
];

for (const [query, expectRelevant] of RELEVANT) {
  test(`typing "${query}" shows the relevant pages first, and no per-municipality copies`, async ({ page }) => {
    await page.goto('/zoeken/');
    const paths = await typeAndWait(page, query);
    expectRelevant(paths);
    expect(paths.filter((p) => /^\/gemeenten\/[^/]+\/(melden|signalenkaart)\//.test(p))).toEqual([]);
  });
}

test('the live region speaks once per settled search, focus stays in the field, Enter does not repeat it', async ({ page }) => {
  await page.goto('/zoeken/');
  await page.evaluate(() => {
    const status = document.querySelector('[data-search-status]')!;
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => status.textContent && said.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });
  const field = page.getByLabel('Waar zoekt u naar?');
  await typeAndWait(page, 'paspoort');
  await expect(field).toBeFocused();
  await expect(page.locator('[data-search-results] li')).toHaveCount(5);
  await field.press('Enter');
  // Give a repeated search every chance to happen before counting what was said. A fixed wait on
  // purpose: it checks that no second search comes (twice the 250 ms debounce of search.ts), and
  // a search that does not happen has no event to await.
  await page.waitForTimeout(500);
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  // "Bezig met zoeken…" may come first, when loading Pagefind is slow; then the count, once.
  const counts = said.filter((s) => s !== 'Bezig met zoeken…');
  expect(counts, said.join(' | ')).toHaveLength(1);
  expect(counts[0]).toMatch(/^\d+ resultaten voor "paspoort"\.$/);
  expect(said.length).toBeLessThanOrEqual(2);
  await expect(page).toHaveURL(/\?q=paspoort$/);
});

test('more results come five at a time, as links in a list, and focus moves to the first new one', async ({ page }) => {
  await page.goto('/zoeken/');
  await typeAndWait(page, 'mensenhandel');
  const results = page.locator('[data-search-results]');
  await expect(results).toHaveRole('list');
  await expect(results.getByRole('listitem')).toHaveCount(5);
  const more = page.getByRole('button', { name: 'Meer resultaten tonen' });
  await more.press('Enter');
  await expect(results.getByRole('listitem')).toHaveCount(10);
  await expect(results.getByRole('listitem').nth(5).getByRole('link')).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
});

test('a short word waits for Enter; Enter searches it', async ({ page }) => {
  await page.goto('/zoeken/');
  const field = page.getByLabel('Waar zoekt u naar?');
  // "bo" has results (bouw, boa's, …): only the rule keeps them away while typing.
  await field.pressSequentially('bo', { delay: 30 });
  // A fixed wait on purpose: longer than the 250 ms debounce of search.ts, to show that no search
  // comes while typing a short word; a search that does not happen has no event to await.
  await page.waitForTimeout(600);
  await expect(page.locator('[data-search-results] li')).toHaveCount(0);
  await field.press('Enter');
  await expect(page.locator('[data-search-status]')).toContainText('resultaten voor "bo"');
  await expect(page.locator('[data-search-results] li').first()).toBeVisible();
});

/** Typed, except the last: a search in the address (a shared link) runs when the page loads. */
const TYPED: [Exclude<Locale, 'nl'>, string, 'typed' | 'address'][] = [
  ['pl', 'paszport', 'typed'],
  ['uk', 'паспорт', 'typed'],
  ['en', 'passport', 'typed'],
  ['ro', 'pașaport', 'typed'],
  ['bg', 'паспорт', 'address'],
];
for (const [locale, query, how] of TYPED) {
  test(`a search ${how === 'typed' ? 'typed' : 'in the address'} searches the ${locale} index, with the count and the button in that language`, async ({
    page,
  }) => {
    if (how === 'address') await page.goto(`/${locale}/zoeken/?q=${encodeURIComponent(query)}`);
    else {
      await page.goto(`/${locale}/zoeken/`);
      await page.locator('#q').pressSequentially(query, { delay: 30 });
    }
    await expect(page.locator('[data-search-status]')).toContainText(query, { timeout: 20_000 });
    const paths = await page.locator('[data-search-results] a').evaluateAll((links) => links.map((l) => new URL((l as HTMLAnchorElement).href).pathname));
    expect(paths.length).toBeGreaterThan(0);
    expect(
      paths.every((p) => p.startsWith(`/${locale}/`)),
      paths.join(' '),
    ).toBe(true);
    await expect(page.locator('[data-search-more]')).toHaveText(translator(locale)('search.more'));
    expect(await axeViolations(page)).toEqual([]);
  });
}
