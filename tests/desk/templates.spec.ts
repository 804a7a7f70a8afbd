/**
 * Reply templates with real processes (the desk, the built site, Chromium with a PRF passkey): a
 * beheerder adds and changes a template under Standaardteksten, a case's question form fills it
 * in (nothing is sent until "Vraag versturen"), the reporter reads it without JavaScript, and the
 * template's words are in no file, table, log or request of the desk in the clear.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { deskCommand, expectAccessible, htmlErrors, reporterView, sendReport, startStack, type Stack } from './support.ts';

test.describe.configure({ mode: 'serial' });

const MARK = {
  template: 'MARKEER-sjabloon-3f7a Rijdt het busje ook in het weekend?',
  changed: 'MARKEER-gewijzigd-81c2 Wij horen graag meer.',
  title: 'MARKEER-titel-c09e Busje',
};

let stack: Stack;
let page: Page;
let receiptCode: string;
/** Every request body the desk's page sent to the desk server. */
const posted: string[] = [];
const heading = () => page.getByRole('heading', { level: 1 });

test.beforeAll(async ({ browser }) => {
  stack = await startStack(browser);
  page = stack.page;
  page.on('request', (request) => {
    if (request.url().startsWith(stack.deskEnv.DESK_URL)) posted.push(request.postData() ?? '');
  });
  receiptCode = await sendReport(browser, stack.site.url, 'Er slapen mensen in de loods.');
  await page.goto(`${stack.deskEnv.DESK_URL}/`);
  await page.getByRole('button', { name: 'Ontgrendelen met passkey' }).click();
  await expect(heading()).toHaveText('Meldingen');
});

test.afterAll(async () => {
  await stack?.stop();
});

test("a beheerder adds, changes and removes the team's templates, which start with the defaults", async () => {
  await page.getByRole('link', { name: 'Standaardteksten' }).click();
  await expect(heading()).toHaveText('Standaardteksten');
  const list = page.locator('#templates-list');
  await expect(list.getByRole('heading', { name: 'Ontvangst bevestigen (Nederlands)' })).toBeVisible();
  await expect(list.getByRole('heading', { name: 'Melding afsluiten (Engels)' })).toBeVisible();
  if (process.env.DESK_SCREENSHOTS) await page.screenshot({ path: join(process.env.DESK_SCREENSHOTS, 'standaardteksten.png'), fullPage: true });

  await page.getByLabel('Titel').fill(MARK.title);
  await page.getByLabel('Tekst aan de melder').fill(`${MARK.template} U meldde dit op {ontvangen}.`);
  await page.getByRole('button', { name: 'Standaardtekst opslaan' }).click();
  const added = list.getByRole('heading', { name: `${MARK.title} (Nederlands)` });
  await expect(added).toBeFocused();
  await expect(list).toContainText(MARK.template);

  // Change it: the form takes its text; saving replaces it.
  await page.getByRole('button', { name: `${MARK.title} (Nederlands) bewerken` }).click();
  await expect(page.getByLabel('Titel')).toBeFocused();
  await expect(page.getByLabel('Tekst aan de melder')).toHaveValue(`${MARK.template} U meldde dit op {ontvangen}.`);
  await page.getByLabel('Tekst aan de melder').fill(`${MARK.template} ${MARK.changed} U meldde dit op {ontvangen}.`);
  await page.getByRole('button', { name: 'Standaardtekst opslaan' }).click();
  await expect(list).toContainText(MARK.changed);
  await expect(list.getByRole('heading', { name: `${MARK.title} (Nederlands)` })).toHaveCount(1);

  await expectAccessible(page);
  if (test.info().project.name === 'sqlite') {
    // The page as the browser built it, for the Nu HTML Checker (Java; the same page with either store).
    const folder = join(stack.dir, 'html');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'standaardteksten.html'), await page.content());
    expect(htmlErrors(folder)).toEqual([]);
  }

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Melding afsluiten (Engels) verwijderen' }).click();
  await expect(list.getByRole('heading', { name: 'Melding afsluiten (Engels)' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Teksten van het team' })).toBeFocused();
  // Kept after a reload: what the browser sealed is what the server stored.
  await page.reload();
  await page.getByRole('button', { name: 'Ontgrendelen met passkey' }).click();
  await page.getByRole('link', { name: 'Standaardteksten' }).click();
  await expect(list).toContainText(MARK.changed);
  await expect(list.getByRole('heading', { name: 'Melding afsluiten (Engels)' })).toHaveCount(0);
});

test('a template fills the question, which is sent only when chosen, and the reporter reads it without JavaScript', async ({ browser }) => {
  await page.getByRole('link', { name: 'Meldingen', exact: true }).click();
  await expect(async () => {
    await page.getByRole('button', { name: 'Lijst vernieuwen' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Woerden' })).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole('row').filter({ hasText: 'Woerden' }).getByRole('link').click();
  await expect(heading()).toContainText('Woerden');
  const received = (await page.locator('#case-meta dt:text-is("Ontvangen") + dd').textContent())!;

  // The report's language is next to the choice, and its templates come first.
  await expect(page.locator('#template-select-hint')).toContainText('De melder schreef in het Nederlands.');
  await page.getByLabel('Standaardtekst', { exact: true }).selectOption({ label: `${MARK.title} (Nederlands)` });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.getByRole('button', { name: 'Tekst invullen' }).click();
  const box = page.getByLabel('Uw vraag');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue(`${MARK.template} ${MARK.changed} U meldde dit op ${received}.`);
  // Filling in happens in the page alone: not a single request, so nothing went to the reporter.
  expect(requests).toEqual([]);
  await expect(page.locator('#conversation-empty')).toBeVisible();

  // Staff change it before sending; a second template asks before it replaces their text.
  await box.press('Control+End');
  await page.keyboard.type(' Alvast bedankt.');
  await page.getByLabel('Standaardtekst', { exact: true }).selectOption({ label: 'Ontvangst bevestigen (Nederlands)' });
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('button', { name: 'Tekst invullen' }).click();
  const question = `${MARK.template} ${MARK.changed} U meldde dit op ${received}. Alvast bedankt.`;
  await expect(box).toHaveValue(question);
  await page.getByRole('button', { name: 'Vraag versturen' }).click();
  await expect(page.locator('#conversation')).toContainText(question);
  await expect(page.locator('#conversation li.from-desk').last()).toBeFocused();
  await expectAccessible(page);

  const reporter = await reporterView(browser, stack.site.url, receiptCode);
  await expect(reporter.page.getByText(question)).toBeVisible();
  await reporter.close();
});

test('the audit log names template changes without their words, and no file, table, log or request of the desk holds them', async () => {
  await page.getByRole('link', { name: 'Logboek' }).click();
  await expect(page.locator('#audit-chain')).toContainText('klopt');
  const rows = page.locator('#audit-rows');
  for (const action of ['sjabloon.standaard', 'sjabloon.toegevoegd', 'sjabloon.gewijzigd', 'sjabloon.verwijderd', 'zaak.vraag'])
    await expect(rows).toContainText(action);
  for (const mark of Object.values(MARK)) await expect(rows).not.toContainText(mark.slice(0, 22));
  const verified = await deskCommand('verify-audit', stack.deskEnv);
  expect(verified.code).toBe(0);

  const stored = stack.stored();
  expect(stored.some(([, bytes]) => bytes.includes('BEGIN AGE ENCRYPTED FILE'))).toBe(true);
  for (const [name, bytes] of stored) for (const mark of Object.values(MARK)) expect(bytes.includes(mark.slice(0, 22)), `${mark} in ${name}`).toBe(false);
  for (const mark of Object.values(MARK)) expect(stack.desk.output()).not.toContain(mark.slice(0, 22));
  // Nor did the desk server ever receive them: the browser sent the templates and the question sealed.
  expect(posted.some((body) => body.includes('BEGIN AGE ENCRYPTED FILE'))).toBe(true);
  for (const mark of Object.values(MARK)) expect(posted.filter((body) => body.includes(mark.slice(0, 22)))).toEqual([]);
});
