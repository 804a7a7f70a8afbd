/**
 * npm run bench:search — what search costs a reader, from the real server in headless Chromium.
 * First the search page itself (what every visitor of /zoeken/ downloads), then, for each query,
 * in a fresh browser (cold cache), everything fetched from typing the query until the results
 * have settled: requests; the bodies as our server sent them (its Brotli or gzip copies, chosen
 * by the browser's Accept-Encoding; Pagefind's index files are gzip already); the response
 * headers apart; per Pagefind file kind; and the top results, to see that findability held. Finally the four queries one after another in one
 * page: what a further query costs once Pagefind runs.
 * Needs a build (npm run build).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { startServer } from '../../tests/support/processes.ts';

const QUERIES = ['paspoort', 'bouw', 'Woerden', 'loverboy'];
const KINDS = ['page', 'pagefind.js', 'worker', 'wasm', 'entry+meta', 'index', 'filter', 'fragment'] as const;
type Kind = (typeof KINDS)[number];

function kindOf(url: string): Kind {
  const path = new URL(url).pathname;
  if (!path.startsWith('/pagefind/')) return 'page';
  if (path.endsWith('/pagefind.js')) return 'pagefind.js';
  if (path.endsWith('-worker.js')) return 'worker';
  if (path.includes('/wasm.')) return 'wasm';
  if (path.endsWith('.pf_index')) return 'index';
  if (path.endsWith('.pf_filter')) return 'filter';
  if (path.endsWith('.pf_fragment')) return 'fragment';
  return 'entry+meta';
}

interface Tally {
  requests: number;
  /** Bytes as the server sent them, headers included. */
  served: number;
  /** Bodies as sent (compressed where the server compressed): the figure the 100 KB target is about. */
  bodies: number;
  /** Response headers (HTTP/1.1 here; HTTP/2 compresses the repeated ones to a few bytes). */
  headers: number;
  byKind: Record<Kind, { requests: number; bodies: number }>;
}

/**
 * Records every request of the browser context (so the Pagefind worker's fetches count too)
 * from now on; `settle` waits until the network has been quiet for a while and totals it.
 */
function recorder(context: BrowserContext) {
  const finished: Request[] = [];
  let inFlight = 0;
  let lastActivity = Date.now();
  context.on('request', () => {
    inFlight++;
    lastActivity = Date.now();
  });
  const done = (request: Request) => {
    inFlight--;
    lastActivity = Date.now();
    finished.push(request);
  };
  context.on('requestfinished', done);
  context.on('requestfailed', done);
  return {
    async settle(quietMs = 700): Promise<Tally> {
      while (inFlight > 0 || Date.now() - lastActivity < quietMs) await new Promise((r) => setTimeout(r, 50));
      const taken = finished.splice(0);
      const tally: Tally = {
        requests: 0,
        served: 0,
        bodies: 0,
        headers: 0,
        byKind: Object.fromEntries(KINDS.map((k) => [k, { requests: 0, bodies: 0 }])) as Tally['byKind'],
      };
      for (const request of taken) {
        // Bytes on the wire, before the browser decompressed them.
        const { responseHeadersSize, responseBodySize } = await request.sizes();
        const kind = kindOf(request.url());
        tally.requests++;
        tally.served += responseBodySize + responseHeadersSize;
        tally.bodies += responseBodySize;
        tally.headers += responseHeadersSize;
        tally.byKind[kind].requests++;
        tally.byKind[kind].bodies += responseBodySize;
      }
      return tally;
    },
  };
}

/** Types the query as a person would (fast enough that a debounce fires once), then presses Enter. */
async function search(page: Page, query: string): Promise<string[]> {
  const input = page.getByLabel('Waar zoekt u naar?');
  await input.fill('');
  await input.pressSequentially(query, { delay: 60 });
  await input.press('Enter');
  await page.waitForFunction(
    (q) => {
      const text = document.querySelector('[data-search-status]')?.textContent ?? '';
      return text.includes(`"${q}"`);
    },
    query,
    { timeout: 30_000 },
  );
  return page.locator('[data-search-results] a').evaluateAll((links) => links.map((l) => new URL((l as HTMLAnchorElement).href).pathname));
}

const kb = (n: number) => (n / 1024).toFixed(1);

const dir = mkdtempSync(join(tmpdir(), 'bench-search-'));
const server = await startServer({ REPORT_DATA_DIR: dir });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-background-networking'] });
try {
  const rows: string[] = [];
  let firstLoad: Tally | undefined;
  for (const query of QUERIES) {
    const context = await browser.newContext();
    const record = recorder(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/zoeken/`);
    const loaded = await record.settle();
    firstLoad ??= loaded;
    const top = await search(page, query);
    const t = await record.settle();
    const kinds = KINDS.filter((k) => k !== 'page').map((k) => `${t.byKind[k].requests} / ${kb(t.byKind[k].bodies)}`);
    rows.push(`| ${query} | ${t.requests} | ${kb(t.bodies)} | ${kb(t.headers)} | **${kb(t.served)}** | ${kinds.join(' | ')} | ${top.slice(0, 3).join(' ')} |`);
    await context.close();
  }
  console.log(
    `Search page /zoeken/, first load: ${firstLoad!.requests} requests, ${kb(firstLoad!.bodies)} KB of bodies as served, ${kb(firstLoad!.headers)} KB of headers, ${kb(firstLoad!.served)} KB in all.\n`,
  );
  console.log('One query in a fresh browser, after the page has loaded (KB as served; per kind: requests / KB of bodies):\n');
  console.log(`| query | requests | bodies | headers | all (bodies + headers) | ${KINDS.filter((k) => k !== 'page').join(' | ')} | top 3 results |`);
  console.log(
    `| --- | --- | --- | --- | --- | ${KINDS.filter((k) => k !== 'page')
      .map(() => '---')
      .join(' | ')} | --- |`,
  );
  for (const row of rows) console.log(row);

  // The same queries in one page: the one-off cost (WebAssembly, metadata) is paid once.
  const context = await browser.newContext();
  const record = recorder(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/zoeken/`);
  await record.settle();
  console.log('\nThe four queries one after another in one page:\n');
  console.log('| query | requests | bodies | headers | all (bodies + headers) |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const query of QUERIES) {
    await search(page, query);
    const t = await record.settle();
    console.log(`| ${query} | ${t.requests} | ${kb(t.bodies)} | ${kb(t.headers)} | ${kb(t.served)} |`);
  }
  await context.close();
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
