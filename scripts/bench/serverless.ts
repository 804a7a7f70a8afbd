/**
 * npm run bench:serverless — the serverless target next to the Node server, in the same run
 * (needs both builds: npm run build && npm run build:serverless; loopback only, no network):
 * 1. Worker size as Cloudflare counts it (`wrangler deploy --dry-run`: "Total Upload … / gzip …"),
 *    against the platform's limits, with the largest modules and the static assets.
 * 2. Intake latency: accepted reports per second and p50/p99 of POST /melden/anoniem/ on the
 *    Worker in workerd (npm run preview:serverless, local D1) and on the Node server (SQLite),
 *    alternating runs; GET /hulp/ (a prerendered page) on both; and POST /hulp/, refused before
 *    Astro, the store or the assets, which shows what each host costs on its own.
 * Options (env): BENCH_REQUESTS (default 600), BENCH_CONCURRENCY (8), BENCH_RUNS (3).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer, startServerlessPreview, type Started } from '../../tests/support/processes.ts';
import { closedLoop as loop, median, postForm, reportBodies } from './measure.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SERVER = 'dist-serverless/server';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
const kib = (bytes: number) => (bytes / 1024).toFixed(1);

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);

// 1. Size.
{
  const dryRun = execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'deploy', '--dry-run', '--config', `${SERVER}/wrangler.json`], {
    encoding: 'utf8',
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_HIDE_BANNER: 'true',
      WRANGLER_LOG_PATH: mkdtempSync(join(tmpdir(), 'bench-wrangler-log-')),
    },
  });
  const total = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(dryRun);
  if (!total) throw new Error(`Geen grootte in de uitvoer van wrangler deploy --dry-run:\n${dryRun}`);
  const [raw, gzip] = [Number(total[1]), Number(total[2])];
  const modules = files(SERVER)
    .filter((f) => /\.m?js$/.test(f))
    .map((f) => {
      const bytes = readFileSync(f);
      return { name: relative(SERVER, f), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.raw - a.raw);
  const assets = files('dist-serverless/client').filter((f) => !/\/(\.assetsignore|_headers)$/.test(f));
  const assetBytes = assets.reduce((n, f) => n + statSync(f).size, 0);
  console.log('\n### Worker size (wrangler deploy --dry-run)\n');
  console.log('| what | raw (KiB) | gzip (KiB) | limit (gzip) | share of the limit |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(`| Worker, ${modules.length} modules | ${raw.toFixed(1)} | ${gzip.toFixed(1)} | 3 MiB (Workers Free) | ${((gzip / 3072) * 100).toFixed(0)} % |`);
  console.log(`| | | | 10 MiB (Workers Paid) | ${((gzip / 10240) * 100).toFixed(0)} % |`);
  console.log('\nLargest modules (gzip -9 each):\n');
  console.log('| module | raw (KiB) | gzip (KiB) |');
  console.log('| --- | --- | --- |');
  for (const m of modules.slice(0, 5)) console.log(`| ${m.name.replace(/_[\w-]{8}\.mjs$/, '_….mjs')} | ${kib(m.raw)} | ${kib(m.gzip)} |`);
  console.log(
    `\nStatic assets (served by the platform, not part of the Worker): ${assets.length} files, ${(assetBytes / 1024 / 1024).toFixed(1)} MiB; limits 20,000 files (Free) / 100,000 (Paid), 25 MiB per file.`,
  );
}

// 2. Latency.
/** Closed loop: CONCURRENCY clients one request after another; `make` gives the i-th request. */
const closedLoop = (count: number, make: (i: number) => Promise<Response>, expected: number) => loop(count, CONCURRENCY, make, expected);

const dir = mkdtempSync(join(tmpdir(), 'bench-serverless-'));
const quiet = { REPORT_MIN_FILL_SECONDS: '0', REPORT_RATE_LIMIT_PER_HOUR: '100000000', REPORT_SECRET: randomBytes(32).toString('base64') };
const servers: Record<'node' | 'worker', Started> = {
  node: await startServer({ ...quiet, REPORT_DATA_DIR: join(dir, 'node') }),
  worker: await startServerlessPreview({ ...quiet, REPORT_DATA_DIR: join(dir, 'worker') }),
};
try {
  type Result = Awaited<ReturnType<typeof closedLoop>>;
  const results: Record<string, Result[]> = {};
  const add = (key: string, result: Result) => (results[key] ??= []).push(result);
  for (let run = 0; run < RUNS; run++) {
    for (const name of ['node', 'worker'] as const) {
      const base = servers[name].url;
      const posts = await reportBodies(base, REQUESTS);
      const post = (i: number) => postForm(`${base}/melden/anoniem/`, posts[i]);
      add(`${name} POST`, await closedLoop(REQUESTS, post, 303));
      add(`${name} GET`, await closedLoop(REQUESTS, () => fetch(`${base}/hulp/`), 200));
      // Refused before Astro, the store or the assets: what the host itself costs per request.
      // POST, not PUT: the preview's stand-in for the edge answers other methods itself.
      add(`${name} refused`, await closedLoop(REQUESTS, () => fetch(`${base}/hulp/`, { method: 'POST' }), 405));
    }
  }
  const row = (label: string, key: string) => {
    const r = results[key];
    return `| ${label} | ${median(r.map((x) => x.perSecond)).toFixed(0)} | ${median(r.map((x) => x.p50)).toFixed(2)} | ${median(r.map((x) => x.p99)).toFixed(2)} | ${r.reduce((n, x) => n + x.failures, 0)} |`;
  };
  console.log(`\n### Intake latency — ${RUNS} runs × ${REQUESTS} requests, concurrency ${CONCURRENCY}, medians over runs, alternating\n`);
  console.log('| endpoint | requests/s | p50 (ms) | p99 (ms) | unexpected answers |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(row('POST /melden/anoniem/ — Node server, SQLite (baseline)', 'node POST'));
  console.log(row('POST /melden/anoniem/ — Worker in workerd, local D1', 'worker POST'));
  console.log(row('GET /hulp/ — Node server (baseline)', 'node GET'));
  console.log(row('GET /hulp/ — Worker in workerd, from ASSETS', 'worker GET'));
  console.log(row('POST /hulp/ (refused, 405) — Node server (baseline)', 'node refused'));
  console.log(row('POST /hulp/ (refused, 405) — Worker in workerd', 'worker refused'));
  const ratio = (key: string) => median(results[`worker ${key}`].map((x) => x.p50)) / median(results[`node ${key}`].map((x) => x.p50));
  console.log(`\nRatio Worker/Node p50: POST ${ratio('POST').toFixed(2)}, GET ${ratio('GET').toFixed(2)}, refused POST ${ratio('refused').toFixed(2)}`);
} finally {
  await servers.node.stop();
  await servers.worker.stop();
  rmSync(dir, { recursive: true, force: true });
}
