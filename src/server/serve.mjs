/**
 * The Node server (npm run serve; npm start builds first). Everything the Node host does is in
 * this folder, src/server/; the Worker's host is src/worker/.
 *
 * Serves the built site: prerendered files from a table made at build time (static-files.mjs),
 * on-demand routes through the @astrojs/node handler (compressed only when the page marks the
 * answer as echoing nothing: on-demand-compression.mjs), security headers on every response,
 * /healthz and /readyz (health.mjs), Prometheus metrics on a listener of their own
 * (metrics.mjs), a switch to a newer build without a restart (site-build.mjs), and a clean stop
 * on SIGTERM. Access is not logged: the server never writes client addresses, user agents or
 * request URLs anywhere (src/server/quiet-log.mjs).
 *
 * Environment: HOST (default 127.0.0.1; use 0.0.0.0 behind a proxy), PORT (default 4321;
 * 0 picks a free port, which is printed), METRICS_PORT and METRICS_HOST (off unless
 * METRICS_PORT is set; host 127.0.0.1), and the REPORT_* settings (see README and
 * docs/DEPLOY.md). With REPORT_RELAY=inline (the default) the relay delivers accepted reports
 * from this process; with REPORT_RELAY=off a separate `npm run relay` does.
 */
import { createServer } from 'node:http';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AsyncLocalStorage } from 'node:async_hooks';
import { applySecurityHeaders } from './security-headers.mjs';
import { refusal } from './request-guard.mjs';
import { quietProcessOutput } from './quiet-log.mjs';
import { withStandardReason } from './reason-phrase.mjs';
import { compressWhenMarked } from './on-demand-compression.mjs';
import { createHealth } from './health.mjs';
import { createMetrics, serveMetrics } from './metrics.mjs';
import { followBuilds, loadBuild } from './site-build.mjs';
import { renderLimitFromEnv } from './render-limit.mjs';
import { createPaidLane } from './paid-lane.mjs';
import { sendBusyPage } from './busy-page.mjs';
import { readBody } from './request-body.mjs';
import { BODY_LIMITS } from '../lib/report/http/body.ts';
import { readReportConfig } from '../lib/report/core/config.ts';
import { clientAddress } from '../lib/report/http/client-address.ts';
import { createNodeReportRuntime } from '../lib/report/host/node-runtime.ts';
import { installReportRuntime, installRequestClient } from '../lib/report/host/runtime.ts';
import { createRelay } from '../lib/report/relay/relay.ts';

quietProcessOutput();

/** How long SIGTERM waits for requests in flight and the relay's batch before it exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

// MELDWIJZER_DIST: another build folder, e.g. a build with another theme (npm run check:theme).
const distLink = fileURLToPath(new URL(`../../${process.env.MELDWIJZER_DIST || 'dist'}`, import.meta.url));

// Fail at start-up, not at the first report, when the report settings or the build are wrong.
let reportConfig;
let runtime;
let site;
let metrics;
let renders;
let paidLane;
try {
  // How full the queues are raises the proof-of-work level (render-limit.mjs).
  renders = renderLimitFromEnv(process.env, {
    notePressure: (fill) => runtime?.work.notePressure(fill),
    noteQueuePressure: (fill) => runtime?.work.noteQueuePressure(fill),
  });
  reportConfig = readReportConfig();
  runtime = await createNodeReportRuntime(reportConfig);
  installReportRuntime(runtime);
  paidLane = createPaidLane(runtime.proofOfWork, () => runtime.work.paidLevel());
  site = await loadBuild(realpathSync(distLink));
  if (process.env.METRICS_PORT) metrics = createMetrics(runtime.store);
} catch (error) {
  console.error(error.code === 'ENOENT' ? `Geen build gevonden in ${distLink}. Bouw eerst de site met: npm run build` : error.message);
  process.exit(1);
}
const requestClient = new AsyncLocalStorage();
installRequestClient(requestClient);

// The relay's outcomes are counted when there are metrics; the store is the same either way.
const relay = createRelay({ store: metrics ? metrics.countingRelayStore(runtime.store) : runtime.store, config: reportConfig });
// Conversations past their retention go, also when this server delivers nothing (the relay purges too).
const purge = () => runtime.store.purgeMailboxes().catch(() => {});
void purge();
setInterval(purge, 3_600_000).unref();
if (reportConfig.relay === 'inline') relay.start();
else console.log('REPORT_RELAY=off: deze server stuurt geen meldingen door; start daarvoor npm run relay.');

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);

let stopping = false;
const health = createHealth(runtime.store, () => stopping);

const server = createServer((req, res) => {
  // A reader who closes the tab mid-upload: nothing to log, nothing to answer.
  req.on('error', () => {});
  const refused = refusal(req);
  if (refused) {
    applySecurityHeaders(res);
    res.writeHead(refused.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...refused.headers });
    res.end(`${refused.message}\n`);
    return;
  }
  // Prerendered files carry every header in their table row already.
  const { staticFiles, handler } = site;
  if (staticFiles.serve(req, res) || health(req, res)) return;
  applySecurityHeaders(res);
  withStandardReason(res);
  // Only an answer its page marked is compressed (the blank form); all others get no-transform.
  compressWhenMarked(req, res);
  if (metrics && req.method === 'POST') res.once('finish', () => metrics.countReportAnswer(req.method, req.url, res.statusCode));
  // Who a report counts against in the rate limit; only ever fed to a keyed hash.
  const client = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], reportConfig.trustedProxies);
  void renderOnDemand(req, res, handler, client);
});
/**
 * An on-demand answer under the render limit (render-limit.mjs): a POST's body is read first
 * (request-body.mjs), then the request waits for a slot — in the paid lane when it carries a
 * valid proof of work of the level asked now (paid-lane.mjs: a form's, or a GET's in its query);
 * with every slot busy and its queue full it gets the small busy page at once (busy-page.mjs),
 * its values kept, or for a page opened a challenge that lets the browser in through the lane.
 */
async function renderOnDemand(req, res, handler, client) {
  if (req.method === 'POST') {
    req.body = await readBody(req, BODY_LIMITS.host);
    if (req.body === undefined) return; // the reader went away mid-upload
  }
  const slot = renders.acquire(await paidLane.paid(req, req.body));
  if (!slot) return sendBusyPage(req, res, renders.retryAfter(), req.body, await paidLane.challenge(req));
  const release = await slot;
  res.once('close', release);
  // A reader who left while waiting in the queue: give the slot on.
  if (res.destroyed || req.socket.destroyed) return release();
  // One failing request must never take the server down. The error is logged without anything from the request.
  try {
    await requestClient.run(client, () => handler(req, res));
  } catch (error) {
    console.error(`Fout bij het afhandelen van een verzoek: ${error?.message ?? error}`);
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    if (!res.writableEnded) res.end('Er ging iets mis. Probeer het later opnieuw.\n');
  }
}

// Headers and bodies of a form are small; don't let slow senders hold connections for long.
server.headersTimeout = 20_000;
server.requestTimeout = 60_000;

process.on('unhandledRejection', (error) => {
  console.error(`Onverwachte fout (server draait door): ${error?.message ?? error}`);
});

server.on('clientError', (error, socket) => {
  // Malformed HTTP: answer without logging anything about it. Node's parser knows only the
  // registered methods, so a made-up one ends here: it gets the 405 every other method gets.
  const status = error.code === 'HPE_INVALID_METHOD' ? '405 Method Not Allowed\r\nAllow: GET, HEAD, POST' : '400 Bad Request';
  if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
});

server.on('error', (error) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Poort ${port} op ${host} is al in gebruik. Stop het andere programma of kies een andere poort, bijvoorbeeld PORT=4322 npm start.`
      : `De server kon niet starten: ${error.message}`,
  );
  process.exit(1);
});

let metricsServer;
try {
  metricsServer = metrics && (await serveMetrics(metrics.registry));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Meldwijzer Mensenhandel draait op http://${host}:${actualPort}/`);
});

// A new build behind the dist link takes over without a restart (site-build.mjs).
const stopFollowing = followBuilds(
  distLink,
  site.dir,
  (build) => (site = build),
  (message) => console.log(message),
);

/**
 * SIGTERM (and Ctrl-C): stop accepting connections, answer every request already received,
 * let the relay finish its batch (delivered or handed back: no lease is left behind), close the
 * store, exit 0. /readyz answers 503 meanwhile. After SHUTDOWN_TIMEOUT_MS it exits 1 regardless.
 */
async function shutdown() {
  if (stopping) return;
  stopping = true;
  stopFollowing();
  setTimeout(() => {
    console.error(`Na ${SHUTDOWN_TIMEOUT_MS / 1000} s waren niet alle verzoeken klaar; de server stopt toch.`);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  const closed = new Promise((resolve) => server.close(resolve));
  // Keep-alive connections would hold close() open: close each one as soon as it is idle.
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  await Promise.all([closed, relay.stop(), metricsServer && new Promise((resolve) => metricsServer.close(resolve))]);
  clearInterval(idle);
  await runtime.store.close();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, shutdown);
