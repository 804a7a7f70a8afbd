/**
 * The built site in a real browser, on a sample: every template in every language (sitemap
 * paths grouped by route pattern, the first of each group), the variants one template renders
 * differently, and the pages rendered on demand (the notice for a page not translated, the
 * 404). Each sampled page is loaded once and checked at three widths: at 1280 px it answers 200
 * (404 for the 404 page), axe finds no WCAG 2.2 AA violation, no request leaves the origin and
 * no cookie is set; resized to a 390 px phone, its own heading starts within the top 250 px,
 * below the quick exit, as the first text of <main> (issue 16); resized to 320 px, nothing
 * scrolls sideways (WCAG 1.4.10; the checks are in tests/e2e/layout.ts).
 *
 * Without JavaScript, every template is loaded once in Dutch, plus one untranslated notice, and
 * must show its h1: whether content hides without JavaScript is a matter of markup and styles,
 * which a template shares across its languages (the words differ, and every page's h1 is in its
 * HTML: tests/integration/built-site.test.ts).
 *
 * Why no random pages: pages of one template differ by their content, and the properties of
 * every page that follow from content are checked on all 6,300 pages without a browser (below, and
 * in tests/integration/). The one template whose pages render differently, a route step (a
 * question or an outcome, with help first, with the form or with sector advice), has each kind
 * named in VARIANTS. Twenty seeded pages (until December 2026) were mostly more steps of that
 * template and more municipality pages.
 *
 * What needs no browser runs over every page instead: the status and security headers of every
 * sitemap page (plain HTTP from Node, below) and, in tests/integration/ (built-site,
 * search-engines, meldroute-walk), links, anchors, one h1 inside <main>, same-origin resources,
 * hreflang and noindex for every built page; valid HTML for every page in
 * npm run test:validate-all (a sample in npm test).
 *
 * The full browser sweep over all pages (as before issue 14): FULL_SWEEP=1 npm run test:e2e
 * (or npm run test:sweep).
 */
import { Agent, get } from 'node:http';
import { axeViolations, baseURL, expect, securityHeaderProblems, sitemapPaths, test } from './fixtures';
import { samplePaths, templateOf } from '../support/sample.ts';
import { DESKTOP, headingProblem, PHONE, reflowProblem, SMALLEST } from './layout';

const all = sitemapPaths();
const full = process.env.FULL_SWEEP === '1';
/** One page of every template in every language (tests/support/sample.ts). */
const templatePaths = samplePaths(all, { perTemplate: 1, random: 0, seed: 0 });
/**
 * Variants one template renders differently: a municipality with its own plan, one in a region,
 * one generated from CBS data only; and the kinds of route step beside the question the template
 * sample holds (an outcome, the victim's outcome with help first, one that offers the form, one
 * with sector advice).
 */
const VARIANTS = [
  '/gemeenten/woerden/',
  '/gemeenten/venlo/',
  '/gemeenten/amsterdam/',
  '/gemeenten/amsterdam/signalenkaart/',
  '/gemeenten/utrecht/melden/uitkomst-zorgen-om-naaste/',
  '/gemeenten/woerden/melden/uitkomst-hulp-voor-uzelf/',
  '/gemeenten/woerden/melden/uitkomst-anoniem/',
  '/gemeenten/woerden/melden/uitkomst-bedrijf-overig/',
  '/gemeenten/mook-en-middelaar/',
];
/**
 * Rendered on demand, so not in the sitemap: the notice for a page not translated, in every
 * language, and the 404. The forms are not here: page-states.spec.ts checks their states (with
 * errors, the receipt, the conversation, a wrong code, the limits) with axe and at 320 px in
 * every language, picker.spec.ts the blank form with axe (its list of municipalities open).
 */
const ON_DEMAND = [...['en', 'pl', 'ro', 'bg', 'uk'].map((locale) => `/${locale}/gemeenten/woerden/`), '/bestaat-niet/', '/pl/bestaat-niet/'];
const statusOf = (path: string) => (path.endsWith('/bestaat-niet/') ? 404 : 200);
const paths = full ? [...all, ...ON_DEMAND] : [...new Set([...templatePaths, ...VARIANTS, ...ON_DEMAND])];
/**
 * Pages per test. Small enough that the last batches of the run end close together on the two
 * workers (three batches of 40 left one worker alone for the last 20 s); large enough that a
 * page's new context is a small part of each test.
 */
const BATCH = 20;

test('the sample covers every template in every language', () => {
  const sampled = new Set(paths.map(templateOf));
  expect([...new Set(all.map(templateOf))].filter((template) => !sampled.has(template))).toEqual([]);
});

for (let start = 0; start < paths.length; start += BATCH) {
  const batch = paths.slice(start, start + BATCH);
  test(`pages ${start + 1}–${start + batch.length} of ${paths.length} render, are accessible, fit a phone and 320 px, and stay on this origin`, async ({
    page,
    requests,
  }) => {
    test.setTimeout(180_000);
    const origin = new URL(baseURL()).origin;
    const problems: Record<string, unknown> = {};
    for (const path of batch) {
      // Back to the desktop width before loading: the page before was left at 320 px.
      await page.setViewportSize(DESKTOP);
      const response = await page.goto(path);
      if (response?.status() !== statusOf(path)) problems[`${path} status`] = response?.status();
      const violations = await axeViolations(page);
      if (violations.length) problems[`${path} axe`] = violations;
      // The same loaded page at the other widths: resizing lays it out again, as a phone would.
      await page.setViewportSize(PHONE);
      const heading = await headingProblem(page);
      if (heading) problems[`${path} telefoon`] = heading;
      await page.setViewportSize(SMALLEST);
      const reflow = await reflowProblem(page);
      if (reflow) problems[`${path} 320 px`] = reflow;
    }
    expect(problems).toEqual({});
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);
  });
}

/** One page of every template, in Dutch (see the header), and a page that is served as a notice in its language. */
const noScriptPaths = full ? all : [...templatePaths.filter((path) => !/^\/(en|pl|ro|bg|uk)\//.test(path)), '/pl/gemeenten/woerden/'];

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

/** GETs a path as a browser would (asking for Brotli, no redirect followed) and gives its status and headers; the body is read and dropped. */
function statusAndHeaders(agent: Agent, path: string): Promise<{ status: number; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    get(new URL(path, baseURL()), { agent, headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
      const headers = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)]));
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

// Plain HTTP from the test's own Node process, with connections kept open: a fifth of the CPU of
// Playwright's request API for the same 6,300 requests (docs/TESTS.md).
test('every page of the sitemap answers 200 with the security headers (HTTP, no browser)', async () => {
  test.setTimeout(300_000);
  const problems: Record<string, string[]> = {};
  const queue = [...all];
  // A few requests at a time: the server is the thing under test, not the machine.
  const agent = new Agent({ keepAlive: true, maxSockets: 6 });
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let path = queue.shift(); path; path = queue.shift()) {
        const { status, headers } = await statusAndHeaders(agent, path);
        const found = securityHeaderProblems(headers, path);
        if (status !== 200) found.push(`status ${status}`);
        if (found.length) problems[path] = found;
      }
    }),
  );
  agent.destroy();
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
