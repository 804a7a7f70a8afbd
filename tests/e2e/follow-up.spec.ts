/**
 * Coming back with the receipt code, as a person does it in Chromium, with and without
 * JavaScript: report → keep the code → the intake desk asks a question → the reporter opens the
 * conversation, reads it and answers → the desk receives the answer for the same report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { askQuestion, type ReceivedReport } from '../../src/receiver/receiver.ts';
import { axeViolations, baseURL, expect, test } from './fixtures';
import { translator } from '../../src/i18n/index.ts';

const received = (): ReceivedReport[] => {
  const file = process.env.E2E_RECEIVER_FILE!;
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
};

const VARIANTS = [
  { locale: 'nl', javaScriptEnabled: false },
  { locale: 'pl', javaScriptEnabled: false },
  { locale: 'nl', javaScriptEnabled: true },
] as const;

for (const { locale, javaScriptEnabled } of VARIANTS) {
  test.describe(`${locale} ${javaScriptEnabled ? 'with JavaScript' : 'without JavaScript'}`, () => {
    test.use({ javaScriptEnabled });
    const t = translator(locale);
    const prefix = locale === 'nl' ? '' : `/${locale}`;

    test("the reporter reads the desk's question with the code and answers it", async ({ page }) => {
      const description = `Een vrouw mag de nagelsalon nooit alleen verlaten (${locale}, ${javaScriptEnabled ? 'met' : 'zonder'} JavaScript).`;
      await page.goto(`${prefix}/melden/anoniem/`);
      if (javaScriptEnabled) {
        // With JavaScript the select is enhanced into an autocomplete (see picker.spec.ts).
        await page.getByRole('combobox', { name: t('report.field.municipality.label') }).fill('Woerden');
        await page.getByRole('option', { name: 'Woerden', exact: true }).click();
        await expect(page.locator('select[name="municipality"]')).toHaveValue('woerden');
      } else {
        await page.getByLabel(t('report.field.municipality.label')).selectOption('woerden');
      }
      await page.getByRole('radio', { name: t('report.exploitation.arbeidsuitbuiting') }).check();
      await page.getByRole('radio', { name: t('report.dangerOption.nee'), exact: true }).check();
      await page.getByLabel(t('report.field.description.label')).fill(description);
      await page.getByRole('button', { name: t('report.submit') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('receipt.title'));
      const code = (await page.locator('.reference-code').textContent())!.trim();
      // The print button needs JavaScript; the confirmation is there either way.
      await expect(page.getByRole('button', { name: t('receipt.print') })).toHaveCount(javaScriptEnabled ? 1 : 0);
      await page.getByLabel(t('receipt.confirm.label')).check();

      await expect.poll(() => received().some((r) => r.report?.description === description), { timeout: 15_000 }).toBe(true);
      const report = received().find((r) => r.report?.description === description)!;
      expect(report.sealed).toBe(true);
      const question = 'Hoe laat ziet u de vrouw meestal bij de salon?';
      const asked = await askQuestion({
        siteUrl: baseURL(),
        intakeSecret: process.env.E2E_INTAKE_SECRET!,
        reportId: report.reportId,
        replyRecipient: report.replyRecipient!,
        text: question,
      });
      expect(asked.status).toBe(200);

      // From the receipt's own link to the follow-up page, as the reporter would.
      await page.getByRole('link', { name: t('receipt.keep.link') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('followUp.title'));
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await page.getByLabel(t('followUp.code.label')).fill(code.toLowerCase());
      await page.getByRole('button', { name: t('followUp.open') }).click();
      // With JavaScript the form first gives its proof of work up to 5 s (ProofOfWorkField), more than expect's default wait.
      await expect(page.getByText(question)).toBeVisible({ timeout: 15_000 });
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
      const answer = `Rond zeven uur 's avonds (${locale}, ${javaScriptEnabled ? 'met' : 'zonder'} JavaScript).`;
      await page.getByLabel(t('followUp.add.label')).fill(answer);
      await page.getByRole('button', { name: t('followUp.add.submit'), exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: t('followUp.added') })).toBeVisible();
      await expect(page.getByText(answer)).toBeVisible();
      await expect
        .poll(() => received().find((r) => r.type === 'report.message' && r.message?.text === answer)?.reportId, { timeout: 15_000 })
        .toBe(report.reportId);
      expect(received().find((r) => r.message?.text === answer)?.message?.language).toBe(locale);
      // Nothing of the conversation is in the address.
      expect(page.url()).not.toContain(code);
    });

    test('a wrong code gets one clear message at the field, with the code kept to correct it', async ({ page }) => {
      await page.goto(`${prefix}/melden/terugkomen/`);
      await page.getByLabel(t('followUp.code.label')).fill('ABCD-EFGH-JKMN-PQRS-TVWX');
      await page.getByRole('button', { name: t('followUp.open') }).click();
      await expect(page.getByRole('alert')).toContainText(t('followUp.error.notFound', { days: 90 }).split('.')[0]);
      await expect(page.locator('#code-error')).toBeVisible();
      await expect(page.getByLabel(t('followUp.code.label'))).toHaveValue('ABCD-EFGH-JKMN-PQRS-TVWX');
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
    });
  });
}
