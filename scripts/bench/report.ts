/**
 * npm run bench:report — the report endpoint under load, each figure next to a baseline
 * measured in the same run (needs a build; loopback only; starts its own PostgreSQL):
 * 1. SQLite store: accepted reports per second and p50/p99 of the real endpoint (Astro page,
 *    validation, single-use token, rate limit, committed insert) against a bare node:http
 *    handler doing one committed SQLite insert (scripts/bench/baseline-server.ts).
 * 2. PostgreSQL store: latency at a fixed rate (open loop; BENCH_PG_RATE, default 20 reports/s),
 *    against the same bare handler doing one PostgreSQL insert. Not 100/s, issue 11's figure: since
 *    issue 12 every report costs an Argon2id run, about 40 reports/s for one process on two cores,
 *    and above what it can take the work budget answers 503 by design (issue 21), so at 100/s
 *    this measured the refusals, not the store.
 * 3. Static page latency (GET /hulp/) while the relay delivers 1,000 queued reports, against the
 *    same server idle.
 * Options (env): BENCH_REQUESTS (default 1500), BENCH_CONCURRENCY (8), BENCH_RUNS (3),
 * BENCH_PG_RATE (20).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newSecret, startServer, waitFor } from '../../tests/support/processes.ts';
import { createDatabase, startPostgres } from '../../tests/support/postgres.ts';
import { createReceiver, readReceived } from '../../src/receiver/receiver.ts';
import { closedLoop as loop, median, percentile, postForm as post, REPORT_FIELDS as fields, reportBodies as siteBodies } from './measure.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Closed loop: CONCURRENCY clients posting `bodies` to `url` back to back. */
const closedLoop = (url: string, bodies: string[]) => loop(bodies.length, CONCURRENCY, (i) => post(url, bodies[i]), 303);

/** Open loop: one request every 1000/rate ms, whatever the answers do. */
async function openLoop(url: string, bodies: string[], rate: number) {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    bodies.map(async (body, i) => {
      const due = started + (i * 1000) / rate;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const t0 = performance.now();
      const response = await post(url, body);
      await response.arrayBuffer();
      if (response.status !== 303) failures += 1;
      latencies.push(performance.now() - t0);
    }),
  );
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}

async function startBaseline(env: Record<string, string>) {
  const child = spawn(process.execPath, ['scripts/bench/baseline-server.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(chunk.toString());
      if (match) resolve(match[0]);
    });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
const quiet = { REPORT_MIN_FILL_SECONDS: '0', REPORT_RATE_LIMIT_PER_HOUR: '100000000', REPORT_SECRET: randomBytes(32).toString('base64') };
const postgres = await startPostgres();
try {
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);

  // 1. SQLite, closed loop.
  {
    const site = await startServer({ ...quiet, REPORT_DATA_DIR: join(dir, 'site') });
    const baseline = await startBaseline({ BASELINE_SQLITE: join(dir, 'baseline', 'baseline.sqlite') });
    const baselineBody = new URLSearchParams(fields).toString();
    const results = { site: [] as Awaited<ReturnType<typeof closedLoop>>[], baseline: [] as Awaited<ReturnType<typeof closedLoop>>[] };
    for (let run = 0; run < RUNS; run++) {
      // Alternate, so both see the same machine conditions.
      results.baseline.push(await closedLoop(baseline.url, Array(REQUESTS).fill(baselineBody)));
      results.site.push(await closedLoop(`${site.url}/melden/anoniem/`, await siteBodies(site.url, REQUESTS)));
    }
    await site.stop();
    baseline.stop();
    const summary = (name: keyof typeof results) => ({
      perSecond: median(results[name].map((r) => r.perSecond)),
      p50: median(results[name].map((r) => r.p50)),
      p99: median(results[name].map((r) => r.p99)),
      failures: results[name].reduce((n, r) => n + r.failures, 0),
    });
    const [s, b] = [summary('site'), summary('baseline')];
    console.log(`\n### SQLite store — ${RUNS} runs × ${REQUESTS} POSTs, concurrency ${CONCURRENCY}, medians over runs\n`);
    console.log('| endpoint | reports/s | p50 (ms) | p99 (ms) | non-303 answers |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(
      `| bare node:http + one committed SQLite insert (baseline) | ${b.perSecond.toFixed(0)} | ${b.p50.toFixed(2)} | ${b.p99.toFixed(2)} | ${b.failures} |`,
    );
    console.log(`| /melden/anoniem/ with the SQLite store | ${s.perSecond.toFixed(0)} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.failures} |`);
    console.log(`\nRatio site/baseline throughput: ${(s.perSecond / b.perSecond).toFixed(2)}`);
  }

  // 2. PostgreSQL, open loop at 100 reports/s.
  {
    const RATE = Number(process.env.BENCH_PG_RATE ?? 20);
    const COUNT = RATE * 20;
    const site = await startServer({ ...quiet, REPORT_DATA_DIR: join(dir, 'pg-site'), REPORT_DATABASE_URL: await createDatabase(postgres.url) });
    const baseline = await startBaseline({ BASELINE_POSTGRES: await createDatabase(postgres.url) });
    const baselineResult = await openLoop(baseline.url, Array(COUNT).fill(new URLSearchParams(fields).toString()), RATE);
    const siteResult = await openLoop(`${site.url}/melden/anoniem/`, await siteBodies(site.url, COUNT), RATE);
    await site.stop();
    baseline.stop();
    console.log(`\n### PostgreSQL store — ${COUNT} POSTs at a fixed ${RATE} reports/s (open loop)\n`);
    console.log('| endpoint | p50 (ms) | p99 (ms) | non-303 answers |');
    console.log('| --- | --- | --- | --- |');
    console.log(
      `| bare node:http + one PostgreSQL insert (baseline) | ${baselineResult.p50.toFixed(2)} | ${baselineResult.p99.toFixed(2)} | ${baselineResult.failures} |`,
    );
    console.log(`| /melden/anoniem/ with the PostgreSQL store | ${siteResult.p50.toFixed(2)} | ${siteResult.p99.toFixed(2)} | ${siteResult.failures} |`);
  }

  // 3. Static pages while the relay delivers 1,000 queued reports.
  {
    const QUEUED = 1000;
    const secret = newSecret();
    const receiverFile = join(dir, 'receiver', 'reports.jsonl');
    const handle = createReceiver({ secret, file: receiverFile });
    const receiver = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const forward = { REPORT_FORWARD_URL: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/`, REPORT_FORWARD_SECRET: secret };
    const dataDir = join(dir, 'relay-site');
    // Queue the reports with the relay off, then start a server that delivers them.
    const filler = await startServer({ ...quiet, ...forward, REPORT_DATA_DIR: dataDir, REPORT_RELAY: 'off' });
    await closedLoop(`${filler.url}/melden/anoniem/`, await siteBodies(filler.url, QUEUED));
    await filler.stop();
    const sample = async (until: () => boolean, max: number) => {
      const latencies: number[] = [];
      while (latencies.length < max && !until()) {
        const t0 = performance.now();
        await (await fetch(`${server.url}/hulp/`)).arrayBuffer();
        latencies.push(performance.now() - t0);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return latencies;
    };
    const server = await startServer({ ...quiet, ...forward, REPORT_DATA_DIR: dataDir, REPORT_POLL_MS: '10' });
    const started = performance.now();
    const during = await sample(() => readReceived(receiverFile).length >= QUEUED, 100_000);
    await waitFor(() => readReceived(receiverFile).length >= QUEUED, 120_000, 'aflevering');
    const deliverySeconds = (performance.now() - started) / 1000;
    const idle = await sample(() => false, 300);
    await server.stop();
    receiver.close();
    console.log(`\n### GET /hulp/ while the relay delivers ${QUEUED} queued reports (SQLite store)\n`);
    console.log('| situation | requests | p50 (ms) | p99 (ms) |');
    console.log('| --- | --- | --- | --- |');
    console.log(`| idle server (baseline) | ${idle.length} | ${percentile(idle, 50).toFixed(2)} | ${percentile(idle, 99).toFixed(2)} |`);
    console.log(
      `| relay delivering (${deliverySeconds.toFixed(1)} s for ${QUEUED}) | ${during.length} | ${percentile(during, 50).toFixed(2)} | ${percentile(during, 99).toFixed(2)} |`,
    );
  }
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
