/**
 * A long inbox: 120 cases delivered to the desk's receiver as the site sends them (sealed,
 * signed). The table shows the first 50; "Meer tonen" adds 50 at a time, by keyboard, with the
 * focus on the first new row; search covers every case, also those not in the table; axe.
 * The list comes in pages: the first 50 are on screen while the rest loads, and a case arriving
 * between pages costs no case and repeats none. The store queries behind the pages are tested on
 * both stores in tests/integration/desk-store.test.ts; this spec runs on SQLite only (why:
 * tests/desk/playwright.config.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { addPasskeyAuthenticator, axeViolations, freePort, setUpInBrowser, startDesk, type Desk } from './support.ts';
import { seedDesk, type Seeded } from './seed.ts';

test.describe.configure({ mode: 'serial' });

const CASES = 120;
let dir: string;
let desk: Desk;
let staff: BrowserContext;
let page: Page;
let seeded: Seeded;
/** Delivers `count` more cases as the site would. */
let deliver: (count: number, seed: number) => Promise<Seeded>;

test.beforeAll(async ({ browser }) => {
  dir = mkdtempSync(join(tmpdir(), 'meldbalie-inbox-'));
  const port = await freePort();
  desk = await startDesk({
    DESK_PORT: String(port),
    DESK_URL: `http://localhost:${port}`,
    DESK_DATA_DIR: join(dir, 'desk'),
  });
  staff = await browser.newContext();
  page = await staff.newPage();
  await addPasskeyAuthenticator(staff, page);
  const env = await setUpInBrowser(page, /(http:\/\/localhost:\d+\/instellen\/#\S+)/.exec(desk.output())![1], 'Beheerder inbox');
  deliver = (count, seed) =>
    seedDesk(env.REPORT_FORWARD_URL.replace('localhost', '127.0.0.1'), env.REPORT_FORWARD_SECRET, env.REPORT_RECIPIENTS, count, seed, {
      mark: (n) => `Zoekwoord-${seed}-${n}x.`,
    });
  seeded = await deliver(CASES, 3);
});

test.afterAll(async () => {
  await staff?.close();
  await desk?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a long inbox shows 50 rows, more on request by keyboard, and search covers every case', async () => {
  await page.goto(`${desk.url}/`);
  await page.getByRole('button', { name: 'Ontgrendelen met passkey' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meldingen');
  await expect(page.locator('#inbox-summary')).toHaveText('120 meldingen. Nieuwe antwoorden staan bovenaan. De eerste 50 staan in de tabel.');
  const rows = page.locator('#inbox-rows tr');
  await expect(rows).toHaveCount(50);
  // The cases the reporter answered are on top.
  await expect(rows.first()).toContainText('Nieuw antwoord');
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axeViolations(page)).toEqual([]);
  }

  // "Meer tonen" with the keyboard: 50 more, and the focus goes to the first of them.
  await page.getByRole('button', { name: 'Meer tonen (nog 70)' }).focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(100);
  await expect(rows.nth(50).getByRole('link')).toBeFocused();
  await expect(page.locator('#status-line')).toHaveText('50 meldingen meer getoond, 100 in de tabel.');
  await page.getByRole('button', { name: 'Meer tonen (nog 20)' }).click();
  await expect(rows).toHaveCount(120);
  await expect(page.locator('#inbox-more')).toBeHidden();
  await expect(page.locator('#inbox-summary')).toHaveText('120 meldingen. Nieuwe antwoorden staan bovenaan.');

  // Search finds a case that was not among the first 50, and a new search starts at 50 again.
  const firstPage = new Set((await rows.getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('href')))).slice(0, 50));
  const hidden = seeded.reportIds.findIndex((id) => !firstPage.has(`#zaak/${id}`));
  await page.getByLabel('Zoeken').fill(`zoekwoord-3-${hidden}x`);
  await expect(rows).toHaveCount(1);
  await expect(rows.getByRole('link')).toHaveAttribute('href', `#zaak/${seeded.reportIds[hidden]}`);
  await expect(page.locator('#inbox-summary')).toHaveText('1 van 120 meldingen. Nieuwe antwoorden staan bovenaan.');
  await expect(page.locator('#inbox-more')).toBeHidden();

  // Opening a case and coming back lists every case again (from what the worker already opened).
  await rows.getByRole('link').click();
  await expect(page.getByText(`Zoekwoord-3-${hidden}x.`, { exact: false })).toBeVisible();
  await page.getByRole('link', { name: 'Terug naar de meldingen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meldingen');
  await expect(page.locator('#inbox-summary')).toHaveText('1 van 120 meldingen. Nieuwe antwoorden staan bovenaan.');
  await expect(rows).toHaveCount(1);
  // "Lijst vernieuwen" loads the list again and replaces the rows instead of adding to them.
  await page.getByLabel('Zoeken').fill('');
  await expect(rows).toHaveCount(50);
  for (const clicks of [1, 2]) {
    const old = await rows.first().elementHandle();
    for (let i = 0; i < clicks; i++) await page.getByRole('button', { name: 'Lijst vernieuwen' }).click();
    await old!.waitForElementState('hidden'); // removed from the table, not kept next to the new rows
    await expect(page.locator('#inbox-summary')).toHaveText('120 meldingen. Nieuwe antwoorden staan bovenaan. De eerste 50 staan in de tabel.');
    await expect(rows).toHaveCount(50);
    expect(new Set(await rows.getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('href')))).size).toBe(50);
  }
});

test('a page the reader goes to while the inbox is still opening stays on screen', async () => {
  // Hold the list until the reader has moved on to the Team page, then let it through: the inbox
  // that arrives late must not take the page back (it did in a slow run before the fix).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked!: () => void;
  const listAsked = new Promise<void>((resolve) => (asked = resolve));
  await staff.route(/\/api\/zaken\?aantal=/, async (route) => {
    asked();
    await held;
    await route.continue();
  });
  await page.getByRole('link', { name: 'Team' }).click();
  await page.getByRole('link', { name: 'Meldingen', exact: true }).click();
  await listAsked;
  await page.getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team');
  // The summary is written again when the late list's first cases are opened: the sign it arrived.
  await page.locator('#inbox-summary').evaluate((summary) => {
    summary.textContent = '';
  });
  release();
  // The late inbox is still filled in (for when the reader goes back), but not shown.
  await expect(page.locator('#inbox-summary')).toContainText('120 meldingen');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team');
  await expect(page.locator('#view-inbox')).toBeHidden();
  await staff.unroute(/\/api\/zaken\?aantal=/);
});

test('the inbox comes in pages: the first 50 show while the rest loads, and a case arriving between pages loses or repeats none', async () => {
  // The second page waits until a new case has arrived, so it arrives between the pages.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked!: () => void;
  const secondAsked = new Promise<void>((resolve) => (asked = resolve));
  const next = /\/api\/zaken\?na=/;
  await staff.route(next, async (route) => {
    asked();
    await held;
    await route.continue();
  });
  const firstAnswer = page.waitForResponse((response) => /\/api\/zaken\?aantal=50$/.test(response.url()));
  await page.goto(`${desk.url}/`);
  await page.getByRole('button', { name: 'Ontgrendelen met passkey' }).click();
  const first = (await (await firstAnswer).json()) as { cases: unknown[]; totaal: number; volgende: string | null };
  expect([first.cases.length, first.totaal, typeof first.volgende]).toEqual([50, CASES, 'string']);
  await secondAsked;
  const rows = page.locator('#inbox-rows tr');
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText('Nieuw antwoord');
  await expect(page.locator('#inbox-summary')).toHaveText(
    'Even geduld, de meldingen worden nog geladen: 50 van 120 zijn open. Zoeken en filteren werken nu alleen in deze 50.',
  );
  await expect(page.locator('#status-line')).toHaveText('De eerste 50 meldingen staan klaar. De andere worden nog geladen.');

  const late = await deliver(1, 4);
  release();
  // Newest first, by day and then id: the late case is listed if its id falls after the first page's last case.
  await expect(page.locator('#inbox-summary')).toHaveText(/^12[01] meldingen\. Nieuwe antwoorden staan bovenaan\. De eerste 50 staan in de tabel\.$/);
  await staff.unroute(next);
  while (await page.locator('#inbox-more').isVisible()) await page.locator('#inbox-more').click();
  const listed = await rows.getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
  expect(listed.length).toBe(new Set(listed).size);
  // Every case from before once; the late one at most once (counted in the summary if listed).
  const lateHref = `#zaak/${late.reportIds[0]}`;
  expect(listed.filter((href) => href !== lateHref).sort()).toEqual(seeded.reportIds.map((id) => `#zaak/${id}`).sort());
  await expect(page.locator('#inbox-summary')).toHaveText(`${listed.length} meldingen. Nieuwe antwoorden staan bovenaan.`);
  // The next load lists it.
  await page.getByRole('button', { name: 'Lijst vernieuwen' }).click();
  await expect(page.locator('#inbox-summary')).toHaveText('121 meldingen. Nieuwe antwoorden staan bovenaan.');
});

test('the figures take the reports the key worker opened for the inbox, without opening them again', async () => {
  // Reports the key worker decrypted so far (it marks each batch, as the benchmark reads it).
  const decrypted = async () => {
    let total = 0;
    for (const worker of page.workers())
      total += await worker.evaluate(() =>
        performance.getEntriesByName('meldbalie:openen').reduce((n, e) => n + (((e as PerformanceMeasure).detail as { count?: number } | null)?.count ?? 0), 0),
      );
    return total;
  };
  const before = await decrypted();
  expect(before).toBeGreaterThanOrEqual(CASES);
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/cijfers'));
  await page.getByRole('link', { name: 'Cijfers' }).click();
  const figures = await (await answer).text();
  // The list of cases for the figures carries no report: the worker already has them.
  expect((JSON.parse(figures) as { cases: unknown[] }).cases).toHaveLength(CASES + 1);
  expect(figures).not.toContain('BEGIN AGE ENCRYPTED FILE');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cijfers');
  await expect(page.locator('#figures-rows tr').filter({ hasText: 'meldingen totaal' })).toContainText(String(CASES + 1));
  expect(await decrypted()).toBe(before);
});
