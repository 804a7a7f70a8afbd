/**
 * Serves the built site: static pages and on-demand routes through the @astrojs/node
 * handler, with security headers on every response. Access is not logged: the server never
 * writes client addresses or user agents anywhere.
 *
 * Environment: HOST (default 127.0.0.1; use 0.0.0.0 behind a proxy), PORT (default 4321;
 * 0 picks a free port, which is printed), and the REPORT_* settings of the report relay
 * (see README). The relay delivers accepted reports in the background.
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applySecurityHeaders } from '../src/server/security-headers.mjs';
import { readReportConfig } from '../src/lib/report/config.ts';
import { SqliteOutbox } from '../src/lib/report/outbox.ts';
import { createRelay } from '../src/lib/report/relay.ts';

const entry = fileURLToPath(new URL('../dist/server/entry.mjs', import.meta.url));
if (!existsSync(entry)) {
  console.error('Geen build gevonden in dist/. Bouw eerst de site met: npm run build');
  process.exit(1);
}

// We start our own server around Astro's handler, so Astro must not start one itself.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
// Where the built pages are, for the "only in Dutch" notice pages (src/lib/built-pages.ts).
process.env.MELDWIJZER_CLIENT_DIR = fileURLToPath(new URL('../dist/client/', import.meta.url));
const { handler } = await import(pathToFileURL(entry).href);

// Fail at start-up, not at the first report, when the report settings are wrong.
const reportConfig = readReportConfig();
const relay = createRelay({ outbox: new SqliteOutbox(reportConfig.outboxFile), config: reportConfig });
relay.start();

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);

const server = createServer((req, res) => {
  applySecurityHeaders(res);
  // One failing request (for example a reader who closes the tab mid-response) must never take
  // the server down. The error is logged without anything from the request.
  Promise.resolve()
    .then(() => handler(req, res))
    .catch((error) => {
      console.error(`Fout bij het afhandelen van een verzoek: ${error?.message ?? error}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      if (!res.writableEnded) res.end('Er ging iets mis. Probeer het later opnieuw.\n');
    });
});

process.on('unhandledRejection', (error) => {
  console.error(`Onverwachte fout (server draait door): ${error?.message ?? error}`);
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
    server.close(() => process.exit(0));
  });
}
