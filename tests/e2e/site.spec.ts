/**
 * Every page of the built site, from the sitemap: it answers 200 with one h1, axe finds no
 * WCAG 2.2 AA violation, no request leaves the origin and no cookie is set. Pages are
 * visited in batches per browser page, so the whole site is checked within minutes.
 */
import { axeViolations, baseURL, expect, sitemapPaths, test } from './fixtures';

const paths = sitemapPaths();
const BATCH = 40;

for (let start = 0; start < paths.length; start += BATCH) {
  const batch = paths.slice(start, start + BATCH);
  test(`pages ${start + 1}–${start + batch.length} render, are accessible and stay on this origin`, async ({ page, requests }) => {
    test.setTimeout(180_000);
    const origin = new URL(baseURL()).origin;
    const problems: Record<string, unknown> = {};
    for (const path of batch) {
      const response = await page.goto(path);
      const found: string[] = [];
      if (response?.status() !== 200) found.push(`status ${response?.status()}`);
      if ((await response?.headerValue('set-cookie')) !== null) found.push('Set-Cookie');
      if ((await page.locator('h1').count()) !== 1) found.push('niet precies één h1');
      const violations = await axeViolations(page);
      if (violations.length) problems[`${path} axe`] = violations;
      if (found.length) problems[path] = found;
    }
    expect(problems).toEqual({});
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);
  });
}
