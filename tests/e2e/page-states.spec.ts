/**
 * axe on every state of the report and follow-up pages, in every language (issue 22): the form
 * with errors, the receipt with its code (where the code was shown at 2.8:1 and no test looked),
 * the conversation with a question of the desk, a wrong code, and both limits (too many reports,
 * too many codes), each also at 320 CSS px without horizontal scrolling. Per language, because
 * the words differ in length and the layout must hold the longest. A server of its own with low
 * limits, so reaching them leaves the shared server of the other specs alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { axeViolations, expect, test } from './fixtures';
import { LOCALES, type Locale } from '../../src/i18n/locales';
import { translator } from '../../src/i18n';
import { askQuestion, readReceived } from '../../src/receiver/receiver';
import { reflowProblem, SMALLEST } from './layout';
import { startSiteWithReceiver, type Started } from '../support/processes';

test.describe.configure({ mode: 'serial' });
// The narrowest screen WCAG 1.4.10 asks for: every state must reflow there too.
test.use({ viewport: SMALLEST });

let dir: string;
let site: Started;
let receiver: Started;
let intakeSecret: string;
const received = () => readReceived(join(dir, 'received.jsonl'));

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meldwijzer-states-'));
  ({
    server: site,
    receiver,
    intakeSecret,
  } = await startSiteWithReceiver(dir, {
    REPORT_POW_MAX_NUMBER: '2000',
    // One report and two codes (the right one, a wrong one) per language; then the limits.
    REPORT_RATE_LIMIT_PER_HOUR: String(LOCALES.length),
    REPORT_FOLLOWUP_ATTEMPTS_PER_HOUR: String(2 * LOCALES.length),
  }));
});

test.afterAll(async () => {
  await site?.stop();
  await receiver?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const prefix = (locale: Locale) => (locale === 'nl' ? '' : `/${locale}`);

/** axe's violations and any horizontal scroll at 320 px, keyed by the state, so one failure names every state at once. */
async function check(page: Page, state: string, problems: Record<string, unknown>) {
  // An error moves focus (and the page) to the message; axe then counts the header's buttons that
  // scrolled under the sticky quick exit as too small. Checked from the top, as the page loads.
  await page.evaluate(() => window.scrollTo(0, 0));
  const violations = await axeViolations(page);
  const reflow = await reflowProblem(page);
  if (violations.length || reflow) problems[state] = { violations, reflow };
}

/** Fills in and sends the report form the page shows (blank, or with the errors of an empty send). */
async function fillReport(page: Page, locale: Locale, description: string) {
  const t = translator(locale);
  await page.getByRole('combobox', { name: t('report.field.municipality.label') }).fill('Woerden');
  await page.getByRole('option', { name: 'Woerden', exact: true }).click();
  await page.getByRole('radio', { name: t('report.exploitation.arbeidsuitbuiting') }).check();
  await page.getByRole('radio', { name: t('report.dangerOption.nee'), exact: true }).check();
  await page.getByLabel(t('report.field.description.label')).fill(description);
  await expect(page.locator('input[name="altcha"]')).not.toHaveValue('', { timeout: 15_000 });
  await page.getByRole('button', { name: t('report.submit') }).click();
}

async function openConversation(page: Page, locale: Locale, code: string) {
  const t = translator(locale);
  await page.goto(`${site.url}${prefix(locale)}/melden/terugkomen/`);
  await page.getByLabel(t('followUp.code.label')).fill(code);
  await page.getByRole('button', { name: t('followUp.open') }).click();
}

for (const locale of LOCALES) {
  test(`${locale}: the form with errors, the receipt with its code, the conversation and a wrong code pass axe`, async ({ page }) => {
    const t = translator(locale);
    const problems: Record<string, unknown> = {};

    await page.goto(`${site.url}${prefix(locale)}/melden/anoniem/`);
    await page.getByRole('button', { name: t('report.submit') }).click();
    await expect(page.getByRole('heading', { name: t('report.error.summary') })).toBeVisible();
    await check(page, 'formulier met fouten', problems);

    // Corrected on the page with the errors, as a reader would: no new load of the blank form.
    const description = `Een man slaapt al weken in de bestelbus van zijn baas (toestanden, ${locale}).`;
    await fillReport(page, locale, description);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('receipt.title'));
    const code = (await page.locator('.reference-code').textContent())!.trim();
    expect(code.length).toBeGreaterThan(10);
    await check(page, 'ontvangstbewijs met code', problems);

    await expect.poll(() => received().find((r) => r.report?.description === description)?.reportId, { timeout: 15_000 }).toBeTruthy();
    const report = received().find((r) => r.report?.description === description)!;
    const question = `Op welke dagen staat de bus er? (${locale})`;
    expect(
      (await askQuestion({ siteUrl: site.url, intakeSecret, reportId: report.reportId, replyRecipient: report.replyRecipient!, text: question })).status,
    ).toBe(200);
    await openConversation(page, locale, code);
    await expect(page.getByText(question)).toBeVisible();
    await check(page, 'gesprek met een vraag', problems);

    await openConversation(page, locale, 'ABCD-EFGH-JKMN-PQRS-TVWX');
    await expect(page.getByRole('alert')).toBeVisible();
    await check(page, 'verkeerde code', problems);

    expect(problems).toEqual({});
  });
}

test('every language: the limits of reports and codes pass axe', async ({ page }) => {
  test.setTimeout(120_000);
  const problems: Record<string, unknown> = {};
  for (const locale of LOCALES) {
    const t = translator(locale);
    await page.goto(`${site.url}${prefix(locale)}/melden/anoniem/`);
    await fillReport(page, locale, `Te veel meldingen vanaf één aansluiting (${locale}), dit is de grens.`);
    await expect(page.getByText(t('report.error.rateLimited'))).toBeVisible();
    await check(page, `${locale}: te veel meldingen`, problems);

    await openConversation(page, locale, 'ABCD-EFGH-JKMN-PQRS-TVWX');
    await expect(page.getByText(t('followUp.error.limited'))).toBeVisible();
    await check(page, `${locale}: te veel codes`, problems);
  }
  expect(problems).toEqual({});
});
