/**
 * Signals as people use them: search finds a signal by a word in it and filters narrow the
 * results; the signal card of a gemeente prints on at most two A4 pages with its own contacts.
 * axe on the signal, sector and role pages (every template, in every language): site.spec.ts.
 */
import { axeViolations, expect, test } from './fixtures';

test('searching for "paspoort" finds the signal page, and a filter narrows the results', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto('/zoeken/');
  await page.getByLabel('Waar zoekt u naar?').fill('paspoort');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  const results = page.locator('[data-search-results] li');
  await expect(results.first()).toBeVisible();
  await expect(page.locator('[data-search-results] a[href*="/signalen/signaal/paspoort-niet-in-eigen-bezit"]')).toHaveCount(1);
  await expect(page.locator('[data-search-status]')).toContainText('resultaten');
  const status = await page.locator('[data-search-status]').textContent();
  const all = Number(/(\d+) resultaten/.exec(status ?? '')?.[1]);
  await page.locator('summary', { hasText: 'Filters' }).click();
  await page.getByLabel('Soort pagina').selectOption('sector');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  const settled = async () => {
    const text = (await page.locator('[data-search-status]').textContent()) ?? '';
    return text !== status && !text.includes('Bezig') ? text : '';
  };
  await expect.poll(settled).not.toBe('');
  const filtered = Number(/(\d+) resultaten/.exec(await settled())?.[1] ?? 0);
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(all);
  for (const href of await page.locator('[data-search-results] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(/\/ondernemers\//);
  }
  expect(errors).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the search page says it needs JavaScript and links to the overviews', async ({ page }) => {
    await page.goto('/zoeken/');
    await expect(page.getByText('Zoeken werkt alleen met JavaScript')).toBeVisible();
    await expect(page.locator('[data-search-nojs]').getByRole('link', { name: 'signalen' })).toHaveAttribute('href', '/signalen/');
  });
});

test('the signal card of Woerden prints on at most two A4 pages, nothing cut off, with its own contacts', async ({ page }) => {
  await page.goto('/gemeenten/woerden/signalenkaart/');
  await expect(page.locator('.card-sheet__contacts')).toContainText('Veilig Thuis Utrecht');
  await expect(page.locator('.card-sheet__contacts')).toContainText('Moviera');
  await page.emulateMedia({ media: 'print' });
  // The printable width of A4 with 12 mm margins, at 96 dpi: no element may need more.
  await page.setViewportSize({ width: Math.floor((210 - 24) * (96 / 25.4)), height: 1000 });
  const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('main *')].map((el) => el.scrollWidth - el.clientWidth)));
  expect(widest).toBeLessThanOrEqual(1);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
});
