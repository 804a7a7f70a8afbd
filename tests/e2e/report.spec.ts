/**
 * Reporting as a person does it, in Chromium, with and without JavaScript: the report reaches
 * the reference receiver once; mistakes get Dutch messages next to the fields, values kept.
 */
import { readFileSync, existsSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { axeViolations, expect, test } from './fixtures';

const received = () => {
  const file = process.env.E2E_RECEIVER_FILE!;
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
};

async function fillReport(page: Page, description: string) {
  await page.getByRole('radio', { name: 'Uitbuiting in werk' }).check();
  await page.getByRole('radio', { name: 'Nee' }).check();
  await page.getByLabel('Wat zag of hoorde u?').fill(description);
  await page.getByLabel('Waar gebeurt het?').fill('Loods achter de kwekerij');
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('a report from the gemeente page arrives at the receiver once', async ({ page }) => {
      const description = `Twaalf mensen wonen in één huis, gezien ${javaScriptEnabled ? 'met' : 'zonder'} JavaScript.`;
      await page.goto('/gemeenten/venlo/');
      await page.getByRole('link', { name: 'Meld anoniem via dit formulier' }).click();
      // The select carries the value with and without JavaScript (with it, hidden behind the autocomplete).
      await expect(page.locator('select[name="municipality"]')).toHaveValue('venlo');
      await fillReport(page, description);
      // With JavaScript the browser solves the proof-of-work challenge before sending.
      if (javaScriptEnabled) await expect(page.locator('input[name="altcha"]')).not.toHaveValue('', { timeout: 10_000 });
      await page.getByRole('button', { name: 'Melding versturen' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw melding is ontvangen');
      const code = (await page.locator('.reference-code').textContent())!.trim();
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      // The code is not in the address, and the page shows it only once: history keeps no code.
      expect(page.url()).not.toContain(code);
      await page.getByLabel('Ik heb de code opgeschreven of geprint.').check();
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze code is al getoond');
      await expect(page.locator('.reference-code')).toHaveCount(0);
      await expect.poll(() => received().filter((r) => r.report.description === description).length, { timeout: 10_000 }).toBe(1);
      const [delivered] = received().filter((r) => r.report.description === description);
      expect(delivered.report).toMatchObject({ municipality: { id: 'venlo' }, location: 'Loods achter de kwekerij' });
      // axe runs inside the page, so it can only check the JavaScript variant.
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
    });

    test('mistakes get Dutch messages next to the fields and every value is kept', async ({ page }) => {
      await page.goto('/melden/anoniem/');
      await page.getByLabel('Waar gebeurt het?').fill('Bij het station');
      await page.getByLabel('Wat zag of hoorde u?').fill('Te kort');
      await page.getByRole('button', { name: 'Melding versturen' }).click();
      await expect(page).toHaveTitle(/^Fout: /);
      const summary = page.getByRole('alert');
      // The summary takes focus on load, so screen readers announce it and Tab starts there.
      await expect(summary).toBeFocused();
      await expect(summary).toContainText('Kies de gemeente waar het gebeurt.');
      await expect(page.locator('#description-error')).toContainText('minstens 20 tekens');
      await expect(page.locator('#dangerNow-error')).toContainText('Geef aan of er nu gevaar is.');
      await expect(page.getByLabel('Waar gebeurt het?')).toHaveValue('Bij het station');
      await expect(page.getByLabel('Wat zag of hoorde u?')).toHaveValue('Te kort');
      // axe runs inside the page, so it can only check the JavaScript variant.
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
      // A link in the summary takes the reader to the field.
      await summary.getByRole('link', { name: /minstens 20 tekens/ }).click();
      await expect(page).toHaveURL(/#description$/);
    });
  });
}

test('the form and receipt are never cached and set no cookie', async ({ request }) => {
  const response = await request.get('/melden/anoniem/');
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(response.headers()['referrer-policy']).toBe('no-referrer');
  expect(response.headers()['set-cookie']).toBeUndefined();
  const receipt = await request.get('/melden/anoniem/ontvangen/?r=ongeldig');
  // Never compressed on the way either: it echoes the request (BREACH); the blank form may be.
  expect(receipt.headers()['cache-control']).toBe('no-store, no-transform');
});

test('a post from another site is refused', async ({ request }) => {
  const response = await request.post('/melden/anoniem/', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
    data: 'municipality=venlo',
  });
  expect(response.status()).toBe(403);
});
