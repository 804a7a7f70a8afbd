/**
 * The reporting route in a real browser, where only a browser can tell: clicking through the
 * answers without JavaScript reaches an outcome whose phone number is a visible link, and the
 * pages print without cut-off (axe on them: site.spec.ts). That every path of every municipality's route ends
 * with the right contacts is checked from the built HTML for all 342 municipalities
 * (tests/integration/meldroute-walk.test.ts); the route by keyboard is in keyboard.spec.ts.
 */
import { expect, test } from './fixtures';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a reader clicks from the first question to the regional Veilig Thuis of Woerden and can call it', async ({ page }) => {
    await page.goto('/gemeenten/woerden/melden/');
    await page.getByRole('link', { name: 'Nee, niet op dit moment', exact: true }).click();
    await expect(page).toHaveURL(/\/gemeenten\/woerden\/melden\/over-wie\/$/);
    await page.getByRole('link', { name: /Over iemand die ik ken/ }).click();
    await expect(page).toHaveURL(/\/gemeenten\/woerden\/melden\/uitkomst-zorgen-om-naaste\/$/);
    await expect(page.locator('main')).toContainText('Veilig Thuis Utrecht');
    await expect(page.locator('main a[href="tel:08002000"]').first()).toBeVisible();
    await page.getByRole('link', { name: 'Opnieuw beginnen' }).click();
    await expect(page).toHaveURL(/\/gemeenten\/woerden\/melden\/$/);
  });
});

// axe on these pages' templates (and on every kind of route step): site.spec.ts.
test('chooser, outcome, overview and internal route pages print without cut-off', async ({ page }) => {
  const pages = [
    '/melden/',
    '/melden/uitkomst-anoniem/',
    '/melden/overzicht/',
    '/gemeenten/woerden/melden/overzicht/',
    '/gemeenten/woerden/meldroute-intern/',
    '/gemeenten/venlo/meldroute-intern/',
  ];
  for (const path of pages) {
    await page.goto(path);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: Math.floor((210 - 24) * (96 / 25.4)), height: 1000 });
    const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('main *')].map((el) => el.scrollWidth - el.clientWidth)));
    expect(widest, path).toBeLessThanOrEqual(1);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 720 });
  }
});
