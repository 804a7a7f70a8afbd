/**
 * Every page of the built site, from the sitemap: it answers 200 with one h1, axe finds no
 * WCAG 2.2 AA violation, no request leaves the origin and no cookie is set.
 */
import { axeViolations, baseURL, expect, sitemapPaths, test } from './fixtures';

const paths = sitemapPaths();

test('the sitemap lists the pages of the site', () => {
  expect(paths).toContain('/');
  expect(paths).toContain('/gemeenten/woerden/');
  expect(paths.length).toBeGreaterThan(50);
});

for (const path of paths) {
  test(`${path} renders, is accessible and stays on this origin`, async ({ page, requests }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(await response?.headerValue('set-cookie')).toBeNull();
    await expect(page.locator('h1')).toHaveCount(1);
    expect(await axeViolations(page)).toEqual([]);
    const origin = new URL(baseURL()).origin;
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);
  });
}
