/**
 * npm run screenshots -- <folder> — screenshots of the main templates at phone (390×800) and
 * desktop (1280×800) width, from the built site (npm run build first), into
 * docs/screenshots/<folder>/ (default "after"). Prints where each page's h1 starts at 390×800,
 * so a change to the header can be measured against the 250 px target (issue 16).
 * The form is sent at once, so the server it starts waives the minimum fill time (REPORT_MIN_FILL_SECONDS=0).
 * BASE_URL=http://… uses a running server (npm run dev) instead of starting the built one.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../tests/support/processes.ts';

const folder = process.argv[2] ?? 'after';
const out = join('docs', 'screenshots', folder);
mkdirSync(out, { recursive: true });

/** Name, path, and what to do on the page before the picture (the form with errors, search). */
const SHOTS: [string, string, ((page: Page) => Promise<void>)?][] = [
  ['home', '/'],
  ['gemeente', '/gemeenten/woerden/'],
  ['meldroute-start', '/melden/'],
  ['meldroute-stap', '/melden/uitkomst-anoniem/'],
  [
    'formulier-fouten',
    '/melden/anoniem/',
    async (page) => {
      await page.locator('form.report-form button[type="submit"]').first().click();
      await page.waitForSelector('.error-summary, [data-error-summary]', { timeout: 10_000 }).catch(() => undefined);
      await page.evaluate(() => window.scrollTo(0, 0));
    },
  ],
  [
    'zoeken',
    '/zoeken/?q=loverboy',
    async (page) => {
      await page.waitForSelector('.search-results li, [data-search-results] li', { timeout: 10_000 }).catch(() => undefined);
    },
  ],
];
const SIZES = [
  { name: '390', width: 390, height: 800 },
  { name: '1280', width: 1280, height: 800 },
];

const server = process.env.BASE_URL
  ? undefined
  : await startServer({ REPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'screenshots-')), REPORT_MIN_FILL_SECONDS: '0' });
const base = process.env.BASE_URL ?? server!.url;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  console.log('| page | path | h1 top at 390×800 (px) |');
  console.log('| --- | --- | --- |');
  for (const [name, path, prepare] of SHOTS) {
    let top = NaN;
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
      await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      if (prepare) await prepare(page);
      if (size.width === 390) top = await page.evaluate(() => document.querySelector('h1')?.getBoundingClientRect().top ?? NaN);
      // Viewport only: what a reader sees first, and a small file.
      await page.screenshot({ path: join(out, `${name}-${size.name}.png`) });
      await page.close();
    }
    console.log(`| ${name} | ${path} | ${Math.round(top)} |`);
  }
} finally {
  await browser.close();
  await server?.stop();
}
