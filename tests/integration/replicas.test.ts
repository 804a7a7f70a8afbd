/**
 * Three server processes on one real PostgreSQL, each with its own relay, behind one
 * (simulated) reverse proxy, delivering to the reference receiver — the way municipalities
 * host. Forms are fetched from one instance and posted to another, receipts read on a third;
 * one instance is killed (SIGKILL) while it delivers. Every receipted report must arrive, each
 * webhook-id is stored once, and the per-client limit holds across the three together.
 * Needs a build (npm test builds first) and the PostgreSQL server package (.ci/run installs it).
 * Not in npm test: `npm run test:long`, part of `npm run test:more`, which .ci/run runs after it.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createReceiver, readReceived } from '../../src/receiver/receiver.ts';
import { parse } from '../support/html.ts';
import { newSecret, startServer, waitFor, type Started } from '../support/processes.ts';
import { createDatabase, startPostgres, type PostgresServer } from '../support/postgres.ts';

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
}, 60_000);

const REPORTS = 300;
const LIMIT = 5;

/**
 * The reference receiver, holding every delivery until `release()`: the instance killed before
 * that is sure to die with deliveries in flight, whatever the machine's speed (a receiver that
 * was only slowed down had every report by then on a busy machine, and the kill tested nothing).
 * A held delivery may time out at its relay and come again; the receiver stores each id once.
 */
async function heldReceiver(secret: string) {
  const dir = mkdtempSync(join(tmpdir(), 'replicas-receiver-'));
  const file = join(dir, 'reports.jsonl');
  const handle = createReceiver({ secret, file });
  const requests: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server: Server = createServer((req, res) => {
    requests.push(String(req.headers['webhook-id']));
    // A relay that gave up on a held request has closed it; its answer no longer matters.
    released.then(() => handle(req, res)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, requests, received: () => readReceived(file), release };
}

const form = {
  municipality: 'woerden',
  exploitationForm: 'arbeidsuitbuiting',
  dangerNow: 'nee',
};

/** GET the form from one instance, POST it to another, as the client behind the proxy. */
async function report(from: Started, to: Started, client: string, description: string) {
  const headers = { 'x-forwarded-for': client };
  const page = await (await fetch(`${from.url}/melden/anoniem/`, { headers })).text();
  const token = /name="token" value="([^"]+)"/.exec(page)![1];
  return fetch(`${to.url}/melden/anoniem/`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ ...form, description, token, language: 'nl' }),
    redirect: 'manual',
  });
}

/** Reads the one-time receipt on another instance than the one that accepted the report. */
async function receipt(on: Started, response: Response) {
  expect(response.status).toBe(303);
  const page = await (await fetch(new URL(response.headers.get('location')!, on.url))).text();
  return parse(page)('.reference-code').first().text().trim();
}

describe('three instances on one PostgreSQL', () => {
  it(`deliver all of ${REPORTS} receipted reports once, survive a SIGKILL, and share one limit per client`, { timeout: 180_000 }, async () => {
    let postgres: PostgresServer;
    postgres = await startPostgres();
    cleanup.push(() => postgres.stop());
    const databaseUrl = await createDatabase(postgres.url);
    const secret = newSecret();
    const receiver = await heldReceiver(secret);
    const dataDir = mkdtempSync(join(tmpdir(), 'replicas-data-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = {
      REPORT_DATABASE_URL: databaseUrl,
      REPORT_SECRET: randomBytes(32).toString('base64'),
      REPORT_FORWARD_URL: receiver.url,
      REPORT_FORWARD_SECRET: secret,
      REPORT_TRUSTED_PROXIES: '1',
      REPORT_RATE_LIMIT_PER_HOUR: String(LIMIT),
      REPORT_MIN_FILL_SECONDS: '0',
      REPORT_POLL_MS: '50',
      REPORT_RETRY_BASE_MS: '50',
      // A killed instance's leases (2 × timeout + 5 s) come back within the test.
      REPORT_TIMEOUT_MS: '2000',
      REPORT_DATA_DIR: dataDir,
    };
    const instances = await Promise.all([0, 1, 2].map(() => startServer(env)));
    for (const instance of instances) cleanup.push(() => instance.stop());
    for (const instance of instances) expect(instance.output()).not.toContain('report-secret.key');

    // 300 reports from 300 clients (one IPv6 /64 each), ten at a time, each form crossing instances.
    // Halfway the third instance is killed without warning while deliveries are held; the
    // proxy stops sending it requests first, as a load balancer's health check would.
    const codes: string[] = [];
    let next = 0;
    let inFlight = 0;
    let kill: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < REPORTS) {
          const i = next++;
          if (i >= REPORTS / 2) {
            kill ??= waitFor(() => inFlight === 0, 30_000, 'lopende verzoeken').then(async () => {
              // Deliveries have started and none has been answered: the kill comes while they go on.
              await waitFor(() => receiver.requests.length > 0, 30_000, 'eerste aflevering');
              expect(receiver.received()).toHaveLength(0);
              await instances[2].kill();
              receiver.release();
            });
            await kill;
          }
          const pool = kill ? instances.slice(0, 2) : instances;
          const [from, to, reader] = [pool[i % pool.length], pool[(i + 1) % pool.length], pool[(i + 2) % pool.length]];
          inFlight += 1;
          try {
            const response = await report(from, to, `2001:db8:${i.toString(16)}::1`, `Melding nummer ${i}: tien mensen in één woning.`);
            codes.push(await receipt(reader, response));
          } finally {
            inFlight -= 1;
          }
        }
      }),
    );
    expect(codes).toHaveLength(REPORTS);
    expect(new Set(codes).size).toBe(REPORTS);

    // Every receipted report arrives, including those the killed instance had leased.
    await waitFor(() => receiver.received().length >= REPORTS, 90_000, 'alle meldingen afgeleverd');
    const received = receiver.received();
    const descriptions = Array.from({ length: REPORTS }, (_, i) => `Melding nummer ${i}: tien mensen in één woning.`);
    expect(received.map((r) => r.report.description).sort()).toEqual(descriptions.sort());
    // The receiver stored each webhook-id once; any duplicate delivery carried the same id.
    expect(new Set(received.map((r) => r.webhookId)).size).toBe(REPORTS);
    for (const r of received) expect(r.webhookId).toBe(r.reportId);
    // Redeliveries after the kill (posted, but not acknowledged) are allowed; they carry a known id.
    expect(new Set(receiver.requests)).toEqual(new Set(received.map((r) => r.webhookId)));

    // One client, all instances: the limit holds for the three together.
    const outcomes: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) {
      const [from, to] = [instances[i % 2], instances[(i + 1) % 2]];
      outcomes.push((await report(from, to, '198.51.100.77', `Dezelfde melder, melding ${i}.`)).status);
    }
    expect(outcomes.filter((s) => s === 303)).toHaveLength(LIMIT);
    expect(outcomes.filter((s) => s === 429)).toHaveLength(3);
  });
});
