/**
 * The reporting route as a reader without JavaScript uses it: every path of the route of each
 * seed municipality, clicked through from the first question, ends on an outcome page that
 * shows the contacts the content promises — 112, 0800-7000, 0800-2000 and the regional ones.
 */
import { readContent } from '../../src/lib/content/read-content';
import { allPaths, resolveContacts, routeFor } from '../../src/lib/meldroute/graph';
import { axeViolations, expect, test } from './fixtures';

const { site } = readContent('content');
const SEED_GEMEENTEN = ['utrechtse-heuvelrug', 'groningen', 'woerden', 'enschede', 'venlo'];
const REGIONAL_VEILIG_THUIS: Record<string, string> = {
  'utrechtse-heuvelrug': 'Veilig Thuis Utrecht',
  woerden: 'Veilig Thuis Utrecht',
  venlo: 'Meldpunt Mensenhandel van Veilig Thuis (Limburg-Noord)',
};

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const id of SEED_GEMEENTEN) {
    const gemeente = site.gemeenten.find((g) => g.id === id)!;
    const route = routeFor(site, gemeente);

    test(`every path of the route of ${gemeente.data.name} ends with the right contacts`, async ({ page }) => {
      test.setTimeout(120_000);
      const base = `/gemeenten/${id}/melden/`;
      for (const path of allPaths(route)) {
        await page.goto(base);
        for (let i = 0; i < path.length - 1; i++) {
          const node = route.nodes[path[i]];
          if (node.kind !== 'vraag') throw new Error('a path continues only from questions');
          const option = node.options.find((o) => o.next === path[i + 1])!;
          await page.getByRole('link', { name: option.label, exact: true }).click();
        }
        const outcome = route.nodes[path.at(-1)!];
        if (outcome.kind !== 'uitkomst') throw new Error('a path ends in an outcome');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(outcome.title);
        for (const { organisation } of resolveContacts(site, outcome.contacts, gemeente.data)) {
          await expect(page.locator('main')).toContainText(organisation.data.name);
          for (const phone of organisation.data.phones) {
            await expect(page.locator(`main a[href="tel:${phone.number.replace(/[\s\-().]/g, '')}"]`).first()).toBeVisible();
          }
        }
      }
    });

    test(`${gemeente.data.name}: danger leads to 112, anonymous to 0800-7000, worries to 0800-2000`, async ({ page }) => {
      const base = `/gemeenten/${id}/melden/`;
      await page.goto(base);
      await page.getByRole('link', { name: 'Ja, er is nu gevaar' }).click();
      await expect(page.locator('main a[href="tel:112"]').first()).toBeVisible();

      await page.goto(`${base}uitkomst-anoniem/`);
      await expect(page.locator('main a[href="tel:08007000"]')).toBeVisible();
      await expect(page.getByRole('link', { name: /anoniem via het formulier/ })).toHaveAttribute('href', `/melden/anoniem/?gemeente=${id}`);

      await page.goto(`${base}uitkomst-zorgen-om-naaste/`);
      await expect(page.locator('main a[href="tel:08002000"]').first()).toBeVisible();
      if (REGIONAL_VEILIG_THUIS[id]) await expect(page.locator('main')).toContainText(REGIONAL_VEILIG_THUIS[id]);
    });
  }
});

test('chooser, outcome, overview and internal route pages are accessible and print without cut-off', async ({ page }) => {
  const pages = [
    '/melden/',
    '/melden/uitkomst-anoniem/',
    '/melden/overzicht/',
    '/gemeenten/woerden/melden/overzicht/',
    '/gemeenten/woerden/meldroute-intern/',
    '/gemeenten/venlo/meldroute-intern/',
  ];
  for (const path of pages) {
    await page.goto(path);
    expect(await axeViolations(page), path).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: Math.floor((210 - 24) * (96 / 25.4)), height: 1000 });
    const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('main *')].map((el) => el.scrollWidth - el.clientWidth)));
    expect(widest, path).toBeLessThanOrEqual(1);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 720 });
  }
});
