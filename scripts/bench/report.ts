/**
 * npm run bench:report — accepted reports per second and p50/p99 latency of the real report
 * endpoint (Astro page, validation, outbox commit with fsync), next to a bare node:http handler
 * doing the same SQLite insert, measured in the same run. Needs a build. Loopback only.
 * Options (env): BENCH_REQUESTS (default 1500), BENCH_CONCURRENCY (8), BENCH_RUNS (3).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../tests/support/processes.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const fields = {
  municipality: 'woerden',
  exploitationForm: 'arbeidsuitbuiting',
  dangerNow: 'nee',
  description: 'Elke ochtend haalt een wit busje tien mensen op bij het huis op de hoek van de straat.',
  location: 'Hoek van de straat bij de kas',
};

async function load(url: string, body: string) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const t0 = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
          body,
          redirect: 'manual',
        });
        await response.arrayBuffer();
        if (response.status !== 303) failures += 1;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { perSecond: REQUESTS / seconds, p50: pct(50), p99: pct(99), failures };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function startBaseline(outboxFile: string) {
  const child = spawn(process.execPath, ['scripts/bench/baseline-server.ts'], {
    env: { ...process.env, BASELINE_OUTBOX: outboxFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(chunk.toString());
      if (match) resolve(match[0]);
    });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
try {
  const site = await startServer({
    REPORT_DATA_DIR: join(dir, 'site'),
    REPORT_MIN_FILL_SECONDS: '0',
    REPORT_RATE_LIMIT_PER_HOUR: '100000000',
  });
  const form = await (await fetch(`${site.url}/melden/anoniem/`)).text();
  const token = /name="token" value="([^"]+)"/.exec(form)![1];
  const siteBody = new URLSearchParams({ ...fields, token, language: 'nl' }).toString();
  const baseline = await startBaseline(join(dir, 'baseline', 'outbox.sqlite'));
  const baselineBody = new URLSearchParams(fields).toString();

  const results = { site: [] as Awaited<ReturnType<typeof load>>[], baseline: [] as Awaited<ReturnType<typeof load>>[] };
  for (let run = 0; run < RUNS; run++) {
    // Alternate, so both see the same machine conditions.
    results.baseline.push(await load(baseline.url, baselineBody));
    results.site.push(await load(`${site.url}/melden/anoniem/`, siteBody));
  }
  await site.stop();
  baseline.stop();

  const summary = (name: keyof typeof results) => ({
    perSecond: median(results[name].map((r) => r.perSecond)),
    p50: median(results[name].map((r) => r.p50)),
    p99: median(results[name].map((r) => r.p99)),
    failures: results[name].reduce((n, r) => n + r.failures, 0),
  });
  const s = summary('site');
  const b = summary('baseline');
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`${RUNS} runs × ${REQUESTS} POSTs, concurrency ${CONCURRENCY}, medians over runs; every request a committed insert (synchronous=FULL).`);
  console.log('| endpoint | reports/s | p50 (ms) | p99 (ms) | non-303 answers |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(`| bare node:http + same insert (baseline) | ${b.perSecond.toFixed(0)} | ${b.p50.toFixed(2)} | ${b.p99.toFixed(2)} | ${b.failures} |`);
  console.log(`| /melden/anoniem/ (Astro, validation, outbox) | ${s.perSecond.toFixed(0)} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.failures} |`);
  console.log(`Ratio site/baseline throughput: ${(s.perSecond / b.perSecond).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
