/**
 * The desk's keys with real processes (the desk, the built site, Chromium with passkey
 * authenticators that have PRF): after a member is removed, a beheerder rotates the desk key; the
 * site is switched to the new recipient (and new webhook secrets); a new report then opens for
 * the remaining members and with the new recovery key, not with the key the removed member could
 * have copied, while the old report still opens. And a member adds a second passkey that signs
 * in and unlocks, removes the first, and cannot remove the last.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decrypter, armor } from 'age-encryption';
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { submitReport, SAMPLE_REPORT } from '../support/processes.ts';
import { parseRecoveryKey, recoveryKey as recoveryWrappingKey, unwrap } from '../../src/desk/scripts/crypto.ts';
import { addPasskeyAuthenticator, envLines, expectAccessible, htmlErrors, startStack, type Stack } from './support.ts';

test.describe.configure({ mode: 'serial' });

const MARK = {
  old: 'SLEUTELTEST-oud-5d1a busje bij de kas, vroeg in de ochtend',
  new: 'SLEUTELTEST-nieuw-8e3c na de rotatie gemeld, bij het station',
};

let stack: Stack;
let deskEnv: Record<string, string>;
let staff: BrowserContext;
let deskPage: Page;
let firstRecovery: string;
let firstSite: Record<string, string>;
const colleagues: { context: BrowserContext; page: Page; authenticatorId: string; cdp: Awaited<ReturnType<typeof addPasskeyAuthenticator>>['cdp'] }[] = [];

/** The pages as the browser built them, for the Nu HTML Checker at the end. */
async function keepHtml(page: Page, name: string) {
  mkdirSync(join(stack.dir, 'html'), { recursive: true });
  writeFileSync(join(stack.dir, 'html', `${name}.html`), await page.content());
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function unlockWithPasskey(page: Page) {
  await page.goto(`${deskEnv.DESK_URL}/`);
  await page.getByRole('button', { name: /^(Ontgrendelen|Aanmelden) met passkey$/ }).click();
  // Either the inbox or a message why not (shown in the failure).
  await expect(page.locator('#inbox-title:visible, #notice:visible').first()).toBeVisible({ timeout: 15_000 });
  expect(await page.locator('#notice-text').textContent()).toBe('');
  await expect(heading(page)).toHaveText('Meldingen');
}

async function inboxRow(page: Page, text: string) {
  await expect(async () => {
    await page.getByRole('button', { name: 'Lijst vernieuwen' }).click();
    await expect(page.getByRole('row').filter({ hasText: text })).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  return page.getByRole('row').filter({ hasText: text });
}

async function openTeam() {
  await deskPage.getByRole('link', { name: 'Meldingen', exact: true }).click();
  await deskPage.getByRole('link', { name: 'Team' }).click();
  await expect(heading(deskPage)).toHaveText('Team');
}

/**
 * Invites a behandelaar, who makes a passkey in a browser of their own and gets access. Sign-ins
 * are counted (20 calls, 10 sign-ins, per address in 15 minutes, and every browser here is
 * 127.0.0.1), so this file signs in no more often than it must.
 */
async function invite(browser: Browser, name: string) {
  await openTeam();
  const previous = (await deskPage.locator('#invite-link').textContent()) ?? '';
  await deskPage.getByLabel('Naam of functie').fill(name);
  await deskPage.getByRole('button', { name: 'Uitnodiging maken' }).click();
  // The link of an earlier invitation stays until the new one replaces it.
  await expect(deskPage.locator('#invite-link')).not.toHaveText(previous);
  await expect(deskPage.locator('#invite-link')).toHaveText(/uitnodiging\/#/);
  const link = (await deskPage.locator('#invite-link').textContent())!;
  const context = await browser.newContext();
  const page = await context.newPage();
  const { cdp, authenticatorId } = await addPasskeyAuthenticator(context, page);
  await page.goto(link);
  await page.getByRole('button', { name: 'Passkey maken' }).click();
  await expect(page.getByRole('heading', { name: 'Uw passkey is klaar' })).toBeVisible();
  await openTeam();
  await deskPage.getByRole('button', { name: `Toegang geven aan ${name}` }).click();
  await expect(deskPage.getByRole('row').filter({ hasText: name })).toContainText('Ja');
  const colleague = { context, page, cdp, authenticatorId };
  colleagues.push(colleague);
  return colleague;
}

/** Every report's sealed body, by report id, as a signed-in member's browser gets it. */
async function sealedReports(page: Page): Promise<Record<string, string>> {
  const { cases } = (await (await page.request.get(`${deskEnv.DESK_URL}/api/zaken`)).json()) as { cases: { reportId: string; sealed: string }[] };
  return Object.fromEntries(cases.map((c) => [c.reportId, c.sealed]));
}

async function openWith(keyring: string, sealed: string): Promise<string | undefined> {
  const decrypter = new Decrypter();
  for (const key of keyring.split('\n')) decrypter.addIdentity(key);
  return decrypter.decrypt(armor.decode(sealed), 'text').catch(() => undefined);
}

/** What the recovery key opens of the stored recovery copy: the keyring, as someone who kept both could read it. */
async function keyringFromRecovery(page: Page, recovery: string) {
  const { wrappedRecovery } = (await (await page.request.get(`${deskEnv.DESK_URL}/api/herstel`)).json()) as { wrappedRecovery: string };
  return unwrap(await recoveryWrappingKey(parseRecoveryKey(recovery)!), wrappedRecovery);
}

/** A change through the API as the page would send it (same origin, JSON, the session's CSRF token). */
async function post(page: Page, path: string, data: unknown) {
  const { csrf } = (await (await page.request.get(`${deskEnv.DESK_URL}/api/sessie`)).json()) as { csrf: string };
  return page.request.post(`${deskEnv.DESK_URL}${path}`, {
    headers: { origin: deskEnv.DESK_URL, 'content-type': 'application/json', 'x-csrf-token': csrf },
    data,
  });
}

async function sendReport(municipality: string, description: string) {
  const response = await submitReport(stack.site.url, { ...SAMPLE_REPORT, municipality, description });
  expect(response.status).toBe(303);
}

test.beforeAll(async ({ browser }) => {
  stack = await startStack(browser);
  ({ deskEnv, staff, page: deskPage, recoveryKey: firstRecovery, siteEnv: firstSite } = stack);
});

test.afterAll(async () => {
  for (const colleague of colleagues) await colleague.context.close();
  await stack?.stop();
});

test('after a member is removed, a rotated key opens new reports for the team and the recovery key, not for what the removed member kept', async ({
  browser,
}) => {
  await sendReport('woerden', MARK.old);
  await unlockWithPasskey(deskPage);
  await inboxRow(deskPage, 'Woerden');
  const leaving = await invite(browser, 'Vertrokken behandelaar');
  const staying = await invite(browser, 'Blijvende behandelaar');
  // The member who will leave unlocks once: from then on they may have kept the key.
  await unlockWithPasskey(leaving.page);
  await expect(leaving.page.getByRole('row').filter({ hasText: 'Woerden' })).toHaveCount(1);

  // What a member who once unlocked may have copied: the desk key as it is now (here taken, as
  // anyone who saw the printed recovery key and the store could, from the recovery copy).
  const keptKey = (await keyringFromRecovery(deskPage, firstRecovery))!;
  expect(keptKey).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/);
  const before = await sealedReports(deskPage);
  expect(Object.keys(before)).toHaveLength(1);
  expect(await openWith(keptKey, Object.values(before)[0])).toContain(MARK.old);

  // A second tab of the beheerder, unlocked before the rotation with the recovery key.
  const stale = await staff.newPage();
  await stale.goto(`${deskEnv.DESK_URL}/`);
  await stale.getByLabel('Herstelsleutel').fill(firstRecovery);
  await stale.getByRole('button', { name: 'Ontgrendelen met herstelsleutel' }).click();
  await expect(heading(stale)).toHaveText('Meldingen');

  // A session without the key in its browser (a stolen cookie) cannot replace the copies.
  const forged = await post(deskPage, '/api/sleutel/roteren', {
    expected: firstSite.REPORT_RECIPIENTS,
    recipient: `age1${'q'.repeat(58)}`,
    wrappedRecovery: 'x',
    copies: {},
    possession: 'geraden',
  });
  expect(forged.status()).toBe(403);

  // Removing the member offers the rotation at once.
  await openTeam();
  deskPage.once('dialog', (dialog) => void dialog.accept());
  await deskPage.getByRole('button', { name: 'Vertrokken behandelaar verwijderen' }).click();
  await expect(deskPage.locator('#rotation-offer')).toContainText('Vertrokken behandelaar is verwijderd');
  await expect(deskPage.getByRole('heading', { name: 'Sleutel vernieuwen' })).toBeFocused();
  deskPage.once('dialog', (dialog) => void dialog.accept());
  await deskPage.getByRole('button', { name: 'Sleutel vernieuwen' }).click();
  await expect(deskPage.getByRole('heading', { name: 'Nieuwe herstelsleutel: schrijf haar nu op' })).toBeFocused({ timeout: 20_000 });
  await expect(deskPage.locator('#rotation-notes')).toContainText('Elk lid met een passkey kan de nieuwe sleutel openen');
  const newRecovery = (await deskPage.locator('#rotation-recovery-key').textContent())!;
  expect(newRecovery).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
  expect(newRecovery).not.toBe(firstRecovery);
  const newSite = envLines((await deskPage.locator('#rotation-site-env').textContent())!);
  expect(Object.keys(newSite).sort()).toEqual(Object.keys(firstSite).sort());
  expect(newSite.REPORT_FORWARD_URL).toBe(firstSite.REPORT_FORWARD_URL);
  for (const name of ['REPORT_RECIPIENTS', 'REPORT_FORWARD_SECRET', 'REPORT_INTAKE_SECRET']) expect(newSite[name], name).not.toBe(firstSite[name]);
  await expectAccessible(deskPage);
  await keepHtml(deskPage, 'sleutel-vernieuwd');
  if (process.env.DESK_SCREENSHOTS) await deskPage.screenshot({ path: join(process.env.DESK_SCREENSHOTS, 'team-sleutel-vernieuwd.png'), fullPage: true });
  // Leaving the page forgets the recovery key shown once.
  await deskPage.getByRole('link', { name: 'Meldingen', exact: true }).click();
  await expect(deskPage.locator('#rotation-recovery-key')).toHaveText('');

  // The operator switches the site to the new recipient and secrets; a report comes in.
  await stack.switchSite(newSite);
  await sendReport('almere', MARK.new);

  // The remaining member: the keyring sealed to their passkey opens old and new reports, and
  // the new webhook secrets work both ways (the report arrived; the acknowledgement is accepted).
  await unlockWithPasskey(staying.page);
  await inboxRow(staying.page, 'Almere');
  await expect(staying.page.getByRole('row').filter({ hasText: 'Woerden' })).toHaveCount(1);
  await staying.page.getByRole('row').filter({ hasText: 'Almere' }).getByRole('link').click();
  await expect(staying.page.getByText(MARK.new)).toBeVisible();
  await staying.page.getByRole('button', { name: 'Ontvangst bevestigen' }).click();
  await expect(staying.page.locator('#case-meta')).toContainText('Ontvangen');
  await staying.page.getByLabel('Notitie voor het team').fill('Na de rotatie geschreven.');
  await staying.page.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expect(staying.page.locator('#notes')).toContainText('Na de rotatie geschreven.');

  // The tab unlocked before the rotation cannot open the new report and refuses to seal a note
  // to the old key (which the removed member may have).
  await inboxRow(stale, 'niet te openen');
  await stale.getByRole('row').filter({ hasText: 'Woerden' }).getByRole('link').click();
  await stale.getByLabel('Notitie voor het team').fill('Met de oude sleutel geschreven.');
  await stale.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expect(stale.getByRole('alert')).toContainText('De sleutel van de meldbalie is vernieuwd');
  await expect(stale.locator('#notes')).not.toContainText('Met de oude sleutel geschreven.');
  await stale.close();

  // The beheerder who rotated unlocks with their passkey from the copy sealed to it.
  await unlockWithPasskey(deskPage);
  await inboxRow(deskPage, 'Almere');

  // The recovery path: the old recovery key no longer fits, the new one opens both reports.
  await deskPage.goto(`${deskEnv.DESK_URL}/`);
  await deskPage.getByLabel('Herstelsleutel').fill(firstRecovery);
  await deskPage.getByRole('button', { name: 'Ontgrendelen met herstelsleutel' }).click();
  await expect(deskPage.getByRole('alert')).toContainText('past niet');
  await deskPage.getByLabel('Herstelsleutel').fill(newRecovery);
  await deskPage.getByRole('button', { name: 'Ontgrendelen met herstelsleutel' }).click();
  await expect(heading(deskPage)).toHaveText('Meldingen');
  await expect(deskPage.getByRole('row').filter({ hasText: 'Almere' })).toHaveCount(1);
  await expect(deskPage.getByRole('row').filter({ hasText: 'Woerden' })).toHaveCount(1);
  await expect(deskPage.locator('#inbox-rows')).not.toContainText('niet te openen');

  // What the removed member kept opens the old report and nothing new: not the new report, not
  // the new recovery copy; their passkey signs in nowhere.
  const after = await sealedReports(deskPage);
  const newIds = Object.keys(after).filter((id) => !(id in before));
  expect(newIds).toHaveLength(1);
  expect(await openWith(keptKey, after[newIds[0]])).toBeUndefined();
  expect(await openWith(keptKey, before[Object.keys(before)[0]])).toContain(MARK.old);
  expect(await keyringFromRecovery(deskPage, firstRecovery)).toBeUndefined();
  expect((await keyringFromRecovery(deskPage, newRecovery))!.split('\n')).toEqual([expect.stringMatching(/^AGE-SECRET-KEY-1/), keptKey]);
  await leaving.page.goto(`${deskEnv.DESK_URL}/`);
  const refused = leaving.page.waitForResponse((response) => response.url().endsWith('/api/aanmelden'));
  await leaving.page.getByRole('button', { name: 'Aanmelden met passkey' }).click();
  expect((await refused).status()).toBe(401);

  // The log has the rotation, without key material, and the chain holds.
  await deskPage.getByRole('link', { name: 'Logboek' }).click();
  const rotation = deskPage.getByRole('row').filter({ hasText: 'sleutel.geroteerd' });
  await expect(rotation).toContainText('2 passkeys opnieuw versleuteld, 0 wachten op toegang, nieuwe webhookgeheimen');
  await expect(rotation).not.toContainText('age1');
  await expect(deskPage.locator('#audit-chain')).toContainText('klopt');

  // The server holds no identity in the clear, in its files or its tables.
  for (const [name, bytes] of stack.stored()) expect(bytes, name).not.toContain('AGE-SECRET-KEY');
});

test('a member adds a second passkey that signs in and unlocks, removes the first, and cannot remove the last', async () => {
  const member = colleagues[1];
  const { page } = member;
  await page.getByRole('link', { name: 'Mijn passkeys' }).click();
  await expect(heading(page)).toHaveText('Mijn passkeys');
  await expect(page.locator('#passkey-rows tr')).toHaveCount(1);
  await expect(page.locator('#passkey-rows')).toContainText('Uw enige passkey');

  // The new passkey is on another authenticator (a security key): the first one is taken away,
  // so whatever signs in from here on is the new passkey.
  await member.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: member.authenticatorId });
  await addPasskeyAuthenticator(member.context, page);
  await page.getByLabel('Naam van de nieuwe passkey').fill('Beveiligingssleutel');
  await page.getByRole('button', { name: 'Passkey toevoegen' }).click();
  await expect(page.locator('#passkey-rows tr')).toHaveCount(2);
  await expect(page.getByRole('row').filter({ hasText: 'Beveiligingssleutel' })).toContainText('Ja');
  await expectAccessible(page);
  await keepHtml(page, 'passkeys');
  if (process.env.DESK_SCREENSHOTS) await page.screenshot({ path: join(process.env.DESK_SCREENSHOTS, 'passkeys.png'), fullPage: true });

  await page.getByRole('button', { name: 'Afmelden', exact: true }).click();
  await expect(heading(page)).toHaveText('Aanmelden bij de meldbalie');
  await page.getByRole('button', { name: 'Aanmelden met passkey' }).click();
  await expect(heading(page)).toHaveText('Meldingen');
  await page.getByRole('row').filter({ hasText: 'Almere' }).getByRole('link').click();
  await expect(page.getByText(MARK.new)).toBeVisible();

  // The first passkey can go; the last cannot (no button, and the server refuses it).
  await page.getByRole('link', { name: 'Mijn passkeys' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Eerste passkey verwijderen' }).click();
  await expect(page.locator('#passkey-rows tr')).toHaveCount(1);
  await expect(page.locator('#passkey-rows')).toContainText('Uw enige passkey');
  const { passkeys } = (await (await page.request.get(`${deskEnv.DESK_URL}/api/passkeys`)).json()) as { passkeys: { id: string }[] };
  expect((await post(page, '/api/passkeys/verwijderen', { credentialId: passkeys[0].id })).status()).toBe(409);
  // Another member's passkey is not this member's to remove.
  const others = (await (await deskPage.request.get(`${deskEnv.DESK_URL}/api/passkeys`)).json()) as { passkeys: { id: string }[] };
  expect((await post(page, '/api/passkeys/verwijderen', { credentialId: others.passkeys[0].id })).status()).toBe(404);
  // Adding a passkey needs the key in the browser, not only the session.
  expect((await post(page, '/api/passkeys', { response: {}, label: 'Gestolen sessie', possession: 'geraden' })).status()).toBe(403);

  await deskPage.getByRole('link', { name: 'Meldingen', exact: true }).click();
  await deskPage.getByRole('link', { name: 'Logboek' }).click();
  for (const action of ['passkey.toegevoegd', 'passkey.verwijderd']) await expect(deskPage.locator('#audit-rows')).toContainText(action);
  await expect(deskPage.locator('#audit-chain')).toContainText('klopt');
});

test('the rotation and passkey views, as the browser built them, are valid HTML (Nu HTML Checker)', () => {
  test.skip(test.info().project.name === 'postgres', 'the same pages as in the SQLite run');
  expect(readdirSync(join(stack.dir, 'html')).sort()).toEqual(['passkeys.html', 'sleutel-vernieuwd.html']);
  expect(htmlErrors(join(stack.dir, 'html'))).toEqual([]);
});
