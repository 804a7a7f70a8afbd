/**
 * The built site in a real browser, on a sample: every template in every language (sitemap
 * paths grouped by route pattern, the first of each group), the variants one template renders
 * differently, and 20 pages drawn with a fixed seed. Each sampled page answers 200 with one h1,
 * axe finds no WCAG 2.2 AA violation, no request leaves the origin and no cookie is set; the
 * Dutch and Polish ones also show their h1 without JavaScript (the other languages render the
 * same templates).
 *
 * What needs no browser runs over every page instead: the security headers of every sitemap
 * page (HTTP only, below) and, in tests/integration/ (built-site, search-engines, meldroute-walk),
 * links, anchors, one h1 inside <main>, same-origin resources, hreflang and noindex for every built
 * page; valid HTML for every page in npm run test:validate-all (a sample in npm test).
 *
 * The full browser sweep over all pages (as before issue 14): FULL_SWEEP=1 npm run test:e2e
 * (or npm run test:sweep). SAMPLE_SEED changes the random part of the sample.
 */
import { axeViolations, baseURL, expect, securityHeaderProblems, sitemapPaths, test } from './fixtures';
import { samplePaths, templateOf } from '../support/sample.ts';

const all = sitemapPaths();
const full = process.env.FULL_SWEEP === '1';
/** Variants one template renders differently: a municipality with its own plan, one in a region, one generated from CBS data only. */
const VARIANTS = [
  '/gemeenten/woerden/',
  '/gemeenten/venlo/',
  '/gemeenten/amsterdam/',
  '/gemeenten/amsterdam/signalenkaart/',
  '/gemeenten/utrecht/melden/uitkomst-zorgen-om-naaste/',
  '/gemeenten/mook-en-middelaar/',
];
const paths = full ? all : [...new Set([...samplePaths(all, { perTemplate: 1, random: 20, seed: Number(process.env.SAMPLE_SEED ?? 14) }), ...VARIANTS])];
const BATCH = 40;

test('the sample covers every template in every language', () => {
  const templates = new Set(all.map(templateOf));
  expect(new Set(paths.map(templateOf))).toEqual(templates);
});

for (let start = 0; start < paths.length; start += BATCH) {
  const batch = paths.slice(start, start + BATCH);
  test(`pages ${start + 1}–${start + batch.length} of ${paths.length} render, are accessible and stay on this origin`, async ({ page, requests }) => {
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

// Without JavaScript: the Dutch and Polish pages of the sample (every page's h1 is checked in the
// HTML itself by tests/integration/built-site.test.ts).
const noScriptPaths = paths.filter((path) => !/^\/(en|ro|bg|uk)\//.test(path));

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (let start = 0; start < noScriptPaths.length; start += BATCH * 2) {
    const batch = noScriptPaths.slice(start, start + BATCH * 2);
    test(`pages ${start + 1}–${start + batch.length} of ${noScriptPaths.length} show their content without JavaScript`, async ({ page }) => {
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

test('every page of the sitemap answers 200 with the security headers (HTTP, no browser)', async ({ request }) => {
  test.setTimeout(300_000);
  const problems: Record<string, string[]> = {};
  const queue = [...all];
  // A few requests at a time: the server is the thing under test, not the machine.
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let path = queue.shift(); path; path = queue.shift()) {
        const response = await request.get(path, { maxRedirects: 0 });
        const found = securityHeaderProblems(response.headers(), path);
        if (response.status() !== 200) found.push(`status ${response.status()}`);
        await response.dispose();
        if (found.length) problems[path] = found;
      }
    }),
  );
  expect(problems).toEqual({});
});

test('on-demand routes, errors and assets carry the same security headers', async ({ request }) => {
  const problems: Record<string, string[]> = {};
  const paths = [
    '/melden/anoniem/',
    '/melden/anoniem/ontvangen/?r=ongeldig',
    '/bestaat-niet/',
    '/zoeken/',
    '/robots.txt',
    '/.well-known/security.txt',
    '/pl/melden/anoniem/',
    '/uk/melden/anoniem/ontvangen/?r=ongeldig',
    '/ro/zoeken/',
    '/bg/gemeenten/woerden/',
    '/en/gemeenten/amsterdam/',
    '/en/bestaat-niet/',
  ];
  for (const path of paths) {
    const found = securityHeaderProblems((await request.get(path)).headers(), path.split('?')[0]);
    if (found.length) problems[path] = found;
  }
  expect(problems).toEqual({});
});
