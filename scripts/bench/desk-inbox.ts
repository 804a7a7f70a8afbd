/**
 * npm run bench:desk — opening the desk's inbox in Chromium: a large inbox (BENCH_DESK_CASES,
 * default 10,000) against a small one (BENCH_DESK_BASELINE, default 100), and the desk's
 * decryption per report against raw age decryption in a worker of the same browser.
 *
 * Two desks (npm run desk's own code, scripts/desk.ts) on loopback with fresh data folders, set up
 * in Chromium with a virtual passkey authenticator with PRF; each gets its reports through its
 * receiver endpoint, sealed and signed as the site sends them (tests/desk/seed.ts); a few cases then get
 * a status or an internal note through the desk's store. Per round (BENCH_DESK_ROUNDS, default 3),
 * interleaved: reload, press "Ontgrendelen met passkey", and measure in the page the time until
 * the first 50 rows are on screen, until every report is opened and the inbox says so, every long
 * task (PerformanceObserver 'longtask'), and from the key worker's own timing marks the decryption
 * time per report. Then the list as the key worker asks for it (GET /api/zaken: the first page,
 * then every next one): the first answer's time and size, and the whole list's. Then the raw baseline (age-decrypt-worker.ts) on BENCH_DESK_RAW (default 500)
 * reports of the same sizes. Everything it starts it stops, and it removes its folders.
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { addPasskeyAuthenticator, freePort, setUpInBrowser, startDesk, type Desk } from '../../tests/desk/support.ts';
import { SqliteDeskStore } from '../../src/desk/server/sqlite-store.ts';
import { seal } from '../../src/lib/report/crypto/seal.ts';
import { sealedReports, seedDesk, type Seeded } from '../../tests/desk/seed.ts';
import { median } from './measure.ts';

const LARGE = Number(process.env.BENCH_DESK_CASES ?? 10_000);
const SMALL = Number(process.env.BENCH_DESK_BASELINE ?? 100);
const ROUNDS = Number(process.env.BENCH_DESK_ROUNDS ?? 3);
const RAW = Number(process.env.BENCH_DESK_RAW ?? 500);
/** The inbox is done when this many rows are on screen (or all, when there are fewer). */
const FIRST_ROWS = 50;
/** A long task over this many ms is the issue's limit. */
const LIMIT_MS = 200;
/** No single inbox may take longer than this to open (a stuck run fails instead of hanging). */
const OPEN_TIMEOUT_MS = 10 * 60_000;

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');

interface BenchDesk {
  count: number;
  desk: Desk;
  context: BrowserContext;
  page: Page;
  seeded: Seeded;
}

interface Sample {
  firstRows: number;
  allOpened: number;
  decryptPerReport: number | undefined;
  longTasks: number[];
  /** Long tasks over the limit, with when they started and what their animation frame spent its time on. */
  over: string[];
}

/**
 * Installed in every page of a desk's context before its scripts run (CDP, so the desk's CSP does
 * not apply): records long tasks, the moment the unlock button is pressed, the first frame with
 * the first rows in the table, and the moment the summary says the inbox is complete.
 */
function instrument(expected: { rows: number; total: number }) {
  const bench = {
    longTasks: [] as { start: number; duration: number }[],
    frames: [] as { start: number; duration: number; scripts: number; layout: number; top: string }[],
    clickAt: null as number | null,
    firstRowsAt: null as number | null,
    allAt: null as number | null,
  };
  (window as unknown as { __bench: typeof bench }).__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Long animation frames over 200 ms, to say where such a task went: in scripts (which), style
  // and layout, or neither (garbage collection, or the thread waiting for a core).
  type Frame = PerformanceEntry & { styleAndLayoutStart: number; scripts: { duration: number; invoker: string; sourceFunctionName: string }[] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Frame[]) {
      if (entry.duration <= 200) continue;
      const scripts = [...entry.scripts].sort((a, b) => b.duration - a.duration);
      bench.frames.push({
        start: entry.startTime,
        duration: entry.duration,
        scripts: scripts.reduce((sum, x) => sum + x.duration, 0),
        layout: entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0,
        top: scripts
          .slice(0, 2)
          .map((x) => `${x.invoker} ${x.sourceFunctionName} ${Math.round(x.duration)} ms`)
          .join('; '),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  document.addEventListener(
    'click',
    (event) => {
      if ((event.target as Element).closest?.('#unlock-passkey')) bench.clickAt = performance.now();
    },
    true,
  );
  document.addEventListener('DOMContentLoaded', () => {
    const rows = document.getElementById('inbox-rows')!;
    const summary = document.getElementById('inbox-summary')!;
    const view = document.getElementById('view-inbox')!;
    const check = () => {
      if (bench.clickAt === null || view.hidden) return;
      if (bench.firstRowsAt === null && rows.childElementCount >= expected.rows) {
        bench.firstRowsAt = -1;
        // The frame that paints them: rAF runs right before that frame's style, layout and paint.
        requestAnimationFrame(() => (bench.firstRowsAt = performance.now()));
      }
      const busy = document.querySelector('[aria-busy="true"]');
      const text = (summary.textContent ?? '').replaceAll('.', '');
      if (bench.allAt === null && !busy && text.startsWith(`${expected.total} melding`)) bench.allAt = performance.now();
    };
    const observer = new MutationObserver(check);
    observer.observe(rows, { childList: true });
    observer.observe(summary, { childList: true, characterData: true, subtree: true });
    observer.observe(view, { attributes: true, subtree: true, attributeFilter: ['hidden', 'aria-busy'] });
  });
}

async function setUpDesk(browser: Browser, dir: string, count: number, seed: number): Promise<BenchDesk> {
  const port = await freePort();
  const desk = await startDesk(
    { DESK_HOST: '127.0.0.1', DESK_PORT: String(port), DESK_URL: `http://localhost:${port}`, DESK_DATA_DIR: join(dir, `desk-${count}`) },
    300_000,
  );
  const link = /(http:\/\/localhost:\d+\/instellen\/#\S+)/.exec(desk.output())![1];
  const context = await browser.newContext();
  await context.addInitScript(instrument, { rows: Math.min(FIRST_ROWS, count), total: count });
  const page = await context.newPage();
  await addPasskeyAuthenticator(context as never, page as never);
  const env = await setUpInBrowser(page as never, link, 'Beheerder benchmark');
  const seeded = await seedDesk(env.REPORT_FORWARD_URL.replace('localhost', '127.0.0.1'), env.REPORT_FORWARD_SECRET, env.REPORT_RECIPIENTS, count, seed);
  // What staff would have done to some of them: statuses and internal notes (sealed to the desk).
  // Through the desk's store, a second connection to its SQLite file (WAL allows it).
  const store = new SqliteDeskStore(join(dir, `desk-${count}`));
  try {
    const day = new Date().toISOString().slice(0, 10);
    for (const [i, reportId] of seeded.reportIds.entries()) {
      if (i % 10 === 1) await store.updateCase(reportId, { status: 'afgesloten', closingReason: 'politie', acknowledgedDay: day });
      else if (i % 10 === 4) await store.updateCase(reportId, { status: 'in-behandeling', acknowledgedDay: day });
      if (i % 25 === 3)
        await store.addOutgoing({
          kind: 'note',
          reportId,
          sealed: await seal([env.REPORT_RECIPIENTS], `Notitie ${i}: navragen bij de wijkagent.`),
          day,
          memberId: 'benchmark',
        });
    }
  } finally {
    await store.close();
  }
  return { count, desk, context, page, seeded };
}

/** Reloads the desk (the key is forgotten), unlocks with the passkey and waits until the inbox is complete. */
async function openInbox({ desk, page }: BenchDesk): Promise<Sample> {
  await page.goto(`${desk.url}/`);
  await page.locator('#view-unlock:not([hidden])').waitFor();
  await page.locator('#unlock-passkey').click();
  await page.waitForFunction(() => (window as unknown as { __bench: { allAt: number | null; firstRowsAt: number | null } }).__bench.allAt !== null, null, {
    timeout: OPEN_TIMEOUT_MS,
    polling: 100,
  });
  await page.waitForFunction(() => ((window as unknown as { __bench: { firstRowsAt: number | null } }).__bench.firstRowsAt ?? -1) > 0);
  // Long tasks are reported after they end: give the last ones a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const bench = await page.evaluate(
    () =>
      (
        window as unknown as {
          __bench: {
            longTasks: { start: number; duration: number }[];
            frames: { start: number; duration: number; scripts: number; layout: number; top: string }[];
            clickAt: number;
            firstRowsAt: number;
            allAt: number;
          };
        }
      ).__bench,
  );
  // The key worker marks each batch it opened (performance.measure 'meldbalie:openen', detail.count).
  let decryptPerReport: number | undefined;
  for (const worker of page.workers()) {
    const marks = await worker.evaluate(() =>
      performance
        .getEntriesByName('meldbalie:openen')
        .map((e) => ({ ms: e.duration, count: ((e as PerformanceMeasure).detail as { count?: number } | null)?.count ?? 0 })),
    );
    const count = marks.reduce((sum, m) => sum + m.count, 0);
    if (count > 0) decryptPerReport = marks.reduce((sum, m) => sum + m.ms, 0) / count;
  }
  const tasks = bench.longTasks.filter((t) => t.start + t.duration >= bench.clickAt && t.start <= bench.allAt + 1000);
  return {
    firstRows: bench.firstRowsAt - bench.clickAt,
    allOpened: bench.allAt - bench.clickAt,
    decryptPerReport,
    longTasks: tasks.map((t) => t.duration),
    over: tasks
      .filter((t) => t.duration > LIMIT_MS)
      .map((t) => {
        const frame = bench.frames.find((f) => f.start <= t.start + t.duration && f.start + f.duration >= t.start);
        const where = frame
          ? `frame ${Math.round(frame.duration)} ms: scripts ${Math.round(frame.scripts)} ms (${frame.top || 'none'}), style and layout ${Math.round(frame.layout)} ms`
          : 'no frame recorded';
        return `${Math.round(t.duration)} ms at ${Math.round(t.start - bench.clickAt)} ms after the click; ${where}`;
      }),
  };
}

interface ListSample {
  /** The first answer: what a slow connection waits for before the first row. */
  ms: number;
  bytes: number;
  /** Every page to the last. */
  allMs: number;
  allBytes: number;
  pages: number;
}

/** GET /api/zaken with the page's session, in the pages the key worker asks for (src/desk/scripts/worker.ts: 50, then 250). */
async function listApi({ desk, context }: BenchDesk): Promise<ListSample> {
  const get = async (query: string) => {
    const response = await context.request.get(`${desk.url}/api/zaken?${query}`);
    const body = await response.body();
    if (!response.ok()) throw new Error(`/api/zaken?${query}: ${response.status()}`);
    return { bytes: body.length, next: (JSON.parse(body.toString('utf8')) as { volgende?: string | null }).volgende ?? null };
  };
  const started = performance.now();
  let page = await get('aantal=50');
  const first = { ms: performance.now() - started, bytes: page.bytes };
  let allBytes = page.bytes;
  let pages = 1;
  while (page.next !== null) {
    page = await get(`na=${encodeURIComponent(page.next)}&aantal=250`);
    allBytes += page.bytes;
    pages++;
  }
  return { ...first, allMs: performance.now() - started, allBytes, pages };
}

/** Raw age decryption in a worker of the same browser, on a loopback origin of its own. */
async function rawBaseline(browser: Browser) {
  const bundled = await build({
    entryPoints: ['scripts/bench/age-decrypt-worker.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    minify: true,
  });
  const code = bundled.outputFiles[0].text;
  const server = createServer((req, res) => {
    if (req.url === '/worker.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="nl"><title>age</title></html>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const identity = await generateIdentity();
  const items = await sealedReports(await identityToRecipient(identity), RAW, 20);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
  const run = (reuse: boolean) =>
    page.evaluate(
      ({ identity, items, reuse }) =>
        new Promise<{ ms: number; opened: number }>((resolve) => {
          const worker = new Worker('/worker.js', { type: 'module' });
          worker.onmessage = (event) => {
            resolve(event.data);
            worker.terminate();
          };
          worker.postMessage({ identity, items, reuse });
        }),
      { identity, items, reuse },
    );
  return {
    sample: async () => {
      const [reuse, fresh] = [await run(true), await run(false)];
      if (reuse.opened !== RAW || fresh.opened !== RAW) throw new Error('De ruwe ontsleuteling opende niet alles.');
      return { reuse: reuse.ms / RAW, fresh: fresh.ms / RAW };
    },
    close: async () => {
      await context.close();
      server.close();
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-desk-'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-background-networking'] });
const desks: BenchDesk[] = [];
const loads: string[] = [load()];
try {
  for (const [count, seed] of [
    [SMALL, 1],
    [LARGE, 2],
  ]) {
    desks.push(await setUpDesk(browser, dir, count, seed));
    const { seeded } = desks.at(-1)!;
    console.log(
      `Desk with ${count} cases: seeded through its receiver endpoint in ${(seeded.ms / 1000).toFixed(1)} s (${seeded.answers} answers; sealed reports ${(seeded.sealedBytes / count / 1024).toFixed(1)} KB on average).`,
    );
  }
  const raw = await rawBaseline(browser);
  const samples = new Map<number, Sample[]>(desks.map((d) => [d.count, []]));
  const rawSamples: { reuse: number; fresh: number }[] = [];
  const apiSamples = new Map<number, ListSample[]>(desks.map((d) => [d.count, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, so each size and the baseline see the same machine conditions.
    for (const desk of desks) {
      samples.get(desk.count)!.push(await openInbox(desk));
      apiSamples.get(desk.count)!.push(await listApi(desk));
    }
    rawSamples.push(await raw.sample());
    loads.push(load());
    console.log(`Round ${round + 1} of ${ROUNDS} done (load ${load()}).`);
  }
  await raw.close();

  const rawReuse = median(rawSamples.map((s) => s.reuse));
  const rawFresh = median(rawSamples.map((s) => s.fresh));
  const of = (count: number) => {
    const s = samples.get(count)!;
    const decrypt = s.map((x) => x.decryptPerReport).filter((x): x is number => x !== undefined);
    return {
      firstRows: median(s.map((x) => x.firstRows)),
      allOpened: median(s.map((x) => x.allOpened)),
      decrypt: decrypt.length ? median(decrypt) : undefined,
      longest: Math.max(...s.flatMap((x) => x.longTasks), 0),
      over: Math.max(...s.map((x) => x.longTasks.filter((d) => d > LIMIT_MS).length)),
      tasks: Math.max(...s.map((x) => x.longTasks.length)),
      api: median(apiSamples.get(count)!.map((x) => x.ms)),
      bytes: apiSamples.get(count)![0].bytes,
      apiAll: median(apiSamples.get(count)!.map((x) => x.allMs)),
      allBytes: apiSamples.get(count)![0].allBytes,
      pages: apiSamples.get(count)![0].pages,
    };
  };
  const [small, large] = [of(SMALL), of(LARGE)];
  const ms = (n: number | undefined, digits = 0) => (n === undefined ? '–' : n.toFixed(digits));
  const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);
  console.log(
    `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${browser.version()}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(`Load average (1 / 5 / 15 min) at the start and after each round: ${loads.join('; ')}`);
  console.log(`${ROUNDS} rounds, interleaved; medians (long tasks: the worst round). Times from pressing "Ontgrendelen met passkey".\n`);
  console.log(`| measure | ${SMALL} cases (baseline) | ${LARGE} cases | ratio |`);
  console.log('| --- | --- | --- | --- |');
  console.log(`| first ${FIRST_ROWS} rows on screen (ms) | ${ms(small.firstRows)} | ${ms(large.firstRows)} | ${ratio(large.firstRows, small.firstRows)} |`);
  console.log(`| every report opened and listed (ms) | ${ms(small.allOpened)} | ${ms(large.allOpened)} | ${ratio(large.allOpened, small.allOpened)} |`);
  console.log(
    `| the same per report (ms) | ${ms(small.allOpened / SMALL, 2)} | ${ms(large.allOpened / LARGE, 2)} | ${ratio(large.allOpened / LARGE, small.allOpened / SMALL)} |`,
  );
  console.log(`| decryption per report in the key worker (ms) | ${ms(small.decrypt, 2)} | ${ms(large.decrypt, 2)} | ${ratio(large.decrypt, small.decrypt)} |`);
  console.log(`| long tasks (> 50 ms), worst round | ${small.tasks} | ${large.tasks} | |`);
  console.log(`| long tasks over ${LIMIT_MS} ms, worst round | ${small.over} | ${large.over} | |`);
  console.log(`| longest task (ms) | ${ms(small.longest)} | ${ms(large.longest)} | |`);
  console.log(
    `| GET /api/zaken, first answer: time (ms) and size (MB) | ${ms(small.api)}, ${(small.bytes / 2 ** 20).toFixed(2)} | ${ms(large.api)}, ${(large.bytes / 2 ** 20).toFixed(2)} | ${ratio(large.api, small.api)} |`,
  );
  console.log(
    `| GET /api/zaken, every page: time (ms), size (MB), pages | ${ms(small.apiAll)}, ${(small.allBytes / 2 ** 20).toFixed(2)}, ${small.pages} | ${ms(large.apiAll)}, ${(large.allBytes / 2 ** 20).toFixed(2)}, ${large.pages} | ${ratio(large.apiAll, small.apiAll)} |`,
  );
  console.log(
    `\nRaw age decryption in a worker of the same Chromium, ${RAW} reports of the same sizes: ${ms(rawReuse, 2)} ms per report with one Decrypter, ${ms(rawFresh, 2)} ms with a new one per report.`,
  );
  console.log(
    `The desk's decryption per report against raw (one Decrypter): ${ratio(small.decrypt, rawReuse)} (${SMALL} cases), ${ratio(large.decrypt, rawReuse)} (${LARGE} cases).`,
  );
  for (const [count, list] of samples)
    for (const [round, sample] of list.entries())
      for (const line of sample.over) console.log(`Over ${LIMIT_MS} ms, ${count} cases, round ${round + 1}: ${line}`);
  const pass = large.over === 0;
  console.log(`\n${LARGE} cases: ${pass ? `no long task over ${LIMIT_MS} ms` : `NOT within the goal: ${large.over} long tasks over ${LIMIT_MS} ms`}.`);
  process.exitCode = pass ? 0 : 1;
} finally {
  for (const desk of desks) {
    await desk.context.close();
    await desk.desk.stop();
  }
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
