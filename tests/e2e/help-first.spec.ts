/**
 * Help first (issue 22): on a 390×800 phone, the victims' help page shows a phone number in the
 * first screen in every language — 112 and the first helper's number — and the victim's route
 * step shows 112 before its cards. Layout needs a browser; the HTML order is checked in
 * tests/integration/regional-care.test.ts. axe stays at 0 on these pages and on the care section of
 * municipality pages.
 */
import { axeViolations, expect, test } from './fixtures';
import { PHONE } from './layout';
import { LOCALES, localizedPath } from '../../src/i18n/locales';

test.use({ viewport: PHONE });

for (const locale of LOCALES) {
  test(`${locale}: /hulp/ has tel: links in the first screen, 112 and a helper's number`, async ({ page }) => {
    await page.goto(localizedPath(locale, '/hulp/'));
    const inFirstScreen = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('main a[href^="tel:"]')]
        .filter((a) => {
          const box = a.getBoundingClientRect();
          return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
        })
        .map((a) => a.getAttribute('href')),
    );
    expect(inFirstScreen).toContain('tel:112');
    expect(inFirstScreen.filter((href) => href !== 'tel:112').length, `alleen 112 in het eerste scherm: ${inFirstScreen}`).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('the victim’s route step starts with 112 in the first screen, and passes axe', async ({ page }) => {
  for (const path of ['/melden/uitkomst-hulp-voor-uzelf/', '/gemeenten/zeist/melden/uitkomst-hulp-voor-uzelf/', '/uk/melden/uitkomst-hulp-voor-uzelf/']) {
    await page.goto(path);
    await expect(page.locator('main a[href="tel:112"]').first(), path).toBeInViewport();
    expect(await axeViolations(page), path).toEqual([]);
  }
});

test('the care section of a municipality page passes axe, with a coordinator and with the CoMensha line', async ({ page }) => {
  for (const path of ['/gemeenten/amersfoort/', '/gemeenten/amsterdam/', '/organisaties/']) {
    await page.goto(path);
    expect(await axeViolations(page), path).toEqual([]);
  }
});
