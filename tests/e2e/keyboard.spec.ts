/**
 * The main flows by keyboard only: Tab, Shift+Tab, Enter, Space and typing — no clicks.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Presses Tab until the focused element's accessible text matches, as a keyboard user would. */
async function tabTo(page: Page, text: RegExp, limit = 150) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    // What a screen reader would announce: the element's text, its label, and its group's legend.
    const names = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return [el?.textContent, el?.getAttribute('aria-label'), el?.labels?.[0]?.textContent, el?.closest('fieldset')?.querySelector('legend')?.textContent]
        .map((t) => (t ?? '').trim())
        .filter(Boolean);
    });
    if (names.some((name) => text.test(name))) return;
  }
  throw new Error(`Met Tab niet bij ${text} gekomen`);
}

/** Presses Enter on the focused link or button and waits for the next page. */
async function follow(page: Page) {
  const before = page.url();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.href !== before);
  await page.waitForLoadState('domcontentloaded');
}

test('find your gemeente', async ({ page }) => {
  await page.goto('/');
  await tabTo(page, /Uw gemeente kiezen/);
  await follow(page);
  // 342 names: a keyboard user jumps to the letter first.
  await tabTo(page, /Gemeenten met de letter W/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^Woerden$/);
  await follow(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mensenhandel in Woerden');
});

test('read signals', async ({ page }) => {
  await page.goto('/');
  await tabTo(page, /Signalen herkennen/);
  await follow(page);
  await tabTo(page, /^Arbeidsuitbuiting/);
  await follow(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Signalen van arbeidsuitbuiting');
});

test('follow the meldroute to the anonymous form and submit a report', async ({ page }) => {
  await page.goto('/gemeenten/groningen/melden/');
  await tabTo(page, /Nee, niet op dit moment/);
  await follow(page);
  await tabTo(page, /Over iets anders/);
  await follow(page);
  await tabTo(page, /Ja, ik wil mijn naam niet geven/);
  await follow(page);
  await tabTo(page, /Meld anoniem via het formulier/);
  await follow(page);
  await expect(page.locator('select[name="municipality"]')).toHaveValue('groningen');
  await expect(page.getByRole('combobox', { name: 'In welke gemeente gebeurt het?' })).toHaveValue('Groningen');

  await tabTo(page, /Wat denkt u dat er aan de hand is/);
  await page.keyboard.press('Space');
  await tabTo(page, /Is er nu op dit moment gevaar/);
  await page.keyboard.press('ArrowDown'); // Ja → Nee
  await tabTo(page, /Wat zag of hoorde u/);
  await page.keyboard.type('Een man wordt elke nacht opgehaald en komt pas na twaalf uur terug.');
  await tabTo(page, /Melding versturen/);
  await follow(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw melding is ontvangen');
});
