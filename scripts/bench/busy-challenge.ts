/**
 * npm run bench:busy — a reader who arrives while a flood fills the render queue (issue 21): how
 * long until the report form is on their screen, with JavaScript (the busy page's challenge,
 * solved with the page's own loop, src/lib/report/core/solve-proof-of-work.ts, then the same
 * address with ?altcha=) and without (waiting as Retry-After says, then trying again), in one
 * run, against the Node server and then the Worker in its preview. And what the busy page costs
 * the host with and without its challenge (in this process: ProofOfWork.issue() and busyPage()).
 *
 * The hosts run with one render at a time and two places in the queue (REPORT_RENDER_CONCURRENCY=1,
 * REPORT_RENDER_QUEUE=2), so the flood of npm run bench:flood (wrong codes and reports without
 * JavaScript, from a worker thread, scripts/bench/flood-load.ts) keeps the queue full. Three
 * seconds in, readers arrive in two lines at once, one with and one without JavaScript, each
 * reader after the one before, each from an address of its own, until the flood ends; each gives
 * up after 60 s. Solving runs the page's own loop in this process (Node's WebCrypto), which on
 * this machine is slower per number than Chromium's: see docs/BENCHMARKS.md.
 * Goal: every reader with JavaScript whose first GET got the busy page has the form within 60 s
 * (the script exits 1 otherwise); the reader without JavaScript is the baseline of the same run.
 * Options (env): BUSY_TARGETS (default node,serverless; serverless is skipped with a message
 * without its build), FLOOD_SECONDS (default 60, at most 120), FLOOD_CONCURRENCY per kind
 * (default 16, at most 64). Needs a build (npm run build; for the Worker also npm run build:serverless).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startServer, startServerlessPreview, type Started } from '../../tests/support/processes.ts';
import { parse } from '../../tests/support/html.ts';
import { busyPage } from '../../src/server/busy-page.mjs';
import { ProofOfWork } from '../../src/lib/report/core/proof-of-work.ts';
import { solveProofOfWork } from '../../src/lib/report/core/solve-proof-of-work.ts';
import { deriveKeys } from '../../src/lib/report/crypto/keys.ts';
import type { ReportStore } from '../../src/lib/report/store/port.ts';
import { floodedHostEnv, median } from './measure.ts';

const bounded = (name: string, fallback: number, max: number) => Math.min(max, Math.max(1, Number(process.env[name] ?? fallback)));
const FLOOD_SECONDS = bounded('FLOOD_SECONDS', 60, 120);
const CONCURRENCY = bounded('FLOOD_CONCURRENCY', 16, 64);
const TARGETS = (process.env.BUSY_TARGETS ?? 'node,serverless').split(',').filter((t) => t === 'node' || t === 'serverless');
const GIVE_UP_MS = 60_000;
const FORM = '/melden/anoniem/';
const from = (address: string) => ({ 'x-forwarded-for': address, 'cf-connecting-ip': address });
const isBusyPage = (body: string) => /<h[12]>Het is nu erg druk<\/h[12]>/.test(body);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Arrival {
  /** ms until the form, Infinity when not within GIVE_UP_MS. */
  ms: number;
  /** Whether the first GET got the busy page (else the reader needed nothing). */
  busyFirst: boolean;
  /** Busy pages on the way. */
  busy: number;
  /** Levels of the challenges solved (JavaScript only), and the time spent solving. */
  levels: number[];
  solveMs: number;
}

/** A reader with JavaScript: each busy page's challenge solved as its script does, then the address with ?altcha=. */
async function withScript(base: string, ip: string): Promise<Arrival> {
  const t0 = performance.now();
  const arrival: Arrival = { ms: Infinity, busyFirst: false, busy: 0, levels: [], solveMs: 0 };
  let url = `${base}${FORM}`;
  while (performance.now() - t0 < GIVE_UP_MS) {
    const response = await fetch(url, { headers: from(ip) });
    const page = await response.text();
    if (!isBusyPage(page)) {
      if (response.status === 200) arrival.ms = performance.now() - t0;
      return arrival;
    }
    if (arrival.busy++ === 0) arrival.busyFirst = true;
    const challenge = JSON.parse(parse(page)('main').attr('data-challenge')!);
    arrival.levels.push(Number(new URLSearchParams(challenge.salt.split('?')[1]).get('level')));
    const solving = performance.now();
    const number = await solveProofOfWork(challenge);
    arrival.solveMs += performance.now() - solving;
    url = `${base}${FORM}?${new URLSearchParams({ altcha: Buffer.from(JSON.stringify({ ...challenge, number })).toString('base64') })}`;
  }
  return arrival;
}

/** A reader without JavaScript: waits as Retry-After says, then opens the address again. */
async function withoutScript(base: string, ip: string): Promise<Arrival> {
  const t0 = performance.now();
  const arrival: Arrival = { ms: Infinity, busyFirst: false, busy: 0, levels: [], solveMs: 0 };
  while (performance.now() - t0 < GIVE_UP_MS) {
    const response = await fetch(`${base}${FORM}`, { headers: from(ip) });
    const page = await response.text();
    if (!isBusyPage(page)) {
      if (response.status === 200) arrival.ms = performance.now() - t0;
      return arrival;
    }
    if (arrival.busy++ === 0) arrival.busyFirst = true;
    await sleep(Number(response.headers.get('retry-after') ?? 5) * 1000);
  }
  return arrival;
}

async function measure(target: 'node' | 'serverless') {
  const dir = mkdtempSync(join(tmpdir(), 'bench-busy-'));
  const env = { ...floodedHostEnv(dir), REPORT_RENDER_CONCURRENCY: '1', REPORT_RENDER_QUEUE: '2' };
  const server: Started = target === 'node' ? await startServer(env) : await startServerlessPreview(env);
  const base = server.url;
  try {
    const loadBefore = loadavg()[0];
    const attackers = new Worker(new URL('./flood-load.ts', import.meta.url), {
      workerData: { base, seconds: FLOOD_SECONDS, concurrency: CONCURRENCY, addresses: 128, kinds: ['codes', 'reports'] },
    });
    const attacked = new Promise<Record<string, Record<string, number>>>((resolve, reject) => {
      attackers.once('message', resolve);
      attackers.once('error', reject);
    });
    const floodEnd = performance.now() + FLOOD_SECONDS * 1000;
    await sleep(3000);
    // Two lines of readers at once, each reader after the one before, until 5 s before the flood ends.
    const arrivals = (reader: typeof withScript, first: number) => async () => {
      const done: Arrival[] = [];
      for (let n = first; performance.now() < floodEnd - 5000; n += 2) done.push(await reader(base, `192.0.2.${(n % 250) + 1}`));
      return done;
    };
    const [js, noJs] = await Promise.all([arrivals(withScript, 0)(), arrivals(withoutScript, 1)()]);
    const readers = { js, noJs };
    const statuses = await attacked;
    return { readers, statuses, load: [loadBefore, loadavg()[0]] };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time (µs) per busy page of a page opened, without and with its challenge, in this process. */
async function busyPageCost() {
  const proofOfWork = new ProofOfWork(deriveKeys(randomBytes(32)), undefined as unknown as ReportStore, 100_000);
  const req = { method: 'GET', url: '/pl/melden/anoniem/', headers: {} };
  const N = 20_000;
  const cpu = async (page: () => Promise<unknown>) => {
    const start = process.cpuUsage();
    // 64 at a time, as many readers at once would ask.
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        for (let i = 0; i < N / 64; i++) await page();
      }),
    );
    const used = process.cpuUsage(start);
    return (used.user + used.system) / N;
  };
  const rounds = { plain: [] as number[], challenge: [] as number[] };
  for (let round = 0; round < 5; round++) {
    rounds.plain.push(await cpu(async () => busyPage(req, 9, undefined)));
    rounds.challenge.push(await cpu(async () => busyPage(req, 9, undefined, await proofOfWork.issue(2))));
  }
  return { plain: median(rounds.plain), challenge: median(rounds.challenge) };
}

const targets = TARGETS.filter((target) => {
  if (target === 'serverless' && !existsSync('dist-serverless/server/wrangler.json')) {
    console.log('Geen serverless build (npm run build:serverless): alleen de Node-server wordt gemeten.');
    return false;
  }
  return true;
});
const results: [string, Awaited<ReturnType<typeof measure>>][] = [];
for (const target of targets) results.push([target, await measure(target as 'node' | 'serverless')]);
const cost = await busyPageCost();

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `Flood: ${FLOOD_SECONDS} s, ${CONCURRENCY} concurrent loops each of wrong codes and of reports without JavaScript, from 128 addresses per kind; one render at a time, two places in the queue.\n`,
);
console.log(
  '| host | reader | readers | of whom the first GET got the busy page | those: form on screen after, median / max (s) | those: not in within 60 s | those: busy pages on the way (median) | levels solved | solving, median (s) | load before / after |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const seconds = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : '—');
for (const [target, r] of results) {
  const host = target === 'node' ? 'Node' : 'Worker (preview)';
  for (const [label, arrivals] of [
    ['with JavaScript', r.readers.js],
    ['without JavaScript', r.readers.noJs],
  ] as const) {
    // Those whose first GET found the queue full: the case the busy page is for.
    const met = arrivals.filter((a) => a.busyFirst);
    const inTime = met.filter((a) => Number.isFinite(a.ms));
    const levels = [...new Set(met.flatMap((a) => a.levels))].sort().join(', ') || '—';
    console.log(
      `| ${host} | ${label} | ${arrivals.length} | ${arrivals.filter((a) => a.busyFirst).length} | ${seconds(median(inTime.map((a) => a.ms)))} / ${seconds(Math.max(...inTime.map((a) => a.ms)))} | ${met.length - inTime.length} | ${median(met.map((a) => a.busy))} | ${levels} | ${label === 'with JavaScript' ? seconds(median(met.map((a) => a.solveMs))) : '—'} | ${r.load.map((l) => l.toFixed(1)).join(' / ')} |`,
    );
  }
}
// The goal: every reader with JavaScript who met the busy page got the form within a minute.
const missed = results.some(([, r]) => r.readers.js.some((a) => a.busyFirst && !Number.isFinite(a.ms)));
console.log(`\nGoal: every reader with JavaScript who got the busy page has the form within 60 s: ${missed ? 'NOT MET' : 'met'}.`);
if (missed) process.exitCode = 1;
console.log(
  `\nThe busy page of a page opened, CPU per page in this process (median of 5 rounds of 20,000, 64 at a time): ${cost.plain.toFixed(1)} µs without a challenge, ${cost.challenge.toFixed(1)} µs with one (ProofOfWork.issue at level 2: one SHA-256 and one HMAC with node:crypto).`,
);
