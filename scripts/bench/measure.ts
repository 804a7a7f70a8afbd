/**
 * What the benchmarks share: medians and percentiles, the report a browser without JavaScript
 * sends, a closed loop of requests, and the settings of a flooded host. One copy, so that every table in docs/BENCHMARKS.md is
 * computed the same way.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** The middle value (the upper one of an even count), as every "median of N rounds" in the tables. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The p-th percentile by rank (nearest rank, no interpolation); NaN for no values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A report every server accepts, with a location (a little more than the form's minimum). */
export const REPORT_FIELDS = {
  municipality: 'woerden',
  exploitationForm: 'arbeidsuitbuiting',
  dangerNow: 'nee',
  description: 'Elke ochtend haalt een wit busje tien mensen op bij het huis op de hoek van de straat.',
  location: 'Hoek van de straat bij de kas',
};

/** Request bodies for the real form: each form token is accepted once, so each POST gets its own (fetched untimed). */
export async function reportBodies(base: string, count: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const form = await (await fetch(`${base}/melden/anoniem/`)).text();
    const token = /name="token" value="([^"]+)"/.exec(form)?.[1];
    if (!token) throw new Error(`Geen formuliertoken in ${base}/melden/anoniem/`);
    bodies.push(new URLSearchParams({ ...REPORT_FIELDS, token, language: 'nl' }).toString());
  }
  return bodies;
}

/** POSTs one form body the way a browser without JavaScript does (no redirect followed). */
export const postForm = (url: string, body: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body,
    redirect: 'manual',
  });

/**
 * Closed loop: `concurrency` clients, each sending its next request when the last one answered;
 * `make` gives the i-th request. Counts answers whose status is not `expected` as failures.
 */
export async function closedLoop(count: number, concurrency: number, make: (i: number) => Promise<Response>, expected: number) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const response = await make(i);
        await response.arrayBuffer();
        if (response.status !== expected) failures += 1;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { perSecond: count / ((performance.now() - started) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}

/**
 * The settings of a host under a flood (bench:flood, bench:busy): its own data folder under `dir`
 * and a fresh secret, the reader's address from X-Forwarded-For (one trusted proxy; the Worker
 * takes CF-Connecting-IP), no relay, no minimum fill time.
 */
export const floodedHostEnv = (dir: string) => ({
  REPORT_DATA_DIR: join(dir, 'data'),
  REPORT_SECRET: randomBytes(32).toString('base64'),
  REPORT_TRUSTED_PROXIES: '1',
  REPORT_RELAY: 'off',
  REPORT_MIN_FILL_SECONDS: '0',
});
