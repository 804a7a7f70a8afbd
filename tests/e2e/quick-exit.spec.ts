/**
 * "Snel weg" leaves the site by mouse, by keyboard (Shift three times) and with JavaScript
 * off, and with JavaScript the visit is replaced in history so Back does not return.
 * The neutral exit site is outside this machine's network, so it is answered locally.
 */
import { expect, test } from './fixtures';

const EXIT = 'https://www.buienradar.nl/';

test.beforeEach(async ({ context }) => {
  await context.route(`${EXIT}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weer</title><h1>Weer</h1>' }));
});

test('a click leaves at once and Back does not return to the site', async ({ page }) => {
  await page.goto('/');
  await page.goto('/gemeenten/');
  await page.getByRole('link', { name: /^Snel weg/ }).click();
  await page.waitForURL(EXIT);
  await page.goBack();
  // The replaced entry was /gemeenten/: going back lands on the page before it, never on /gemeenten/.
  expect(page.url()).not.toContain('/gemeenten/');
});

test('pressing Shift three times leaves the page', async ({ page }) => {
  await page.goto('/hulp/');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.waitForURL(EXIT);
});

test('the link is the first thing a keyboard user reaches after the skip link', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Naar de inhoud' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /^Snel weg/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL(EXIT);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the quick exit is a plain link that still leaves the site', async ({ page }) => {
    await page.goto('/gemeenten/');
    await page.getByRole('link', { name: /^Snel weg/ }).click();
    await page.waitForURL(EXIT);
  });
});
