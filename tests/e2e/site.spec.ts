/**
 * Every page of the built site, from the sitemap: it answers 200 with one h1, axe finds no
 * WCAG 2.2 AA violation, no request leaves the origin and no cookie is set. Pages are
 * visited in batches per browser page, so the whole site is checked within minutes.
 */
import { axeViolations, baseURL, expect, securityHeaderProblems, sitemapPaths, test } from './fixtures';

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
      found.push(...securityHeaderProblems((await response?.allHeaders()) ?? {}, path));
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

// Without JavaScript: every Dutch page, and every page of one other language. The other
// languages render the same templates with other words, and they are checked above with axe.
const noScriptPaths = paths.filter((path) => !/^\/(en|ro|bg|uk)\//.test(path));

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (let start = 0; start < noScriptPaths.length; start += BATCH * 2) {
    const batch = noScriptPaths.slice(start, start + BATCH * 2);
    test(`pages ${start + 1}–${start + batch.length} show their content without JavaScript`, async ({ page }) => {
      test.setTimeout(180_000);
      const problems: string[] = [];
      for (const path of batch) {
        // The HTML alone must carry the content: no need to wait for stylesheets or images.
        await page.goto(path, { waitUntil: 'domcontentloaded' });
        if (!(await page.locator('main h1').isVisible())) problems.push(path);
      }
      expect(problems).toEqual([]);
    });
  }
});

test('on-demand routes, errors and assets carry the same security headers', async ({ request }) => {
  const problems: Record<string, string[]> = {};
  const paths = [
    '/melden/anoniem/', '/melden/anoniem/ontvangen/?r=ongeldig', '/bestaat-niet/', '/zoeken/', '/robots.txt', '/.well-known/security.txt',
    '/pl/melden/anoniem/', '/uk/melden/anoniem/ontvangen/?r=ongeldig', '/ro/zoeken/', '/bg/gemeenten/woerden/', '/en/bestaat-niet/',
  ];
  for (const path of paths) {
    const found = securityHeaderProblems((await request.get(path)).headers(), path.split('?')[0]);
    if (found.length) problems[path] = found;
  }
  expect(problems).toEqual({});
});
