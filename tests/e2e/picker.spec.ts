/**
 * The municipality choice of the report form (issue 14): 342 municipalities and "weet ik niet /
 * ergens anders". Without JavaScript a plain select; with JavaScript an accessible autocomplete
 * (combobox + listbox), used here by keyboard only and checked with axe while open.
 */
import { existsSync, readFileSync } from 'node:fs';
import { axeViolations, expect, test } from './fixtures';
import { readContent } from '../../src/lib/content/read-content';

const received = () => {
  const file = process.env.E2E_RECEIVER_FILE!;
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
};

test('with the keyboard: type, arrow down, Enter chooses; Escape closes; a report about Amsterdam arrives with its CBS code', async ({ page }) => {
  await page.goto('/melden/anoniem/');
  const combobox = page.getByRole('combobox', { name: 'In welke gemeente gebeurt het?' });
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('select[name="municipality"]')).toBeHidden();
  await combobox.focus();
  await page.keyboard.type('amst');
  const listbox = page.getByRole('listbox');
  await expect(combobox).toHaveAttribute('aria-expanded', 'true');
  await expect(listbox.getByRole('option')).toHaveText(['Amstelveen', 'Amsterdam', 'Ouder-Amstel', 'Weet ik niet / ergens anders']);
  await expect(page.getByRole('status').filter({ hasText: 'gevonden' })).toHaveText('3 gemeenten gevonden.');
  expect(await axeViolations(page)).toEqual([]);

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const active = await combobox.getAttribute('aria-activedescendant');
  await expect(page.locator(`#${active}`)).toHaveText('Amsterdam');
  await expect(page.locator(`#${active}`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  // Enter chose the option; it did not send the form.
  await expect(page).toHaveURL(/\/melden\/anoniem\/$/);
  await expect(combobox).toHaveValue('Amsterdam');
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('select[name="municipality"]')).toHaveValue('amsterdam');

  // Escape closes an open list and keeps what was typed.
  await combobox.fill('');
  await page.keyboard.type('Zaan');
  await expect(listbox).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(listbox).toBeHidden();
  await expect(combobox).toHaveValue('Zaan');
  await expect(page.locator('select[name="municipality"]')).toHaveValue('');

  // Back to Amsterdam by typing the full name, then send the report.
  await combobox.fill('');
  await page.keyboard.type('Amsterdam');
  await page.keyboard.press('Tab');
  await expect(page.locator('select[name="municipality"]')).toHaveValue('amsterdam');
  const description = 'Een bestelbus haalt elke ochtend om vijf uur tien mannen op bij een pand in Amsterdam.';
  await page.getByRole('radio', { name: 'Uitbuiting in werk' }).check();
  await page.getByRole('radio', { name: 'Nee' }).check();
  await page.getByLabel('Wat zag of hoorde u?').fill(description);
  await expect(page.locator('input[name="altcha"]')).not.toHaveValue('', { timeout: 10_000 });
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw melding is ontvangen');
  await expect.poll(() => received().filter((r) => r.report.description === description).length, { timeout: 10_000 }).toBe(1);
  expect(received().find((r) => r.report.description === description).report.municipality).toEqual({ id: 'amsterdam', name: 'Amsterdam', cbsCode: 'GM0363' });
});

test('one match is announced in the singular, in the reader\'s language (issue 22: "1 gemeenten gevonden")', async ({ page }) => {
  for (const [path, said] of [
    ['/melden/anoniem/', '1 gemeente gevonden.'],
    ['/pl/melden/anoniem/', 'Znaleziono 1 gminę.'],
  ]) {
    await page.goto(path);
    await page.getByRole('combobox').pressSequentially('Woerden');
    await expect(page.getByRole('status').filter({ hasText: '1' })).toHaveText(said);
  }
});

test('"weet ik niet / ergens anders" is offered after every search, also when nothing matches', async ({ page }) => {
  await page.goto('/melden/anoniem/');
  const combobox = page.getByRole('combobox', { name: 'In welke gemeente gebeurt het?' });
  await combobox.focus();
  await page.keyboard.type('Antwerpen');
  await expect(page.getByRole('option')).toHaveText(['Weet ik niet / ergens anders']);
  await expect(page.getByRole('status').filter({ hasText: 'Geen gemeente' })).toHaveText('Geen gemeente gevonden.');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('select[name="municipality"]')).toHaveValue('onbekend');
});

test('a former name finds the municipality', async ({ page }) => {
  const withFormer = readContent('content').site.gemeenten.find((g) => g.data.formerNames.length > 0);
  test.skip(!withFormer, 'the data gives no former names yet');
  await page.goto('/melden/anoniem/');
  await page.getByRole('combobox', { name: 'In welke gemeente gebeurt het?' }).fill(withFormer!.data.formerNames[0]);
  await expect(page.getByRole('option').first()).toContainText(withFormer!.data.name);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a plain select with every municipality, "weet ik niet" first', async ({ page }) => {
    await page.goto('/melden/anoniem/?gemeente=amsterdam');
    const select = page.getByLabel('In welke gemeente gebeurt het?');
    await expect(select).toHaveValue('amsterdam');
    const options = await select.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(options).toHaveLength(1 + 1 + 342);
    expect(options.slice(0, 2)).toEqual(['', 'onbekend']);
    await select.selectOption('onbekend');
    await expect(select).toHaveValue('onbekend');
  });
});
