/**
 * Shared test helpers: the server address, the list of built pages (from the sitemap, as
 * Starlight does), and a page that records every request so tests can prove none leaves
 * the origin.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';

export const baseURL = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL ontbreekt: start de tests met npm run test:e2e');
  return url;
};

export { sitemapPaths } from '../support/built-site.ts';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's source, added to every page before it loads (see the page fixture below). */
const AXE_SOURCE: string = createRequire(import.meta.url)('axe-core').source;

type AxeResults = { violations: { id: string; impact?: string | null; help: string; nodes: { target: string[] }[] }[] };

/**
 * Runs axe in the page. axe is injected once per navigation through an init script instead of
 * per call, which makes checking every page of the site about three times faster.
 */
export async function axeViolations(page: Page) {
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    WCAG_TAGS,
  );
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
}

/**
 * The security headers every response must carry (issue: quality gates). Returns what is
 * missing or wrong, so a failure lists every problem of a page at once.
 */
export function securityHeaderProblems(headers: Record<string, string>, path: string): string[] {
  const problems: string[] = [];
  const csp = headers['content-security-policy'] ?? '';
  const expectHeader = (name: string, test: (v: string) => boolean) => {
    if (!test(headers[name] ?? '')) problems.push(`${name}: "${headers[name] ?? ''}"`);
  };
  expectHeader('strict-transport-security', (v) => /max-age=\d{7,}/.test(v));
  expectHeader('x-content-type-options', (v) => v === 'nosniff');
  expectHeader('referrer-policy', (v) => v === 'no-referrer');
  expectHeader('x-frame-options', (v) => v === 'DENY');
  expectHeader('cross-origin-opener-policy', (v) => v === 'same-origin');
  expectHeader('permissions-policy', (v) => v.includes('camera=()') && v.includes('geolocation=()') && v.includes('microphone=()'));
  if (!csp.includes("frame-ancestors 'none'")) problems.push('CSP zonder frame-ancestors');
  if (/script-src[^;]*'unsafe-(inline|eval)'/.test(csp)) problems.push('CSP met unsafe-inline/unsafe-eval voor scripts');
  if (csp.includes('wasm-unsafe-eval') && !/^\/([a-z]{2}\/)?zoeken\/$/.test(path)) problems.push("'wasm-unsafe-eval' buiten de zoekpagina's");
  if (headers['set-cookie'] !== undefined) problems.push('Set-Cookie');
  return problems;
}

export const test = base.extend<{ requests: string[] }>({
  baseURL: async ({}, use) => use(baseURL()),
  page: async ({ page }, use) => {
    await page.addInitScript({ content: AXE_SOURCE });
    await use(page);
  },
  requests: async ({ page }, use) => {
    const seen: string[] = [];
    page.on('request', (request) => seen.push(request.url()));
    await use(seen);
  },
});

export { expect };
