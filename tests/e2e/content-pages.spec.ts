/**
 * What a newcomer relies on: every municipality is reachable from the index, every plan
 * shows its date and source, and errors get a real 404. (Security headers: site.spec.ts.)
 */
import { readdirSync } from 'node:fs';
import { expect, test } from './fixtures';

const gemeenteIds = readdirSync('content/gemeenten').map((f) => f.replace(/\.yaml$/, ''));
const planIds = readdirSync('content/beleid').map((f) => f.replace(/\.mdx$/, ''));

test('the gemeenten index links to every municipality in content/', async ({ page }) => {
  await page.goto('/gemeenten/');
  const hrefs = await page.locator('#a-z + ul a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs.sort()).toEqual(gemeenteIds.map((id) => `/gemeenten/${id}/`).sort());
});

test('a gemeente page shows 112, anonymous reporting and its plan', async ({ page }) => {
  await page.goto('/gemeenten/woerden/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mensenhandel in Woerden');
  await expect(page.locator('a[href="tel:112"]').first()).toBeVisible();
  await expect(page.locator('a[href="tel:08007000"]')).toBeVisible();
  await expect(page.locator('a[href^="/beleid/"]').first()).toBeVisible();
});

for (const id of planIds) {
  test(`plan ${id} shows its date and source`, async ({ page }) => {
    await page.goto(`/beleid/${id}/`);
    await expect(page.locator('.meta')).toContainText('Datum document');
    await expect(page.getByRole('heading', { name: 'Bronnen' })).toBeVisible();
  });
}

test('the 2014 Twente proposal warns that it is old', async ({ page }) => {
  await page.goto('/beleid/twente-2014/');
  await expect(page.locator('.meta')).toContainText('16 oktober 2014');
  await expect(page.locator('.notice')).toContainText('2014');
});

test('an unknown address gets a helpful 404', async ({ page }) => {
  const response = await page.goto('/bestaat-niet/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
});

test('robots.txt points to the sitemap', async ({ request }) => {
  const body = await (await request.get('/robots.txt')).text();
  expect(body).toMatch(/Sitemap: .*\/sitemap-index\.xml/);
});
