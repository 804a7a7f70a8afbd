/**
 * Every desk action with the keyboard alone (WCAG 2.1.1), with real processes: the desk, the
 * built site and Chromium with a PRF passkey. Only Tab, Shift+Tab, Enter, Space, arrow keys and
 * typing; no clicks, fills or focus() calls, so every control must be reachable in the tab order.
 * After each action the focus must be visible and land where the result shows (the view's
 * heading, the new message, the case's facts, the invitation link), never on the page's body.
 */
import { readFileSync } from 'node:fs';
import { test, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { addPasskeyAuthenticator, sendReport, startStack, type Stack } from './support.ts';

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let page: Page;
let deskUrl: string;
const heading = (p: Page = page) => p.getByRole('heading', { level: 1 });

/** The focus is on the target and shows: an outline or a shadow drawn around it. */
async function expectFocusShown(target: Locator) {
  await expect(target).toBeFocused();
  const shown = await target.evaluate((element) => {
    const style = getComputedStyle(element);
    return (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  });
  expect(shown, `focus ring on ${target}`).toBe(true);
}

/** Presses Tab (or Shift+Tab) until the target has the focus; fails when the tab order never reaches it. */
async function tabTo(target: Locator, { back = false, p = page, max = 60 } = {}) {
  await target.waitFor({ timeout: 10_000 });
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return expectFocusShown(target);
    await p.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${target} is met ${back ? 'Shift+Tab' : 'Tab'} niet te bereiken`);
}

/** Arrow keys on a focused select (Chromium changes a closed select's value with them) until the option is chosen. */
async function choose(select: Locator, label: string) {
  await expect(select).toBeFocused();
  const labels = await select.locator('option').allTextContents();
  const from = labels.indexOf(await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text ?? ''));
  const to = labels.indexOf(label);
  expect(to, `${label} in ${labels.join(', ')}`).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < Math.abs(to - from); i++) await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  await expect(select.locator('option:checked')).toHaveText(label);
}

/** A nav link, reached backwards from the view's heading (the navigation is above the content). */
async function goTo(name: string) {
  await tabTo(page.getByRole('link', { name, exact: true }), { back: true });
  await page.keyboard.press('Enter');
  await expectFocusShown(heading());
}

test.beforeAll(async ({ browser }) => {
  stack = await startStack(browser);
  page = stack.page;
  deskUrl = stack.deskEnv.DESK_URL;
  await sendReport(browser, stack.site.url, 'Er slapen mensen in de loods achter de kas.');
});

test.afterAll(async () => {
  await stack?.stop();
});

test('unlock with the passkey, then with the recovery key, and the skip link', async () => {
  await page.goto(`${deskUrl}/`);
  await expect(heading()).toHaveText('Meldingen ontgrendelen');
  await page.keyboard.press('Tab');
  await expectFocusShown(page.getByRole('link', { name: 'Naar de inhoud' }));
  await tabTo(page.getByRole('button', { name: 'Ontgrendelen met passkey' }));
  await page.keyboard.press('Enter');
  await expect(heading()).toHaveText('Meldingen');
  await expectFocusShown(heading());

  await page.reload();
  await expect(heading()).toHaveText('Meldingen ontgrendelen');
  await tabTo(page.getByLabel('Herstelsleutel'));
  await page.keyboard.type(stack.recoveryKey);
  await page.keyboard.press('Enter');
  await expect(heading()).toHaveText('Meldingen');
  await expectFocusShown(heading());
});

test('search, filter and open a case from the inbox', async () => {
  await expect(async () => {
    await tabTo(page.getByRole('button', { name: 'Lijst vernieuwen' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('row').filter({ hasText: 'Woerden' })).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await tabTo(page.getByLabel('Zoeken'));
  await page.keyboard.type('bestaat-niet');
  await expect(page.locator('#inbox-summary')).toContainText('0 van 1 melding');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('LOODS');
  await expect(page.locator('#inbox-summary')).toContainText('1 melding');
  await page.keyboard.press('Tab');
  const show = page.getByLabel('Toon');
  await choose(show, 'Afgesloten');
  await expect(page.locator('#inbox-summary')).toContainText('0 van 1 melding');
  await choose(show, 'Open meldingen');
  await expect(page.locator('#inbox-summary')).toContainText('1 melding');

  await tabTo(page.getByRole('row').filter({ hasText: 'Woerden' }).getByRole('link'));
  await page.keyboard.press('Enter');
  await expect(heading()).toContainText('Arbeidsuitbuiting, Woerden');
  await expectFocusShown(heading());
  // The skip link moves into the case; it does not leave it for the inbox.
  await tabTo(page.getByRole('link', { name: 'Naar de inhoud' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.locator('#inhoud')).toBeFocused();
  await page.keyboard.press('Tab');
  await expectFocusShown(page.getByRole('link', { name: 'Terug naar de meldingen' }));
  await expect(heading()).toContainText('Woerden');
});

test('assign, acknowledge, ask with a template, write a note, change the status and close with a reason', async () => {
  const facts = page.locator('#case-meta');
  await tabTo(page.getByLabel('Behandelaar van deze melding'));
  await choose(page.getByLabel('Behandelaar van deze melding'), 'Beheerder meldpunt');
  await page.keyboard.press('Tab');
  await expectFocusShown(page.getByRole('button', { name: 'Toewijzen' }));
  await page.keyboard.press('Enter');
  await expect(facts).toContainText('BehandelaarBeheerder meldpunt');
  await expectFocusShown(facts);

  await tabTo(page.getByRole('button', { name: 'Ontvangst bevestigen' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#ack-text')).toContainText('Bevestigd op');
  await expectFocusShown(page.locator('#ack-text'));

  // A template fills the box (focus goes there to read and change it); Enter on the button sends.
  await tabTo(page.getByLabel('Standaardtekst', { exact: true }));
  await expect(page.locator('#template-select-hint')).toContainText('Nederlands');
  await choose(page.getByLabel('Standaardtekst', { exact: true }), 'Vragen naar plaats en tijd (Nederlands)');
  await page.keyboard.press('Tab');
  await expectFocusShown(page.getByRole('button', { name: 'Tekst invullen' }));
  await page.keyboard.press('Enter');
  const box = page.getByLabel('Uw vraag');
  await expectFocusShown(box);
  await expect(box).toHaveValue(/^Dank u voor uw melding\. Wij willen graag iets meer weten\./);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Met het toetsenbord aangevuld.');
  await page.keyboard.press('Tab');
  await expectFocusShown(page.getByRole('button', { name: 'Vraag versturen' }));
  await page.keyboard.press('Enter');
  const asked = page.locator('#conversation li.from-desk').last();
  await expect(asked).toContainText('Met het toetsenbord aangevuld.');
  await expectFocusShown(asked);

  await tabTo(page.getByLabel('Notitie voor het team'), { back: true });
  await page.keyboard.type('Met het toetsenbord geschreven.');
  await page.keyboard.press('Tab');
  await expectFocusShown(page.getByRole('button', { name: 'Notitie opslaan' }));
  await page.keyboard.press('Enter');
  const note = page.locator('#notes li').last();
  await expect(note).toContainText('Met het toetsenbord geschreven.');
  await expectFocusShown(note);

  const status = page.getByLabel('Nieuwe status');
  await tabTo(status);
  await choose(status, 'In behandeling');
  await tabTo(page.getByRole('button', { name: 'Status opslaan' }));
  await page.keyboard.press('Space');
  await expect(facts).toContainText('StatusIn behandeling');
  await expectFocusShown(facts);

  await tabTo(status);
  await choose(status, 'Afgesloten');
  await page.keyboard.press('Tab');
  await choose(page.getByLabel('Reden van afsluiten'), 'Doorgezet naar de politie');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(facts).toContainText('Afgesloten: Doorgezet naar de politie');
  await expectFocusShown(facts);
});

test('export the case as JSON and print it', async () => {
  await tabTo(page.getByRole('button', { name: 'Downloaden als JSON' }), { back: true });
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(JSON.parse(readFileSync(await file.path(), 'utf8')).zaak.status).toBe('afgesloten');
  await expectFocusShown(page.getByRole('button', { name: 'Downloaden als JSON' }));
  await page.keyboard.press('Shift+Tab');
  await expectFocusShown(page.getByRole('button', { name: 'Afdrukken' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#status-line')).toHaveText('Afdrukken geopend.');
  await expectFocusShown(page.getByRole('button', { name: 'Afdrukken' }));
});

test('figures and their CSV, and the audit log', async () => {
  await goTo('Cijfers');
  await expect(heading()).toHaveText('Cijfers');
  await tabTo(page.getByRole('button', { name: 'Downloaden als CSV' }));
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(readFileSync(await file.path(), 'utf8')).toContain('"afgesloten","","","","x"');
  await goTo('Logboek');
  await expect(page.locator('#audit-chain')).toContainText('klopt');
  for (const action of ['zaak.toegewezen', 'zaak.vraag', 'zaak.notitie', 'zaak.status', 'zaak.export', 'cijfers.export'])
    await expect(page.locator('#audit-rows')).toContainText(action);
  // The log's table scrolls sideways on a phone: its region takes the focus, so arrow keys scroll it.
  await tabTo(page.getByRole('region', { name: 'Logboek (tabel)' }));
});

test('add, change and remove a template', async () => {
  await goTo('Standaardteksten');
  await tabTo(page.getByLabel('Titel'));
  await page.keyboard.type('Toetsenbord');
  await page.keyboard.press('Tab');
  await choose(page.getByLabel('Taal van de tekst'), 'Engels');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Thank you. We received your report of {ontvangen}.');
  await page.keyboard.press('Tab');
  await expectFocusShown(page.getByRole('button', { name: 'Standaardtekst opslaan' }));
  await page.keyboard.press('Enter');
  await expectFocusShown(page.getByRole('heading', { name: 'Toetsenbord (Engels)' }));

  await tabTo(page.getByRole('button', { name: 'Toetsenbord (Engels) bewerken' }));
  await page.keyboard.press('Enter');
  await expectFocusShown(page.getByLabel('Titel'));
  await page.keyboard.press('End');
  await page.keyboard.type(' 2');
  await tabTo(page.getByRole('button', { name: 'Standaardtekst opslaan' }));
  await page.keyboard.press('Enter');
  await expectFocusShown(page.getByRole('heading', { name: 'Toetsenbord 2 (Engels)' }));

  // Editing can be left without saving.
  await tabTo(page.getByRole('button', { name: 'Toetsenbord 2 (Engels) bewerken' }));
  await page.keyboard.press('Enter');
  await tabTo(page.getByRole('button', { name: 'Annuleren' }));
  await page.keyboard.press('Enter');
  await expectFocusShown(page.getByRole('heading', { name: 'Teksten van het team' }));

  await tabTo(page.getByRole('button', { name: 'Toetsenbord 2 (Engels) verwijderen' }));
  page.once('dialog', (dialog) => void dialog.accept());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Toetsenbord 2 (Engels)' })).toHaveCount(0);
  await expectFocusShown(page.getByRole('heading', { name: 'Teksten van het team' }));
});

test('invite a member, give them access and remove them', async ({ browser }) => {
  await goTo('Team');
  await tabTo(page.getByLabel('Naam of functie'));
  await page.keyboard.type('Collega toetsenbord');
  await page.keyboard.press('Tab');
  await choose(page.getByLabel('Rol'), 'Behandelaar');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const link = page.locator('#invite-link');
  await expect(link).toHaveText(/\/uitnodiging\/#\S+$/);
  await expectFocusShown(link);

  // The colleague accepts with the keyboard too (which signs them in) and tries to unlock, so their passkey waits for access.
  const colleague: BrowserContext = await browser.newContext();
  const other = await colleague.newPage();
  await addPasskeyAuthenticator(colleague, other);
  await other.goto((await link.textContent())!);
  await tabTo(other.getByRole('button', { name: 'Passkey maken' }), { p: other });
  await other.keyboard.press('Enter');
  await expectFocusShown(other.getByRole('heading', { name: 'Uw passkey is klaar' }));
  await other.goto(`${deskUrl}/`);
  await tabTo(other.getByRole('button', { name: 'Ontgrendelen met passkey' }), { p: other });
  await other.keyboard.press('Enter');
  await expect(other.getByRole('alert')).toContainText('nog geen toegang');

  await goTo('Meldingen');
  await goTo('Team');
  await tabTo(page.getByRole('button', { name: 'Toegang geven aan Collega toetsenbord' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row').filter({ hasText: 'Collega toetsenbord' })).toContainText('Ja');
  await expectFocusShown(page.getByRole('region', { name: 'Team (tabel)' }));

  await tabTo(page.getByRole('button', { name: 'Collega toetsenbord verwijderen' }));
  page.once('dialog', (dialog) => void dialog.accept());
  await page.keyboard.press('Enter');
  await expect(page.locator('#team-rows')).not.toContainText('Collega toetsenbord');
  // Removing offers the next step: renewing the desk key, done with the keyboard too.
  await expectFocusShown(page.getByRole('heading', { name: 'Sleutel vernieuwen' }));
  await tabTo(page.getByRole('button', { name: 'Sleutel vernieuwen' }));
  page.once('dialog', (dialog) => void dialog.accept());
  await page.keyboard.press('Enter');
  await expect(page.locator('#rotation-recovery-key')).not.toBeEmpty();
  await expectFocusShown(page.locator('#rotation-done-title'));
  await colleague.close();
});

test('add a passkey and remove the first, on the page Mijn passkeys', async () => {
  // The new passkey is on another device: the first authenticator is taken away, so what signs in
  // from here on (the next test too) is the new passkey.
  await stack.passkey.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: stack.passkey.authenticatorId });
  await addPasskeyAuthenticator(stack.staff, page);
  await goTo('Mijn passkeys');
  await tabTo(page.getByLabel('Naam van de nieuwe passkey'));
  await page.keyboard.type('Sleutel aan de bos');
  await tabTo(page.getByRole('button', { name: 'Passkey toevoegen' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row').filter({ hasText: 'Sleutel aan de bos' })).toContainText('Ja');
  await expectFocusShown(page.getByRole('region', { name: 'Mijn passkeys (tabel)' }));

  await tabTo(page.getByRole('button', { name: 'Eerste passkey verwijderen' }), { back: true });
  page.once('dialog', (dialog) => void dialog.accept());
  await page.keyboard.press('Enter');
  await expect(page.locator('#passkey-rows tr')).toHaveCount(1);
  await expect(page.locator('#passkey-rows')).toContainText('Uw enige passkey');
  await expectFocusShown(page.getByRole('region', { name: 'Mijn passkeys (tabel)' }));
});

test('sign out, sign in with the passkey, and sign out everywhere', async () => {
  await tabTo(page.getByRole('button', { name: 'Afmelden', exact: true }), { back: true });
  await page.keyboard.press('Enter');
  await expect(heading()).toHaveText('Aanmelden bij de meldbalie');
  await expectFocusShown(heading());

  await tabTo(page.getByRole('button', { name: 'Aanmelden met passkey' }));
  await page.keyboard.press('Space');
  await expect(heading()).toHaveText('Meldingen');
  await expectFocusShown(heading());

  await tabTo(page.getByRole('button', { name: 'Overal afmelden' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(heading()).toHaveText('Aanmelden bij de meldbalie');
  await expectFocusShown(heading());
  expect((await page.request.get(`${deskUrl}/api/zaken`)).status()).toBe(401);
});
