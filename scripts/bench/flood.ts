/**
 * npm run bench:flood — the work budget under attack (issue 21), on loopback: static latency of
 * /hulp/ idle and during a flood, in one run, and whether a reader with JavaScript and the right
 * code gets in during the flood. Against the built Node server and then, in the same run, the
 * Worker in its local preview (npm run preview:serverless: workerd behind the preview's edge).
 *
 * The flood: wrong receipt codes and reports without JavaScript (no proof of work), each from
 * many addresses (X-Forwarded-For under REPORT_TRUSTED_PROXIES=1 for Node, CF-Connecting-IP for
 * the Worker, as the edge would set it; both listen on 127.0.0.1 only), for a bounded time.
 * Meanwhile a reader with JavaScript opens the follow-up page, solves its challenge (in a worker
 * thread, as a browser would off its main thread) and sends the right code; it retries as the
 * page tells it, for at most a minute.
 *
 * Goal: static p99 during the flood ≤ 3 × idle p99; the reader gets in within 60 s.
 * Options (env): FLOOD_TARGETS (default node,serverless; serverless is skipped with a message
 * without its build), FLOOD_SECONDS (default 20, at most 120), FLOOD_ADDRESSES (default 128, at
 * most 1000), FLOOD_CONCURRENCY per kind (default 16, at most 64), PROBE_CONCURRENCY (default 4),
 * FLOOD_KINDS (codes,reports).
 * Needs a build (npm run build; for the Worker also npm run build:serverless).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startServer, startServerlessPreview, submitReport, receiptCode, type Started } from '../../tests/support/processes.ts';
import { parse } from '../../tests/support/html.ts';
import { floodedHostEnv, percentile } from './measure.ts';

const bounded = (name: string, fallback: number, max: number) => Math.min(max, Math.max(1, Number(process.env[name] ?? fallback)));
const FLOOD_SECONDS = bounded('FLOOD_SECONDS', 20, 120);
const ADDRESSES = bounded('FLOOD_ADDRESSES', 128, 1000);
const CONCURRENCY = bounded('FLOOD_CONCURRENCY', 16, 64);
const PROBE_CONCURRENCY = bounded('PROBE_CONCURRENCY', 4, 16);
const IDLE_SECONDS = 8;
/** Which floods: 'codes' (wrong receipt codes), 'reports' (reports without JavaScript), or both. */
const KINDS = (process.env.FLOOD_KINDS ?? 'codes,reports').split(',').filter((k) => k === 'codes' || k === 'reports');
/** Which hosts: 'node' (npm run serve), 'serverless' (the Worker in npm run preview:serverless). */
const TARGETS = (process.env.FLOOD_TARGETS ?? 'node,serverless').split(',').filter((t) => t === 'node' || t === 'serverless');
/** Who a request is from, for both hosts: Node reads X-Forwarded-For (one trusted proxy), the Worker CF-Connecting-IP. */
const from = (address: string) => ({ 'x-forwarded-for': address, 'cf-connecting-ip': address });

/** sha256(salt + n) = challenge, for n up to maxnumber: ALTCHA v1, solved off the main thread like a browser's worker. */
function solve(challenge: { challenge: string; salt: string; maxnumber: number }): Promise<number | null> {
  const worker = new Worker(
    `const { parentPort, workerData: c } = require('node:worker_threads');
     const { createHash } = require('node:crypto');
     let found = null;
     for (let n = 0; n <= c.maxnumber; n++) if (createHash('sha256').update(c.salt + n).digest('hex') === c.challenge) { found = n; break; }
     parentPort.postMessage(found);`,
    { eval: true, workerData: challenge },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (n) => {
      resolve(n);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Sequential GETs of /hulp/ from `PROBE_CONCURRENCY` loops until `until`; milliseconds each. */
async function probe(base: string, until: () => boolean): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: PROBE_CONCURRENCY }, async () => {
      while (!until()) {
        const t0 = performance.now();
        const response = await fetch(`${base}/hulp/`);
        await response.arrayBuffer();
        if (response.status === 200) samples.push(performance.now() - t0);
      }
    }),
  );
  return samples;
}

type Samples = number[];
interface Result {
  idle: Samples;
  during: Samples;
  statuses: Record<string, Record<string, number>>;
  reader: { ms: number; tries: number; level: string; solveMs: number };
  load: [number, number];
  warnings: string[];
}

/** One host: idle, then the flood with the reader, in one go. */
async function measure(target: 'node' | 'serverless'): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-flood-'));
  const env = floodedHostEnv(dir);
  const server: Started = target === 'node' ? await startServer(env) : await startServerlessPreview(env);
  const base = server.url;
  const statuses: Record<string, Record<string, number>> = { code: {}, report: {} };
  try {
    const report = {
      municipality: 'venlo',
      exploitationForm: 'arbeidsuitbuiting',
      dangerNow: 'nee',
      description: 'Benchmark: busje met mensen bij de loods, elke nacht.',
    };
    const code = await receiptCode(base, await submitReport(base, report, from('192.0.2.1')));
    // Warm up the server (page cache, JIT) before anything is measured.
    await probe(
      base,
      (
        (end) => () =>
          performance.now() > end
      )(performance.now() + 2000),
    );

    const idleEnd = performance.now() + IDLE_SECONDS * 1000;
    const idle = await probe(base, () => performance.now() > idleEnd);
    const loadBefore = loadavg()[0];

    const floodEnd = performance.now() + FLOOD_SECONDS * 1000;
    const flooding = () => performance.now() < floodEnd;
    const attackers = new Worker(new URL('./flood-load.ts', import.meta.url), {
      workerData: { base, seconds: FLOOD_SECONDS, concurrency: CONCURRENCY, addresses: ADDRESSES, kinds: KINDS },
    });
    const attacked = new Promise<typeof statuses>((resolve, reject) => {
      attackers.once('message', resolve);
      attackers.once('error', reject);
    });
    // The reader with JavaScript arrives once the flood is under way.
    const reader = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const t0 = performance.now();
      let tries = 0;
      while (performance.now() - t0 < 60_000) {
        tries++;
        const opened = await fetch(`${base}/melden/terugkomen/`, { headers: from('192.0.2.99') });
        const page = await opened.text();
        // The host's busy page (every render slot taken, the queue full): wait as it says.
        if (opened.status === 503) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(Number(opened.headers.get('retry-after') ?? 5), 10) * 1000));
          continue;
        }
        const challenge = JSON.parse(parse(page)('[data-challenge]').attr('data-challenge')!);
        const level = new URLSearchParams(challenge.salt.split('?')[1]).get('level') ?? '?';
        const solveStart = performance.now();
        const number = await solve(challenge);
        const solveMs = performance.now() - solveStart;
        const response = await fetch(`${base}/melden/terugkomen/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...from('192.0.2.99') },
          body: new URLSearchParams({ action: 'open', code, language: 'nl', altcha: Buffer.from(JSON.stringify({ ...challenge, number })).toString('base64') }),
        });
        const body = await response.text();
        if (response.status === 200 && body.includes('blijft bewaard tot en met')) return { ms: performance.now() - t0, tries, level, solveMs };
        const wait = Number(response.headers.get('retry-after') ?? 5);
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 10) * 1000));
      }
      return { ms: Infinity, tries, level: '?', solveMs: NaN };
    })();
    const during = await probe(base, () => !flooding());
    Object.assign(statuses, await attacked);
    const got = await reader;
    const warnings = server
      .output()
      .split('\n')
      .filter((line) => /Let op|Error|fout/i.test(line) && !/proefomgeving|REPORT_FORWARD_URL|REPORT_RECIPIENTS/.test(line));
    return { idle, during, statuses, reader: got, load: [loadBefore, loadavg()[0]], warnings };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const targets = TARGETS.filter((target) => {
  if (target === 'serverless' && !existsSync('dist-serverless/server/wrangler.json')) {
    console.log('Geen serverless build (npm run build:serverless): alleen de Node-server wordt gemeten.');
    return false;
  }
  return true;
});
const results: [string, Result][] = [];
for (const target of targets) results.push([target, await measure(target as 'node' | 'serverless')]);

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
const kinds = KINDS.map((k) => ({ codes: 'wrong codes', reports: 'reports without JavaScript (form + post)' })[k as 'codes' | 'reports']).join(' + ');
console.log(
  `Flood (${KINDS.join(',')}): ${FLOOD_SECONDS} s, ${CONCURRENCY} concurrent loops of ${kinds} each, from ${ADDRESSES} addresses per kind (worker thread); /hulp/ probed by ${PROBE_CONCURRENCY} loops.\n`,
);
console.log(
  "| host | /hulp/ idle p50 / p99 (ms) | during p50 / p99 (ms) | p99 ratio | load average (1 min) before / after the flood | attackers' answers | reader with JS and the right code |",
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
let met = true;
for (const [target, r] of results) {
  const ratio = percentile(r.during, 99) / percentile(r.idle, 99);
  const list = (kind: string) =>
    Object.entries(r.statuses[kind])
      .map(([status, count]) => `${count} × ${status}`)
      .join(', ') || '—';
  const reader = Number.isFinite(r.reader.ms)
    ? `in after ${(r.reader.ms / 1000).toFixed(1)} s, ${r.reader.tries} attempt(s), level ${r.reader.level} solved in ${(r.reader.solveMs / 1000).toFixed(1)} s`
    : 'NOT in within 60 s';
  const host = target === 'node' ? 'Node (npm run serve)' : 'Worker (npm run preview:serverless)';
  console.log(
    `| ${host} | ${percentile(r.idle, 50).toFixed(1)} / ${percentile(r.idle, 99).toFixed(1)} (${r.idle.length}) | ${percentile(r.during, 50).toFixed(1)} / ${percentile(r.during, 99).toFixed(1)} (${r.during.length}) | **${ratio.toFixed(2)}×** ${ratio <= 3 ? 'ok' : 'NOT MET'} | ${r.load.map((l) => l.toFixed(1)).join(' / ')} | codes: ${list('code')}; reports: ${list('report')} | ${reader} ${r.reader.ms <= 60_000 ? 'ok' : 'NOT MET'} |`,
  );
  if (r.warnings.length) console.log(`\n${host} warnings:\n${[...new Set(r.warnings)].slice(0, 5).join('\n')}\n`);
  met &&= ratio <= 3 && r.reader.ms <= 60_000;
}
console.log('\nGoal: p99 during the flood ≤ 3 × idle p99 (ratio), the reader in within 60 s. "503 host": the Node host\'s busy page; (n): samples.');
if (!met) process.exitCode = 1;
