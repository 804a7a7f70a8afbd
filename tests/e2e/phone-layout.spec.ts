/**
 * The phone layout (issue 16) at 390×800: the quick exit stays in view while scrolling; the
 * header passes axe with its menu and languages open; without JavaScript the menu and the
 * languages open from their summaries. That the page's own heading comes first and starts
 * within 250 px, and that nothing scrolls sideways at 320 px, is checked on every template in
 * every language in site.spec.ts, on the same page load as axe.
 */
import { axeViolations, expect, test } from './fixtures';
import { PHONE } from './layout';

test.use({ viewport: PHONE });

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
