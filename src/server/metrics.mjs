/**
 * Prometheus metrics (prom-client) on a listener of their own, never on the site's port:
 * METRICS_PORT turns it on (off when unset), METRICS_HOST says where (default 127.0.0.1, so only
 * this machine can scrape it unless the operator opens it).
 *
 * What is counted is totals only. No label carries anything a request brought (address, path,
 * query, receipt code, report id, user agent); the only label is the reason a report was refused,
 * from a fixed list. So the metrics cannot single out a report or a reader.
 * - meldwijzer_reports_accepted_total, meldwijzer_reports_refused_total{reason}: from the status
 *   the report form's POST was answered with (src/lib/report/http/form-request.ts decides it);
 * - meldwijzer_outbox_pending, meldwijzer_outbox_dead, meldwijzer_outbox_oldest_pending_hours:
 *   read from the store when scraped;
 * - meldwijzer_deliveries_total, meldwijzer_delivery_failures_total,
 *   meldwijzer_dead_letters_total: what this process's relay did (REPORT_RELAY=inline; a separate
 *   `npm run relay` is not counted here);
 * - the report path's counters and gauges (src/lib/report/core/counters.ts): costly work started
 *   and refused, the proof-of-work level, on-demand renders running, waiting, refused and let in through the paid lane;
 * - the process's own metrics (memory, CPU, event loop lag) with the prefix meldwijzer_.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import { createServer } from 'node:http';
import client from 'prom-client';
import { counterSnapshot } from '../lib/report/core/counters.ts';

/** The report form's answer status → why it was refused (form-request.ts). */
const REFUSAL_REASONS = {
  200: 'store_unavailable',
  400: 'bad_request',
  403: 'cross_site',
  413: 'too_large',
  415: 'unsupported_type',
  422: 'invalid',
  429: 'rate_limited',
};
const REPORT_POST = /^\/(?:[a-z]{2}\/)?melden\/anoniem\/(?:\?|$)/;

/**
 * @param {{ list(state?: 'pending' | 'dead'): Promise<unknown[]>, oldestPendingHour(): Promise<string | null> }} store
 */
export function createMetrics(store) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'meldwijzer_' });
  const accepted = new client.Counter({
    name: 'meldwijzer_reports_accepted_total',
    help: 'Reports stored (the reporter got a receipt).',
    registers: [registry],
  });
  const refused = new client.Counter({
    name: 'meldwijzer_reports_refused_total',
    help: 'Report form submissions not stored, by reason.',
    labelNames: ['reason'],
    registers: [registry],
  });
  for (const reason of [...Object.values(REFUSAL_REASONS), 'other']) refused.inc({ reason }, 0);
  const deliveries = new client.Counter({
    name: 'meldwijzer_deliveries_total',
    help: 'Reports delivered to the intake endpoint by this process.',
    registers: [registry],
  });
  const failures = new client.Counter({
    name: 'meldwijzer_delivery_failures_total',
    help: 'Delivery attempts that failed and will be retried.',
    registers: [registry],
  });
  const deadLetters = new client.Counter({
    name: 'meldwijzer_dead_letters_total',
    help: 'Reports moved to the dead letters by this process.',
    registers: [registry],
  });

  // Read when scraped: the store is the truth, also for reports other replicas took in.
  let outbox;
  const readOutbox = async () => {
    const [pending, dead] = await Promise.all([store.list('pending'), store.list('dead')]);
    return { pending: pending.length, dead: dead.length };
  };
  const outboxOnce = () => (outbox ??= readOutbox().finally(() => setTimeout(() => (outbox = undefined), 1000).unref()));
  new client.Gauge({
    name: 'meldwijzer_outbox_pending',
    help: 'Reports waiting for delivery.',
    registers: [registry],
    async collect() {
      this.set((await outboxOnce()).pending);
    },
  });
  new client.Gauge({
    name: 'meldwijzer_outbox_dead',
    help: 'Dead letters: reports that need an operator (npm run outbox -- dead).',
    registers: [registry],
    async collect() {
      this.set((await outboxOnce()).dead);
    },
  });
  new client.Gauge({
    name: 'meldwijzer_outbox_oldest_pending_hours',
    help: 'Age in whole hours of the oldest report waiting for delivery (0 when none waits).',
    registers: [registry],
    async collect() {
      const hour = await store.oldestPendingHour();
      this.set(hour ? Math.max(0, Math.floor((Date.now() - Date.parse(hour)) / 3_600_000)) : 0);
    },
  });

  // The report path's own counters and gauges (work budget, render limit, reports): unlabelled totals.
  for (const { name, help, type } of counterSnapshot()) {
    const value = () => counterSnapshot().find((c) => c.name === name)?.value ?? 0;
    // reports_accepted is counted above already, from the answers.
    if (registry.getSingleMetric(`meldwijzer_${name}${type === 'gauge' ? '' : '_total'}`)) continue;
    if (type === 'gauge') {
      new client.Gauge({
        name: `meldwijzer_${name}`,
        help,
        registers: [registry],
        collect() {
          this.set(value());
        },
      });
    } else {
      new client.Counter({
        name: `meldwijzer_${name}_total`,
        help,
        registers: [registry],
        collect() {
          this.reset();
          this.inc(value());
        },
      });
    }
  }

  return {
    registry,
    /** Counts a finished request to the report form (called for every POST there). */
    countReportAnswer(method, url, status) {
      if (method !== 'POST' || !REPORT_POST.test(url)) return;
      if (status === 303) accepted.inc();
      else refused.inc({ reason: REFUSAL_REASONS[status] ?? 'other' });
    },
    /** The store the relay gets: the same, with its outcomes counted. */
    countingRelayStore(relayStore) {
      return new Proxy(relayStore, {
        get(target, name) {
          if (name === 'acknowledge')
            return async (...args) => {
              await target.acknowledge(...args);
              deliveries.inc();
            };
          if (name === 'fail')
            return async (id, token, outcome) => {
              await target.fail(id, token, outcome);
              (outcome.dead ? deadLetters : failures).inc();
            };
          const value = Reflect.get(target, name);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
}

/**
 * Starts the metrics listener when METRICS_PORT is set.
 * @returns {Promise<import('node:http').Server | undefined>}
 */
export async function serveMetrics(registry, env = process.env) {
  if (env.METRICS_PORT === undefined || env.METRICS_PORT === '') return undefined;
  const port = Number(env.METRICS_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`METRICS_PORT=${env.METRICS_PORT} is geen poortnummer. Kies bijvoorbeeld METRICS_PORT=9464, of laat het weg om geen metrics te geven.`);
  const host = env.METRICS_HOST || '127.0.0.1';
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' || (req.url !== '/metrics' && !req.url?.startsWith('/metrics?'))) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Alleen /metrics.\n');
      return;
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }).end(body);
    } catch (error) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Metrics niet beschikbaar: ${error?.message ?? error}\n`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `METRICS_PORT ${port} op ${host} is al in gebruik. Kies een andere poort.`
            : `De metrics konden niet starten: ${error.message}`,
        ),
      ),
    );
    server.listen(port, host, resolve);
  });
  const address = server.address();
  // Without a path after the address: the output filter (quiet-log.mjs) shortens URL paths.
  console.log(`Metrics op http://${host.includes(':') ? `[${host}]` : host}:${typeof address === 'object' && address ? address.port : port} (pad /metrics)`);
  return server;
}
