/**
 * The intake desk as a team uses it, with real processes: the desk (npm run desk) and the built
 * site, Chromium with a passkey authenticator that has PRF. Set up the desk, wire the site to it
 * with what the set-up shows, receive a report sent without JavaScript, open it, acknowledge, ask,
 * the reporter answers without JavaScript and sees the status, the desk reads the answer and
 * closes the case; the audit chain verifies, and nothing typed is on the desk's disk in the clear.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { translator } from '../../src/i18n/index.ts';
import { addPasskeyAuthenticator, axeViolations, deskCommand, expectAccessible, htmlErrors, startStack, type Stack } from './support.ts';

test.describe.configure({ mode: 'serial' });
const t = translator('nl');

const MARK = {
  report: 'MARKEER-melder-7c1e twaalf mannen slapen in de loods naast de kas',
  question: 'MARKEER-balie-4b90 Op welke dagen ziet u het busje?',
  answer: 'MARKEER-antwoord-e21d Op dinsdag en vrijdag, heel vroeg.',
  note: 'MARKEER-notitie-90af Lijkt op de melding van vorige maand.',
};

let stack: Stack;
let dir: string;
let deskEnv: Record<string, string>;
let staff: BrowserContext;
let deskPage: Page;
let recoveryKey: string;
let receiptCode: string;

/**
 * The PostgreSQL run proves the store's wiring (playwright.config.ts): a test whose every store
 * call another test here or in keys.spec.ts / templates.spec.ts already makes on PostgreSQL runs
 * on SQLite only.
 */
const sqliteOnly = (why: string) => test.skip(test.info().project.name !== 'sqlite', why);

/** With DESK_SCREENSHOTS=<folder> the run also saves the pages for docs/DESK.md. */
async function screenshot(page: Page, name: string) {
  const folder = process.env.DESK_SCREENSHOTS;
  if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/** The page as the browser built it (views are filled in by script), for the Nu HTML Checker at the end. */
async function keepHtml(page: Page, name: string) {
  mkdirSync(join(dir, 'html'), { recursive: true });
  writeFileSync(join(dir, 'html', `${name}.html`), await page.content());
}

async function reporterPage(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: stack.site.url });
  return context.newPage();
}

async function inboxRow(page: Page, text: string | RegExp) {
  await expect(async () => {
    await page.getByRole('button', { name: 'Lijst vernieuwen' }).click();
    await expect(page.getByRole('row').filter({ hasText: text })).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  return page.getByRole('row').filter({ hasText: text });
}

test.beforeAll(async ({ browser }) => {
  // The set-up through its page, as every spec's stack does it (support.ts); what it showed is checked here.
  stack = await startStack(browser);
  ({ dir, deskEnv, staff, page: deskPage, recoveryKey } = stack);
  await expect(deskPage.getByRole('heading', { name: /Herstelsleutel/ })).toBeVisible();
  await screenshot(deskPage, 'instellen-klaar');
  await keepHtml(deskPage, 'instellen');
  expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
  expect(Object.keys(stack.siteEnv).sort()).toEqual(['REPORT_FORWARD_SECRET', 'REPORT_FORWARD_URL', 'REPORT_INTAKE_SECRET', 'REPORT_RECIPIENTS']);
  expect(stack.siteEnv.REPORT_FORWARD_URL).toBe(`${deskEnv.DESK_URL}/api/ontvang/`);
});

test.afterAll(async () => {
  await stack?.stop();
});

test('a report goes from the reporter to the desk and back, and the case is closed', async ({ browser }) => {
  // The reporter, without JavaScript.
  const reporter = await reporterPage(browser);
  await reporter.goto('/melden/anoniem/');
  await reporter.getByLabel(t('report.field.municipality.label')).selectOption('woerden');
  await reporter.getByRole('radio', { name: t('report.exploitation.arbeidsuitbuiting') }).check();
  await reporter.getByRole('radio', { name: t('report.dangerOption.nee'), exact: true }).check();
  await reporter.getByLabel(t('report.field.description.label')).fill(MARK.report);
  await reporter.getByRole('button', { name: t('report.submit') }).click();
  receiptCode = (await reporter.locator('.reference-code').textContent())!.trim();

  // The desk: unlock with the passkey (PRF), find the report in the inbox.
  await deskPage.goto(`${deskEnv.DESK_URL}/`);
  await expect(deskPage.getByRole('heading', { level: 1 })).toHaveText('Meldingen ontgrendelen');
  await deskPage.getByRole('button', { name: 'Ontgrendelen met passkey' }).click();
  await expect(deskPage.getByRole('heading', { level: 1 })).toHaveText('Meldingen');
  const row = await inboxRow(deskPage, 'Woerden');
  await expect(row).toContainText('Ongelezen');
  await expect(row).toContainText('Nieuw');
  await expect(row).toContainText(/Ontvangst bevestigen vóór .*: nog 7 dagen/);
  await expectAccessible(deskPage);
  // Search and filters work on what this browser opened.
  await deskPage.getByLabel('Zoeken').fill('TWAALF MANNEN');
  await expect(deskPage.getByRole('row').filter({ hasText: 'Woerden' })).toHaveCount(1);
  await deskPage.getByLabel('Zoeken').fill('bestaat-niet');
  await expect(deskPage.locator('#inbox-summary')).toContainText('0 van 1 melding');
  await deskPage.getByLabel('Zoeken').fill('');
  await deskPage.getByLabel('Toon').selectOption('afgesloten');
  await expect(deskPage.getByRole('row').filter({ hasText: 'Woerden' })).toHaveCount(0);
  await deskPage.getByLabel('Toon').selectOption('open');
  await expect(deskPage.getByRole('row').filter({ hasText: 'Woerden' })).toHaveCount(1);
  await screenshot(deskPage, 'meldingen');
  await keepHtml(deskPage, 'meldingen');
  await row.getByRole('link').click();
  await expect(deskPage.getByRole('heading', { level: 1 })).toContainText('Arbeidsuitbuiting, Woerden');
  await expect(deskPage.getByText(MARK.report)).toBeVisible();
  await expectAccessible(deskPage);

  // Acknowledge, then "in behandeling", then a question sealed in this browser.
  await deskPage.getByRole('button', { name: 'Ontvangst bevestigen' }).click();
  await expect(deskPage.locator('#case-meta')).toContainText('Ontvangen');
  await expect(deskPage.getByText(/^Bevestigd op/)).toBeVisible();
  await deskPage.getByLabel('Behandelaar van deze melding').selectOption({ label: 'Beheerder meldpunt' });
  await deskPage.getByRole('button', { name: 'Toewijzen' }).click();
  await expect(deskPage.locator('#case-meta')).toContainText('BehandelaarBeheerder meldpunt');
  await deskPage.getByLabel('Nieuwe status').selectOption('in-behandeling');
  await deskPage.getByRole('button', { name: 'Status opslaan' }).click();
  await expect(deskPage.locator('#case-meta')).toContainText('In behandeling');
  await deskPage.getByLabel('Uw vraag').fill(MARK.question);
  await deskPage.getByRole('button', { name: 'Vraag versturen' }).click();
  await expect(deskPage.locator('#conversation')).toContainText(MARK.question);
  await deskPage.getByLabel('Notitie voor het team').fill(MARK.note);
  await deskPage.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expect(deskPage.locator('#notes')).toContainText(`Beheerder meldpunt, `);
  await expect(deskPage.locator('#notes')).toContainText(MARK.note);

  // The reporter comes back without JavaScript, reads status and question, answers.
  await reporter.goto('/melden/terugkomen/');
  await reporter.getByLabel(t('followUp.code.label')).fill(receiptCode);
  await reporter.getByRole('button', { name: t('followUp.open') }).click();
  await expect(reporter.locator('.report-status')).toContainText('In behandeling');
  await expect(reporter.getByText(MARK.question)).toBeVisible();
  await expect(reporter.getByText(MARK.note)).toHaveCount(0);
  await reporter.getByLabel(t('followUp.add.label')).fill(MARK.answer);
  await reporter.getByRole('button', { name: t('followUp.add.submit'), exact: true }).click();
  await expect(reporter.getByText(MARK.answer)).toBeVisible();
  await expect(reporter.locator('.report-status')).toContainText('In behandeling');

  // The desk sees the answer on top, reads it, and closes the case with a reason.
  await deskPage.getByRole('link', { name: 'Meldingen', exact: true }).click();
  const answered = await inboxRow(deskPage, 'Nieuw antwoord');
  await deskPage.getByLabel('Toon').selectOption('mijn');
  await expect(answered).toContainText('Beheerder meldpunt');
  await answered.getByRole('link').click();
  await expect(deskPage.locator('#conversation')).toContainText(MARK.answer);
  await screenshot(deskPage, 'zaak');
  await keepHtml(deskPage, 'zaak');
  await deskPage.getByLabel('Nieuwe status').selectOption('afgesloten');
  await deskPage.getByLabel('Reden van afsluiten').selectOption('politie');
  await deskPage.getByRole('button', { name: 'Status opslaan' }).click();
  await expect(deskPage.locator('#case-meta')).toContainText('Afgesloten: Doorgezet naar de politie');
  await reporter.goto('/melden/terugkomen/');
  await reporter.getByLabel(t('followUp.code.label')).fill(receiptCode);
  await reporter.getByRole('button', { name: t('followUp.open') }).click();
  await expect(reporter.locator('.report-status')).toContainText('Afgesloten op');
  await screenshot(reporter, 'melder-afgesloten');
  await reporter.context().close();

  // Export: the case as JSON, opened in this browser (report, conversation, notes, status history).
  const [caseFile] = await Promise.all([deskPage.waitForEvent('download'), deskPage.getByRole('button', { name: 'Downloaden als JSON' }).click()]);
  const exported = JSON.parse(readFileSync(await caseFile.path(), 'utf8'));
  expect(exported.melding.description).toBe(MARK.report);
  expect(exported.gesprek.map((m: { tekst: string }) => m.tekst)).toEqual([MARK.question, MARK.answer]);
  expect(exported.notities[0].tekst).toBe(MARK.note);
  expect(exported.statusgeschiedenis.map((h: { status: string }) => h.status)).toEqual(['ontvangen', 'in-behandeling', 'afgesloten']);
  expect(exported.zaak.redenAfsluiten).toBe('Doorgezet naar de politie');
  // Printed: the case without navigation and forms; the print is logged like the JSON file.
  await deskPage.getByRole('button', { name: 'Afdrukken' }).click();
  await expect(deskPage.locator('#status-line')).toHaveText('Afdrukken geopend.');
  await deskPage.emulateMedia({ media: 'print' });
  await expect(deskPage.locator('#status-form')).toBeHidden();
  await expect(deskPage.locator('#nav')).toBeHidden();
  await expect(deskPage.getByText(MARK.report)).toBeVisible();
  await screenshot(deskPage, 'zaak-afdruk');
  await deskPage.emulateMedia({ media: null });
  // Figures (beheerders): one report, so every count is suppressed, and the CSV holds no content.
  await deskPage.getByRole('link', { name: 'Cijfers' }).click();
  await expect(deskPage.getByRole('heading', { level: 1 })).toHaveText('Cijfers');
  await expect(deskPage.locator('#figures-rows')).toContainText('reden van afsluiten: Doorgezet naar de politie');
  await expectAccessible(deskPage);
  await keepHtml(deskPage, 'cijfers');
  await screenshot(deskPage, 'cijfers');
  const [csvFile] = await Promise.all([deskPage.waitForEvent('download'), deskPage.getByRole('button', { name: 'Downloaden als CSV' }).click()]);
  const csv = readFileSync(await csvFile.path(), 'utf8');
  expect(csv).toContain('"meldingen","' + new Date().toISOString().slice(0, 7) + '","Arbeidsuitbuiting","Woerden","x"');
  expect(csv).toContain('"afgesloten","","","","x"');
  expect(csv).not.toMatch(/"[1-4]"\r\n/);
  for (const mark of Object.values(MARK)) expect(csv).not.toContain(mark.slice(0, 22));

  // The audit log shows every step, and its chain verifies in the page and on the command line.
  await deskPage.getByRole('link', { name: 'Logboek' }).click();
  await expect(deskPage.locator('#audit-chain')).toContainText('klopt');
  await screenshot(deskPage, 'logboek');
  await keepHtml(deskPage, 'logboek');
  for (const action of [
    'instellen',
    'sleutel.aangemaakt',
    'aanmelden',
    'ontgrendelen.passkey',
    'zaak.geopend',
    'zaak.status',
    'zaak.vraag',
    'zaak.notitie',
    'zaak.toegewezen',
    'zaak.export',
    'cijfers.export',
  ]) {
    await expect(deskPage.locator('#audit-rows')).toContainText(action);
  }
  await expectAccessible(deskPage);
  const verified = await deskCommand('verify-audit', deskEnv);
  expect(verified.output).toContain('de keten klopt');
  expect(verified.code).toBe(0);

  // Nothing typed by the reporter or the desk is in any file or table of the desk, or in what it printed.
  const stored = stack.stored();
  expect(stored.length).toBeGreaterThan(0);
  expect(stored.some(([, bytes]) => bytes.includes('BEGIN AGE ENCRYPTED FILE'))).toBe(true);
  for (const [name, bytes] of stored) {
    for (const mark of Object.values(MARK)) expect(bytes.includes(mark.slice(0, 22)), `${mark} in ${name}`).toBe(false);
  }
  for (const mark of Object.values(MARK)) expect(stack.desk.output()).not.toContain(mark.slice(0, 22));
});

test('a beheerder invites a behandelaar, whose own passkey opens the reports once access is given, and removes them again', async ({ browser }) => {
  sqliteOnly('invitations, access, re-wrapping and removal reach PostgreSQL in keys.spec.ts');
  const heading = (page: Page) => page.getByRole('heading', { level: 1 });
  await deskPage.getByRole('link', { name: 'Team' }).click();
  await expect(heading(deskPage)).toHaveText('Team');
  await deskPage.getByLabel('Naam of functie').fill('Behandelaar zorg');
  await deskPage.getByLabel('Rol').selectOption('behandelaar');
  await deskPage.getByRole('button', { name: 'Uitnodiging maken' }).click();
  await expect(deskPage.locator('#invite-link')).toHaveText(new RegExp(`^${deskEnv.DESK_URL}/uitnodiging/#\\S+$`));
  const link = (await deskPage.locator('#invite-link').textContent())!;
  await keepHtml(deskPage, 'team');
  await expectAccessible(deskPage);

  // The colleague, in another browser with their own authenticator.
  const colleague = await browser.newContext();
  const page = await colleague.newPage();
  await addPasskeyAuthenticator(colleague, page);
  await page.goto(link);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Passkey maken' }).click();
  await expect(page.getByRole('heading', { name: 'Uw passkey is klaar' })).toBeVisible();
  await keepHtml(page, 'uitnodiging');
  const reuse = await colleague.request.post(`${deskEnv.DESK_URL}/api/uitnodiging/opties`, {
    headers: { origin: deskEnv.DESK_URL, 'content-type': 'application/json' },
    data: { token: link.split('#')[1] },
  });
  expect(reuse.status()).toBe(403);
  // Signed in, but no access to the reports until a beheerder gives it.
  await page.goto(`${deskEnv.DESK_URL}/`);
  await page.getByRole('button', { name: 'Ontgrendelen met passkey' }).click();
  await expect(page.getByRole('alert')).toContainText('nog geen toegang');
  expect((await page.request.get(`${deskEnv.DESK_URL}/api/logboek`)).status()).toBe(403);
  expect((await page.request.get(`${deskEnv.DESK_URL}/api/cijfers`)).status()).toBe(403);

  await deskPage.getByRole('link', { name: 'Meldingen', exact: true }).click();
  await deskPage.getByRole('link', { name: 'Team' }).click();
  await deskPage.getByRole('button', { name: 'Toegang geven aan Behandelaar zorg' }).click();
  await expect(deskPage.locator('#team-rows')).not.toContainText('Wacht op toegang');
  await expect(deskPage.getByRole('row').filter({ hasText: 'Behandelaar zorg' })).toContainText('Ja');
  await screenshot(deskPage, 'team');

  // Now the colleague's passkey opens the reports; the second time from the copy it re-wrapped.
  for (let round = 0; round < 2; round++) {
    await page.goto(`${deskEnv.DESK_URL}/`);
    await page.getByRole('button', { name: 'Ontgrendelen met passkey' }).click();
    await expect(heading(page)).toHaveText('Meldingen');
    await expect(page.getByRole('row').filter({ hasText: 'Woerden' })).toHaveCount(1);
  }
  await page.getByLabel('Toon').selectOption('mijn');
  await expect(page.locator('#inbox-summary')).toContainText('0 van 1 melding');
  await page.getByLabel('Toon').selectOption('alle');
  await expect(page.getByRole('link', { name: 'Logboek' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Team' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Cijfers' })).toBeHidden();
  await page.getByRole('row').filter({ hasText: 'Woerden' }).getByRole('link').click();
  await expect(page.getByText(MARK.report)).toBeVisible();
  await expect(page.locator('#notes')).toContainText(MARK.note);
  const reportId = /msg_[0-9a-f]{32}/.exec(page.url())![0];

  // The beheerder removes the colleague: their open session ends at once, and their passkey
  // (still in their authenticator) neither signs in nor gets a wrapped copy of the desk key.
  await deskPage.getByRole('link', { name: 'Team' }).click();
  deskPage.once('dialog', (dialog) => void dialog.accept());
  await deskPage.getByRole('button', { name: 'Behandelaar zorg verwijderen' }).click();
  await expect(deskPage.locator('#team-rows')).not.toContainText('Behandelaar zorg');
  for (const path of ['/api/zaken', '/api/herstel', '/api/namen', `/api/zaken/${reportId}`]) {
    const response = await page.request.get(`${deskEnv.DESK_URL}${path}`);
    expect(response.status(), path).toBe(401);
    expect(await response.text()).not.toContain('BEGIN AGE');
  }
  await page.goto(`${deskEnv.DESK_URL}/`);
  await expect(heading(page)).toHaveText('Aanmelden bij de meldbalie');
  const signIn = page.waitForResponse((response) => response.url().endsWith('/api/aanmelden'));
  await page.getByRole('button', { name: 'Aanmelden met passkey' }).click();
  const refused = await signIn;
  expect(refused.status()).toBe(401);
  expect(await refused.text()).not.toContain('wrappedIdentity');
  await expect(page.getByRole('alert')).toContainText('Aanmelden is niet gelukt');
  await expect(heading(page)).toHaveText('Aanmelden bij de meldbalie');
  await colleague.close();

  await deskPage.getByRole('link', { name: 'Logboek' }).click();
  for (const action of ['uitnodiging.gemaakt', 'uitnodiging.aanvaard', 'sleutel.gedeeld', 'lid.verwijderd'])
    await expect(deskPage.locator('#audit-rows')).toContainText(action);
  await expect(deskPage.locator('#audit-chain')).toContainText('klopt');
  // The removed colleague's earlier actions still say who did them: their name, not their id.
  const byThem = deskPage.locator('#audit-rows tr').filter({ has: deskPage.locator('td:nth-child(3)', { hasText: /^Behandelaar zorg$/ }) });
  for (const action of ['uitnodiging.aanvaard', 'aanmelden', 'zaak.geopend']) await expect(byThem.filter({ hasText: action }).first()).toBeVisible();
});

test('the recovery key unlocks when the passkey cannot, and the page forgets the key on reload', async () => {
  sqliteOnly('the browser unwraps the recovery copy; the store only reads a setting, as in every test');
  await deskPage.goto(`${deskEnv.DESK_URL}/`);
  await expect(deskPage.getByRole('heading', { level: 1 })).toHaveText('Meldingen ontgrendelen');
  await deskPage.getByLabel('Herstelsleutel').fill('0000-1111');
  await deskPage.getByRole('button', { name: 'Ontgrendelen met herstelsleutel' }).click();
  await expect(deskPage.getByRole('alert')).toContainText('niet compleet');
  await deskPage.getByLabel('Herstelsleutel').fill(recoveryKey.toLowerCase().replaceAll('-', ' '));
  await deskPage.getByRole('button', { name: 'Ontgrendelen met herstelsleutel' }).click();
  await expect(deskPage.getByRole('heading', { level: 1 })).toHaveText('Meldingen');
  await expect(deskPage.getByRole('row').filter({ hasText: 'Woerden' })).toContainText('Afgesloten');
  for (const width of [390, 1280]) {
    await deskPage.setViewportSize({ width, height: 900 });
    await deskPage.goto(`${deskEnv.DESK_URL}/`);
    await expect(deskPage.getByRole('heading', { level: 1 })).toHaveText('Meldingen ontgrendelen');
    expect(await axeViolations(deskPage)).toEqual([]);
    await keepHtml(deskPage, 'ontgrendelen');
  }
  // Nothing of the key in the browser's storage.
  expect(await deskPage.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
});

test('the keyboard alone unlocks, opens a case and writes a note', async () => {
  sqliteOnly('the keyboard works the same with either store (keyboard.spec.ts); notes reach PostgreSQL in the first test');
  await deskPage.goto(`${deskEnv.DESK_URL}/`);
  await expect(deskPage.getByRole('heading', { level: 1 })).toHaveText('Meldingen ontgrendelen');
  await deskPage.keyboard.press('Tab');
  await expect(deskPage.getByRole('link', { name: 'Naar de inhoud' })).toBeFocused();
  await deskPage.getByLabel('Herstelsleutel').focus();
  await deskPage.keyboard.type(recoveryKey);
  await deskPage.keyboard.press('Enter');
  await expect(deskPage.getByRole('heading', { level: 1 })).toHaveText('Meldingen');
  // The heading of each view takes the focus, so a screen reader announces where it is.
  await expect(deskPage.getByRole('heading', { level: 1 })).toBeFocused();
  await deskPage.getByRole('row').filter({ hasText: 'Woerden' }).getByRole('link').focus();
  await deskPage.keyboard.press('Enter');
  await expect(deskPage.getByRole('heading', { level: 1 })).toContainText('Woerden');
  await deskPage.getByLabel('Notitie voor het team').focus();
  await deskPage.keyboard.type('Met het toetsenbord geschreven.');
  await deskPage.keyboard.press('Tab');
  await expect(deskPage.getByRole('button', { name: 'Notitie opslaan' })).toBeFocused();
  await deskPage.keyboard.press('Enter');
  await expect(deskPage.locator('#notes')).toContainText('Met het toetsenbord geschreven.');
});

test('a member whose browser has no PRF signs in with the passkey and unlocks with the recovery key', async ({ browser }) => {
  await deskPage.goto(`${deskEnv.DESK_URL}/`);
  await deskPage.getByLabel('Herstelsleutel').fill(recoveryKey);
  await deskPage.getByRole('button', { name: 'Ontgrendelen met herstelsleutel' }).click();
  await deskPage.getByRole('link', { name: 'Team' }).click();
  await deskPage.getByLabel('Naam of functie').fill('Behandelaar zonder PRF');
  await deskPage.getByRole('button', { name: 'Uitnodiging maken' }).click();
  await expect(deskPage.locator('#invite-link')).toHaveText(/uitnodiging\/#/);
  const link = (await deskPage.locator('#invite-link').textContent())!;

  const colleague = await browser.newContext();
  const page = await colleague.newPage();
  await addPasskeyAuthenticator(colleague, page, { prf: false });
  await page.goto(link);
  await page.getByRole('button', { name: 'Passkey maken' }).click();
  await expect(page.getByRole('alert')).toContainText('geen PRF');
  await page.goto(`${deskEnv.DESK_URL}/`);
  await page.getByRole('button', { name: 'Ontgrendelen met passkey' }).click();
  await expect(page.getByRole('alert')).toContainText('Ontgrendel met de herstelsleutel');
  await page.getByLabel('Herstelsleutel').fill(recoveryKey);
  await page.getByRole('button', { name: 'Ontgrendelen met herstelsleutel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meldingen');
  await page.getByRole('row').filter({ hasText: 'Woerden' }).getByRole('link').click();
  await expect(page.getByText(MARK.report)).toBeVisible();
  // Sign out everywhere ends the session on the server, not only this cookie.
  const before = (await colleague.cookies()).find((c) => c.name === 'meldbalie_sessie')!.value;
  await page.getByRole('button', { name: 'Overal afmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden bij de meldbalie');
  const old = await fetch(`${deskEnv.DESK_URL.replace('localhost', '127.0.0.1')}/api/zaken`, { headers: { cookie: `meldbalie_sessie=${before}` } });
  expect(old.status).toBe(401);
  await colleague.close();
});

test('without a session every route gets the sign-in page or 401, and cross-site changes are refused', async ({ browser }) => {
  sqliteOnly('sessions, origin and CSRF checks are the HTTP layer; the store only looks up a session, as in every test');
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  await page.goto(`${deskEnv.DESK_URL}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden bij de meldbalie');
  await keepHtml(page, 'aanmelden');
  await expectAccessible(page);
  await page.goto(`${deskEnv.DESK_URL}/instellen/`);
  for (const path of ['/api/zaken', '/api/logboek', '/api/herstel', '/api/zaken/msg_00000000000000000000000000000000']) {
    const response = await page.request.get(`${deskEnv.DESK_URL}${path}`);
    expect(response.status(), path).toBe(401);
    expect(await response.text()).not.toContain('BEGIN AGE');
  }
  // A used set-up link cannot make a second beheerder.
  const again = await page.request.post(`${deskEnv.DESK_URL}/api/instellen/opties`, {
    headers: { origin: deskEnv.DESK_URL, 'content-type': 'application/json' },
    data: { token: 'x' },
  });
  expect(again.status()).toBe(403);
  // Even with the staff's session cookie, another origin changes nothing.
  const cookies = await staff.cookies();
  const session = cookies.find((c) => c.name === 'meldbalie_sessie')!;
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
  const forged = await fetch(`${deskEnv.DESK_URL.replace('localhost', '127.0.0.1')}/api/afmelden`, {
    method: 'POST',
    headers: { origin: 'https://aanvaller.example', 'content-type': 'application/json', cookie: `meldbalie_sessie=${session.value}` },
    body: '{}',
  });
  expect(forged.status).toBe(403);
  const noToken = await fetch(`${deskEnv.DESK_URL.replace('localhost', '127.0.0.1')}/api/zaken/msg_00000000000000000000000000000000/status`, {
    method: 'POST',
    headers: { origin: deskEnv.DESK_URL, 'content-type': 'application/json', cookie: `meldbalie_sessie=${session.value}` },
    body: JSON.stringify({ status: 'afgesloten' }),
  });
  expect(noToken.status).toBe(403);
  await stranger.close();
});

test('every desk page, as the browser built it, is valid HTML (Nu HTML Checker)', () => {
  sqliteOnly('the same pages as in the SQLite run');
  expect(readdirSync(join(dir, 'html')).sort()).toEqual([
    'aanmelden.html',
    'cijfers.html',
    'instellen.html',
    'logboek.html',
    'meldingen.html',
    'ontgrendelen.html',
    'team.html',
    'uitnodiging.html',
    'zaak.html',
  ]);
  expect(htmlErrors(join(dir, 'html'))).toEqual([]);
});
