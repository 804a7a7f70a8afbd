/**
 * Serves the built site: static pages and on-demand routes through the @astrojs/node
 * handler, with security headers on every response. Access is not logged: the server never
 * writes client addresses, user agents or request URLs anywhere (src/server/quiet-log.mjs).
 *
 * Environment: HOST (default 127.0.0.1; use 0.0.0.0 behind a proxy), PORT (default 4321;
 * 0 picks a free port, which is printed), and the REPORT_* settings (see README and
 * docs/DEPLOY.md). With REPORT_RELAY=inline (the default) the relay delivers accepted reports
 * from this process; with REPORT_RELAY=off a separate `npm run relay` does.
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applySecurityHeaders } from '../src/server/security-headers.mjs';
import { refusal } from '../src/server/request-guard.mjs';
import { quietProcessOutput } from '../src/server/quiet-log.mjs';
import { readReportConfig } from '../src/lib/report/core/config.ts';
import { clientAddress } from '../src/lib/report/http/client-address.ts';
import { createNodeReportRuntime } from '../src/lib/report/host/node-runtime.ts';
import { AsyncLocalStorage } from 'node:async_hooks';
import { installReportRuntime, installRequestClient } from '../src/lib/report/host/runtime.ts';
import { createRelay } from '../src/lib/report/relay/relay.ts';

quietProcessOutput();

// MELDWIJZER_DIST: another build folder, e.g. a build with another theme (npm run check:theme).
const dist = new URL(`../${process.env.MELDWIJZER_DIST || 'dist'}/`, import.meta.url);
const entry = fileURLToPath(new URL('server/entry.mjs', dist));
if (!existsSync(entry)) {
  console.error(`Geen build gevonden in ${fileURLToPath(dist)}. Bouw eerst de site met: npm run build`);
  process.exit(1);
}

// Fail at start-up, not at the first report, when the report settings are wrong.
let reportConfig;
let runtime;
try {
  reportConfig = readReportConfig();
  runtime = await createNodeReportRuntime(reportConfig);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
installReportRuntime(runtime);
const requestClient = new AsyncLocalStorage();
installRequestClient(requestClient);

// We start our own server around Astro's handler, so Astro must not start one itself.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import(pathToFileURL(entry).href);

const relay = createRelay({ store: runtime.store, config: reportConfig });
// Conversations past their retention go, also when this server delivers nothing (the relay purges too).
const purge = () => runtime.store.purgeMailboxes().catch(() => {});
void purge();
setInterval(purge, 3_600_000).unref();
if (reportConfig.relay === 'inline') relay.start();
else console.log('REPORT_RELAY=off: deze server stuurt geen meldingen door; start daarvoor npm run relay.');

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);

const server = createServer((req, res) => {
  applySecurityHeaders(res);
  // A reader who closes the tab mid-upload: nothing to log, nothing to answer.
  req.on('error', () => {});
  const refused = refusal(req);
  if (refused) {
    res.writeHead(refused.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...refused.headers });
    res.end(`${refused.message}\n`);
    return;
  }
  // Who a report counts against in the rate limit; only ever fed to a keyed hash.
  const client = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], reportConfig.trustedProxies);
  // One failing request must never take the server down. The error is logged without anything from the request.
  Promise.resolve()
    .then(() => requestClient.run(client, () => handler(req, res)))
    .catch((error) => {
      console.error(`Fout bij het afhandelen van een verzoek: ${error?.message ?? error}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      if (!res.writableEnded) res.end('Er ging iets mis. Probeer het later opnieuw.\n');
    });
});
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

server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Meldwijzer Mensenhandel draait op http://${host}:${actualPort}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await relay.stop();
    server.close(async () => {
      await runtime.store.close();
      process.exit(0);
    });
    // Keep-alive connections would hold close() open; a stopping server answers no one else.
    server.closeIdleConnections();
  });
}
