/**
 * What a newcomer relies on that needs a browser: the index's letters without JavaScript and its
 * filter with it, former and everyday names in the filter, the picker and search, and a real 404.
 * What the HTML alone shows (every municipality in the index, a page without a plan, 112 and the
 * plan on a municipality's page, an old plan's warning) is read from the built pages in
 * tests/integration/content-pages.test.ts; robots.txt in tests/integration/search-engines.test.ts.
 * (Security headers: site.spec.ts; every plan's date and source: tests/integration/plans.test.ts.)
 */
import { expect, test } from './fixtures';
import { PHONE } from './layout';

test('without JavaScript every name is reachable by its letter; with JavaScript typing filters the list', async ({ browser }) => {
  const noScript = await browser.newPage({ javaScriptEnabled: false });
  await noScript.goto('/gemeenten/');
  await expect(noScript.getByLabel('Zoek uw gemeente')).toBeHidden();
  await noScript.getByRole('link', { name: 'Gemeenten met de letter W' }).click();
  await expect(noScript).toHaveURL(/#letter-w$/);
  await expect(noScript.locator('#letter-w + ul').getByRole('link', { name: 'Woerden', exact: true })).toBeVisible();
  await noScript.close();

  const page = await browser.newPage();
  await page.goto('/gemeenten/');
  await page.getByLabel('Zoek uw gemeente').fill('amst');
  const visible = page.locator('#gemeenten-a-z li:visible');
  await expect(visible).toHaveText(['Amstelveen', 'Amsterdam', 'Ouder-Amstel']);
  await expect(page.locator('[aria-labelledby="per-provincie"]')).toBeHidden();
  await expect(page.locator('[data-list-filter-status]')).toHaveText('3 gemeenten gevonden.');
  await page.getByLabel('Zoek uw gemeente').fill('');
  await expect(page.locator('[aria-labelledby="per-provincie"]')).toBeVisible();
  await page.close();
});

test('a former name finds the municipality of today: on its page, in the index and in search', async ({ page }) => {
  await page.goto('/gemeenten/gooise-meren/');
  await expect(page.getByText('Vroegere gemeenten die nu helemaal of voor een deel bij Gooise Meren horen: Bussum, Muiden, Naarden.')).toBeVisible();
  await page.goto('/gemeenten/');
  const haaren = page.locator('#letter-h + ul li').filter({ hasText: /^\s*Haaren: nu/ });
  await expect(haaren).toHaveText('Haaren: nu Boxtel, Oisterwijk, Tilburg en Vught');
  await page.getByLabel('Zoek uw gemeente').fill('weesp');
  await expect(page.locator('#gemeenten-a-z li:visible')).toHaveText(['Weesp: nu Amsterdam']);
  await page.goto('/zoeken/');
  await page.getByLabel('Waar zoekt u naar?').fill('Weesp');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.locator('[data-search-results] a[href="/gemeenten/amsterdam/"]')).toHaveCount(1);
});

test('names people use find their municipality in the filter, the picker and search; the A–Z list starts with A; on a phone the matches come into view (issue 22)', async ({
  browser,
}) => {
  const page = await browser.newPage({ viewport: PHONE });
  await page.goto('/gemeenten/');
  await expect(page.locator('#gemeenten-a-z h3').first()).toHaveText('A');
  await expect(page.locator('#letter-g + ul').getByRole('link', { name: "'s-Gravenhage", exact: true })).toHaveCount(1);
  for (const [typed, shown, href] of [
    ['Den Haag', "Den Haag (officieel: 's-Gravenhage)", '/gemeenten/s-gravenhage/'],
    ['den bosch', "Den Bosch (officieel: 's-Hertogenbosch)", '/gemeenten/s-hertogenbosch/'],
    ['Weesp', 'Weesp: nu Amsterdam', '/gemeenten/amsterdam/'],
  ]) {
    await page.getByLabel('Zoek uw gemeente').fill(typed);
    const match = page.locator('#gemeenten-a-z li:visible');
    await expect(match).toHaveText([shown]);
    await expect(match.getByRole('link')).toHaveAttribute('href', href);
    // The match is in the first screen, not below the letter grid.
    await expect(match).toBeInViewport();
    await expect(page.locator('[data-list-filter-status]')).toHaveText('1 gemeente gevonden.');
  }
  await page.close();

  const form = await browser.newPage();
  await form.goto('/melden/anoniem/');
  await form.getByRole('combobox').pressSequentially('Den Haag');
  await expect(form.getByRole('option').first()).toHaveText("'s-Gravenhage (Den Haag)");
  await form.keyboard.press('ArrowDown');
  await form.keyboard.press('Enter');
  await expect(form.locator('select[name="municipality"]')).toHaveValue('s-gravenhage');

  await form.goto('/zoeken/');
  await form.getByLabel('Waar zoekt u naar?').fill('Den Bosch');
  await form.getByRole('button', { name: 'Zoeken' }).click();
  await expect(form.locator('[data-search-results] a').first()).toHaveAttribute('href', '/gemeenten/s-hertogenbosch/');
  // "Den Haag" is also the police unit's name; the municipality must be among the first results.
  await form.getByLabel('Waar zoekt u naar?').fill('Den Haag');
  await form.getByRole('button', { name: 'Zoeken' }).click();
  await expect(form.locator('[data-search-status]')).toContainText('"Den Haag"');
  const first = await form.locator('[data-search-results] a').evaluateAll((links) => links.slice(0, 3).map((l) => l.getAttribute('href')));
  expect(first).toContain('/gemeenten/s-gravenhage/');
  await form.close();
});

test('an unknown address gets a helpful 404', async ({ page }) => {
  const response = await page.goto('/bestaat-niet/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
});
