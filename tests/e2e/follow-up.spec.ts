/**
 * Coming back with the receipt code, as a person does it in Chromium, with and without
 * JavaScript: report → keep the code → the intake desk asks a question → the reporter opens the
 * conversation, reads it and answers → the desk receives the answer for the same report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { askQuestion, type ReceivedReport } from '../../src/lib/report/receiver.ts';
import { axeViolations, baseURL, expect, test } from './fixtures';

const received = (): ReceivedReport[] => {
  const file = process.env.E2E_RECEIVER_FILE!;
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
};

for (const javaScriptEnabled of [false, true]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('the reporter reads the desk\'s question with the code and answers it', async ({ page }) => {
      const description = `Een vrouw mag de nagelsalon nooit alleen verlaten (${javaScriptEnabled ? 'met' : 'zonder'} JavaScript).`;
      await page.goto('/melden/anoniem/');
      await page.getByLabel('In welke gemeente gebeurt het?').selectOption('woerden');
      await page.getByRole('radio', { name: 'Uitbuiting in werk' }).check();
      await page.getByRole('radio', { name: 'Nee' }).check();
      await page.getByLabel('Wat zag of hoorde u?').fill(description);
      await page.waitForTimeout(1100);
      await page.getByRole('button', { name: 'Melding versturen' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw melding is ontvangen');
      const code = (await page.locator('.reference-code').textContent())!.trim();
      // The print button needs JavaScript; the confirmation is there either way.
      await expect(page.getByRole('button', { name: 'Print deze pagina' })).toHaveCount(javaScriptEnabled ? 1 : 0);
      await page.getByLabel('Ik heb de code opgeschreven of geprint.').check();

      await expect.poll(() => received().some((r) => r.report?.description === description), { timeout: 15_000 }).toBe(true);
      const report = received().find((r) => r.report?.description === description)!;
      expect(report.sealed).toBe(true);
      const question = 'Hoe laat ziet u de vrouw meestal bij de salon?';
      const asked = await askQuestion({ siteUrl: baseURL(), intakeSecret: process.env.E2E_INTAKE_SECRET!, reportId: report.reportId, replyRecipient: report.replyRecipient!, text: question });
      expect(asked.status).toBe(200);

      // From the receipt's own link to the follow-up page, as the reporter would.
      await page.getByRole('link', { name: 'de pagina Terugkomen op uw melding' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Terugkomen op uw melding');
      await page.getByLabel('Uw code').fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Gesprek openen' }).click();
      await expect(page.getByText(question)).toBeVisible();
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
      const answer = `Rond zeven uur 's avonds (${javaScriptEnabled ? 'met' : 'zonder'} JavaScript).`;
      await page.getByLabel('Wilt u iets toevoegen of een vraag beantwoorden?').fill(answer);
      await page.getByRole('button', { name: 'Versturen' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Uw aanvulling is opgeslagen' })).toBeVisible();
      await expect(page.getByText(answer)).toBeVisible();
      await expect.poll(() => received().find((r) => r.type === 'report.message' && r.message?.text === answer)?.reportId, { timeout: 15_000 }).toBe(report.reportId);
      // Nothing of the conversation is in the address.
      expect(page.url()).not.toContain(code);
    });

    test('a wrong code gets one clear message at the field, with the code kept to correct it', async ({ page }) => {
      await page.goto('/melden/terugkomen/');
      await page.getByLabel('Uw code').fill('ABCD-EFGH-JKMN-PQRS-TVWX');
      await page.getByRole('button', { name: 'Gesprek openen' }).click();
      await expect(page.getByRole('alert')).toContainText('Met deze code vinden we geen gesprek');
      await expect(page.locator('#code-error')).toBeVisible();
      await expect(page.getByLabel('Uw code')).toHaveValue('ABCD-EFGH-JKMN-PQRS-TVWX');
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
    });
  });
}
