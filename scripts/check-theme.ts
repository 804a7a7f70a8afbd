/**
 * npm run check:theme -- <theme> — builds the site with another theme (MELDWIJZER_THEME, default
 * the example theme "voorbeeld") into .theme-check/<theme>/, serves that build and runs axe
 * (WCAG 2.2 AA) on the main templates at phone and desktop width, the form with its errors too.
 * The theme's colour pairs are already checked when the build starts (src/lib/theme/contrast.ts);
 * this checks the pages as a reader gets them. A full build takes minutes, which is why this is
 * a command of its own and not part of npm test. --no-build reuses the last build.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/support/processes.ts';
import { WCAG_TAGS } from '../tests/e2e/fixtures.ts';

const args = process.argv.slice(2);
const theme = args.find((a) => !a.startsWith('--')) ?? 'voorbeeld';
const out = join('.theme-check', basename(theme));

if (!args.includes('--no-build')) {
  const started = Date.now();
  const build = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, MELDWIJZER_THEME: theme, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  console.log(`Gebouwd met thema ${theme} in ${Math.round((Date.now() - started) / 1000)} s: ${out}/`);
}

const PAGES = ['/', '/gemeenten/woerden/', '/signalen/signaal/paspoort-niet-in-eigen-bezit/', '/melden/', '/melden/uitkomst-anoniem/', '/pl/', '/zoeken/'];
const SIZES = [
  { width: 390, height: 800 },
  { width: 1280, height: 800 },
];
const axeSource: string = createRequire(import.meta.url)('axe-core').source;

const server = await startServer({ MELDWIJZER_DIST: out, REPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'check-theme-')), REPORT_MIN_FILL_SECONDS: '0' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const problems: string[] = [];
try {
  const axe = async (page: import('playwright-core').Page, label: string) => {
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(
      (tags) =>
        (
          window as unknown as {
            axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> };
          }
        ).axe
          .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
          .then((r) =>
            r.violations.map(
              (v) =>
                `${v.id} (${v.help}): ${v.nodes
                  .slice(0, 3)
                  .map((n) => n.target.join(' '))
                  .join(', ')}`,
            ),
          ),
      WCAG_TAGS,
    );
    for (const v of violations) problems.push(`${label}: ${v}`);
  };
  for (const size of SIZES) {
    // Without the page's own scripts, so axe may be added to it (the CSP allows only 'self').
    const context = await browser.newContext({ viewport: size, bypassCSP: true });
    const page = await context.newPage();
    for (const path of PAGES) {
      await page.goto(`${server.url}${path}`);
      await axe(page, `${path} @${size.width}`);
    }
    // The report form with every error shown.
    await page.goto(`${server.url}/melden/anoniem/`);
    await page.locator('form.report-form button[type="submit"]').click();
    await page.waitForSelector('.error-summary');
    await axe(page, `/melden/anoniem/ (fouten) @${size.width}`);
    // The phone header with its menu open.
    if (size.width < 600) {
      await page.locator('summary', { hasText: /menu/i }).first().click();
      await axe(page, `/melden/anoniem/ (menu open) @${size.width}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
if (problems.length) {
  console.error(`axe vond ${problems.length} problemen met thema ${theme}:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`axe: geen problemen met thema ${theme} op ${PAGES.length + 1} pagina's, op ${SIZES.map((s) => s.width).join(' en ')} px breed.`);
