/**
 * npm run bench:weight — what a browser downloads for one page of each template, from the
 * real server in headless Chromium: bytes per kind (HTML, CSS, JS, fonts, images), raw and as
 * the server sent them (Chromium's encoded body sizes: the build's Brotli or gzip copies for
 * prerendered files, the blank report form compressed on the fly, every other on-demand answer
 * uncompressed), against the budget (under 50 KB and under 10 KB of JavaScript, search
 * excepted). For search, the download for one query is reported separately. Exits with 1 when
 * a page is over budget. Needs a build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Response } from 'playwright-core';
import { startServer } from '../../tests/support/processes.ts';

const TEMPLATES: [string, string][] = [
  ['home', '/'],
  ['gemeente', '/gemeenten/woerden/'],
  ['beleidsplan', '/beleid/noord-midden-limburg-2022/'],
  ['signaal', '/signalen/signaal/paspoort-niet-in-eigen-bezit/'],
  ['signalen per vorm', '/signalen/arbeidsuitbuiting/'],
  ['sector', '/ondernemers/bouw/'],
  ['meldroute-stap', '/gemeenten/venlo/melden/uitkomst-zorgen-om-naaste/'],
  ['meldformulier', '/melden/anoniem/'],
  ['meldformulier, gemeente gekozen', '/melden/anoniem/?gemeente=woerden'],
  ['signalenkaart', '/gemeenten/woerden/signalenkaart/'],
  ['zoeken (pagina)', '/zoeken/'],
  ['home (pl)', '/pl/'],
  ['alle signalen (uk)', '/uk/signalen/'],
  ['meldroute-stap (pl)', '/pl/melden/uitkomst-anoniem/'],
  ['meldformulier (uk)', '/uk/melden/anoniem/'],
  ['alleen Nederlands (bg)', '/bg/gemeenten/woerden/'],
];
const KINDS = ['html', 'css', 'js', 'font', 'image', 'other'] as const;
type Kind = (typeof KINDS)[number];

function kindOf(response: Response): Kind {
  const type = response.headers()['content-type'] ?? '';
  if (type.includes('html')) return 'html';
  if (type.includes('css')) return 'css';
  if (type.includes('javascript')) return 'js';
  if (type.includes('font')) return 'font';
  if (type.includes('image')) return 'image';
  return 'other';
}

type Tally = Record<Kind, { raw: number; served: number }>;
const empty = (): Tally => Object.fromEntries(KINDS.map((k) => [k, { raw: 0, served: 0 }])) as Tally;

async function tallyOf(responses: Response[]): Promise<Tally> {
  const tally = empty();
  for (const response of responses) {
    // A worker's script (the report form's proof-of-work solver) is gone from the browser once
    // the worker has finished; fetch it again rather than count it as nothing.
    const body = await response.body().catch(async () => Buffer.from(await (await fetch(response.url())).arrayBuffer()));
    const kind = kindOf(response);
    tally[kind].raw += body.length;
    // The body as it came over the wire, before the browser decompressed it.
    tally[kind].served += (await response.request().sizes()).responseBodySize;
  }
  return tally;
}

const kb = (n: number) => (n / 1024).toFixed(1);
const total = (t: Tally, key: 'raw' | 'served') => KINDS.reduce((sum, k) => sum + t[k][key], 0);

const dir = mkdtempSync(join(tmpdir(), 'bench-weight-'));
const server = await startServer({ REPORT_DATA_DIR: dir });
const overBudget: string[] = [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-background-networking'] });
try {
  console.log('| template | page | HTML | CSS | JS | fonts | images | total as served (KB) | total raw (KB) | budget |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [name, path] of TEMPLATES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const responses: Response[] = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    const t = await tallyOf(responses);
    const served = total(t, 'served');
    const within = name.startsWith('zoeken') || (served < 50 * 1024 && t.js.served < 10 * 1024);
    if (!within) overBudget.push(path);
    console.log(
      `| ${name} | ${path} | ${kb(t.html.served)} | ${kb(t.css.served)} | ${kb(t.js.served)} | ${kb(t.font.served)} | ${kb(t.image.served)} | ${kb(served)} | ${kb(total(t, 'raw'))} | ${within ? 'binnen' : 'TE ZWAAR'} |`,
    );
    await context.close();
  }

  // One search, after the search page has loaded: what Pagefind fetches for the query.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/zoeken/`, { waitUntil: 'networkidle' });
  const responses: Response[] = [];
  page.on('response', (r) => responses.push(r));
  await page.getByLabel('Waar zoekt u naar?').fill('paspoort');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.locator('[data-search-results] li').first().waitFor();
  await page.waitForLoadState('networkidle');
  const t = await tallyOf(responses);
  console.log(
    `\nOne search for "paspoort" on /zoeken/: ${responses.length} requests, ${kb(total(t, 'served'))} KB of bodies as served, ${kb(total(t, 'raw'))} KB decompressed.`,
  );
  await context.close();
  if (overBudget.length) {
    console.error(`\nTe zwaar: ${overBudget.join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
