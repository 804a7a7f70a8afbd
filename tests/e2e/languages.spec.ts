/**
 * The site in other languages, as a Polish or Ukrainian reader uses it with JavaScript off:
 * read a signal, walk the reporting route to the anonymous outcome, report, see the receipt in
 * that language; the receiver gets the report with its language and the text as written.
 * Labels come from the translation files, so the test follows the translations.
 */
import { existsSync, readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { expect, test } from './fixtures';
import { translator } from '../../src/i18n/index.ts';
import { LOCALE_NAMES } from '../../src/i18n/locales.ts';

const received = () => {
  const file = process.env.E2E_RECEIVER_FILE!;
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
};

type RouteWords = Record<string, { question?: string; options?: string[]; title?: string }>;
const routeWords = (locale: string): RouteWords =>
  (yaml.load(readFileSync(`content/vertalingen/${locale}.yaml`, 'utf8')) as { meldroute: RouteWords }).meldroute;

const SIGNAL = 'paspoort-niet-in-eigen-bezit';
const DESCRIPTIONS = {
  pl: 'Kilku pracowników mieszka w magazynie i oddaje paszporty szefowi.',
  uk: 'Кілька працівників живуть на складі й віддають паспорти начальнику.',
} as const;

for (const locale of ['pl', 'uk'] as const) {
  test.describe(`${LOCALE_NAMES[locale]} without JavaScript`, () => {
    test.use({ javaScriptEnabled: false });
    const t = translator(locale);
    const route = routeWords(locale);

    test('signal → reporting route → anonymous report → receipt, and the receiver gets the language', async ({ page }) => {
      await page.goto(`/${locale}/signalen/signaal/${SIGNAL}/`);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        (yaml.load(readFileSync(`content/vertalingen/${locale}.yaml`, 'utf8')) as { signalen: Record<string, { statement: string }> }).signalen[SIGNAL]
          .statement,
      );

      // The route, answered as someone who saw something and wants to stay anonymous.
      await page.getByRole('link', { name: t('signal.whatToDo.route') }).click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/melden/$`));
      for (const [step, answer] of [
        ['acuut-gevaar', 1],
        ['over-wie', 3],
        ['anoniem-melden', 0],
      ] as const) {
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(route[step].question!);
        await page.getByRole('link', { name: route[step].options![answer], exact: true }).click();
      }
      await expect(page).toHaveURL(new RegExp(`/${locale}/melden/uitkomst-anoniem/$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(route['uitkomst-anoniem'].title!);
      await expect(page.locator('a[href="tel:08007000"]')).toBeVisible();

      await page.getByRole('link', { name: t('route.formLink') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('report.title'));
      await page.getByLabel(t('report.field.municipality.label')).selectOption('venlo');
      await page.getByRole('radio', { name: t('report.exploitation.arbeidsuitbuiting') }).check();
      await page.getByRole('radio', { name: t('report.dangerOption.nee'), exact: true }).check();
      await page.getByLabel(t('report.field.description.label')).fill(DESCRIPTIONS[locale]);
      await page.getByRole('button', { name: t('report.submit') }).click();

      await expect(page).toHaveURL(new RegExp(`/${locale}/melden/anoniem/ontvangen/\\?r=[\\w-]+$`));
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('receipt.title'));
      await expect(page.locator('.reference-code')).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      await expect.poll(() => received().filter((r) => r.report.description === DESCRIPTIONS[locale]).length, { timeout: 10_000 }).toBe(1);
      const [delivered] = received().filter((r) => r.report.description === DESCRIPTIONS[locale]);
      expect(delivered.report).toMatchObject({
        language: locale,
        description: DESCRIPTIONS[locale],
        municipality: { id: 'venlo' },
        exploitationForm: 'arbeidsuitbuiting',
      });
    });

    test('mistakes get messages in the language, with every value kept', async ({ page }) => {
      await page.goto(`/${locale}/melden/anoniem/`);
      await page.getByLabel(t('report.field.location.label')).fill('Magazyn / Склад');
      await page.getByLabel(t('report.field.description.label')).fill('Za krótko');
      await page.getByRole('button', { name: t('report.submit') }).click();
      const summary = page.getByRole('alert');
      await expect(summary).toContainText(t('report.error.municipality'));
      await expect(page.locator('#description-error')).toContainText(t('report.error.descriptionShort', { min: 20 }));
      await expect(page.locator('#dangerNow-error')).toContainText(t('report.error.dangerNow'));
      await expect(page.getByLabel(t('report.field.location.label'))).toHaveValue('Magazyn / Склад');
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
    });
  });
}

test('the language switcher keeps the reader on the same page, without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/hulp/');
  await page.getByRole('navigation', { name: 'Taal' }).getByRole('link', { name: LOCALE_NAMES.uk }).click();
  await expect(page).toHaveURL(/\/uk\/hulp\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await page
    .getByRole('navigation', { name: translator('uk')('language.label') })
    .getByRole('link', { name: LOCALE_NAMES.nl })
    .click();
  await expect(page).toHaveURL(/\/hulp\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await context.close();
});

// axe, the phone heading and reflow of the notice, in every language: site.spec.ts (its on-demand pages).
test('an untranslated page is served in the language as a notice that links to the Dutch page', async ({ page }) => {
  for (const locale of ['en', 'pl', 'ro', 'bg', 'uk'] as const) {
    const t = translator(locale);
    const response = await page.goto(`/${locale}/gemeenten/woerden/`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('untranslated.title'));
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    const dutch = page.getByRole('link', { name: new RegExp(t('untranslated.readDutch')) });
    await expect(dutch).toHaveAttribute('href', '/gemeenten/woerden/');
    // Followed once: the link is the same in every language.
    if (locale === 'uk') {
      await dutch.click();
      await expect(page).toHaveURL(/\/gemeenten\/woerden\/$/);
      await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    }
  }
});

test('an address that exists in no language is a 404 in the language of the address', async ({ page }) => {
  const response = await page.goto('/pl/bestaat-niet/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translator('pl')('notFound.title'));
  expect((await page.goto('/gemeenten/bestaat-niet/'))?.status()).toBe(404);
  expect((await page.goto('/xx/hulp/'))?.status()).toBe(404);
});

test('search says so in the language when its index cannot load', async ({ page }) => {
  await page.route('**/pagefind/**', (route) => route.abort());
  await page.goto('/pl/zoeken/?q=paszport');
  await expect(page.locator('[data-search-status]')).toHaveText(translator('pl')('search.failed'));
});
