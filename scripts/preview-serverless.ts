/**
 * npm run preview:serverless: serves the built Worker (npm run build:serverless) on this machine
 * in workerd, the Workers runtime, through `wrangler dev` — offline, telemetry off. It takes the
 * settings `npm start` takes, so one test script can drive both targets:
 *
 * - HOST (default 127.0.0.1) and PORT (default 4321; 0 picks a free one, which is printed): the
 *   address of a small front that plays Cloudflare's edge (scripts/lib/preview-edge.ts): it
 *   answers what is not valid HTTP and /cdn-cgi/ itself, as the edge does, and hands the rest to
 *   wrangler dev on a private loopback port;
 * - the REPORT_* settings, handed to the Worker as bindings through a private env file (never on
 *   the command line, where `ps` would show secrets). Without REPORT_SECRET the key is kept in
 *   REPORT_DATA_DIR, as `npm start` does; the local D1 database lives in REPORT_DATA_DIR/serverless;
 * - the relay: the Worker's scheduled handler is triggered every REPORT_POLL_MS (default once a
 *   minute, as the platform's cron trigger does), through the trigger route wrangler dev offers
 *   locally (/cdn-cgi/local/scheduled) on its private port. On the platform /cdn-cgi/ belongs to
 *   Cloudflare's edge and never reaches the Worker; the deployed Worker runs on its cron trigger only.
 *
 * Like the Node server, nothing here writes request URLs or addresses anywhere: wrangler's request
 * log is off (--log-level warn), its debug log goes to a private folder removed at exit, and
 * Miniflare's local explorer and trace store are off. It says at start that it is a trial.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReportConfig, SECRET_COMMAND } from '../src/lib/report/core/config.ts';
import { startPreviewEdge } from './lib/preview-edge.ts';
import { loadOrCreateSecret } from '../src/lib/report/crypto/secret-file.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const wranglerConfig = join(root, 'dist-serverless/server/wrangler.json');
if (!existsSync(wranglerConfig)) {
  console.error('Geen serverless build gevonden in dist-serverless/. Bouw eerst met: npm run build:serverless');
  process.exit(1);
}

let config;
try {
  config = readReportConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
if (config.databaseUrl) {
  console.error('REPORT_DATABASE_URL geldt niet voor de Worker: die bewaart meldingen in D1 (zie docs/DEPLOY.md). Laat de instelling weg.');
  process.exit(1);
}

const host = process.env.HOST ?? '127.0.0.1';
const requestedPort = Number(process.env.PORT ?? 4321);
/** The cron trigger's rhythm unless REPORT_POLL_MS says otherwise. */
const pollMs = process.env.REPORT_POLL_MS ? config.pollMs : 60_000;

/** Binds `wanted` (0: any free port) for a moment: the port the preview gets, or why not. */
function claimPort(wanted: number, on = host): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(wanted, on, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
let port: number;
/** wrangler dev's own port, on loopback only: the preview's address is the edge in front of it (scripts/lib/preview-edge.ts). */
let workerdPort: number;
try {
  port = await claimPort(requestedPort);
  workerdPort = await claimPort(0, '127.0.0.1');
} catch (error) {
  console.error(
    (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? `Poort ${requestedPort} op ${host} is al in gebruik. Stop het andere programma of kies een andere poort, bijvoorbeeld PORT=4322 npm run preview:serverless.`
      : `De Worker kon niet starten: ${(error as Error).message}`,
  );
  process.exit(1);
}

// The same key the Node server would use: configured, or kept in REPORT_DATA_DIR.
const { secret, source, file } = loadOrCreateSecret(config.reportSecret, config.dataDir);
if (source !== 'config') {
  console.log(
    `${source === 'created' ? 'Nieuwe sleutel voor meldingen gemaakt in' : 'Sleutel voor meldingen gelezen uit'} ${file}. Op het platform zelf: wrangler secret put REPORT_SECRET (maken: ${SECRET_COMMAND}).`,
  );
}
const persist = join(config.dataDir, 'serverless');
mkdirSync(persist, { recursive: true, mode: 0o700 });
chmodSync(persist, 0o700);

// Bindings: every REPORT_* setting as given, plus the key. dotenv single quotes are literal.
const bindings: Record<string, string> = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name, value]) => name.startsWith('REPORT_') && value)),
  REPORT_SECRET: secret.toString('base64'),
};
const unquotable = Object.entries(bindings).find(([, value]) => /['\n\r]/.test(value!));
if (unquotable) {
  console.error(`${unquotable[0]} bevat een aanhalingsteken of regeleinde; dat kan niet als binding worden doorgegeven.`);
  process.exit(1);
}
const privateDir = mkdtempSync(join(tmpdir(), 'meldwijzer-preview-'));
chmodSync(privateDir, 0o700);
const envFile = join(privateDir, 'bindings.env');
writeFileSync(
  envFile,
  Object.entries(bindings)
    .map(([name, value]) => `${name}='${value}'\n`)
    .join(''),
  { mode: 0o600 },
);

const wranglerBin = join(createRequire(import.meta.url).resolve('wrangler/package.json'), '..', 'bin', 'wrangler.js');
const child = spawn(
  process.execPath,
  [
    wranglerBin,
    'dev',
    '--config',
    wranglerConfig,
    '--ip',
    '127.0.0.1',
    '--port',
    String(workerdPort),
    '--env-file',
    envFile,
    '--persist-to',
    persist,
    '--show-interactive-dev-session=false',
    // No line per request: it would hold the address (and a receipt link) with a time.
    '--log-level',
    'warn',
  ],
  {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_HIDE_BANNER: 'true',
      WRANGLER_LOG_PATH: join(privateDir, 'logs'),
      WRANGLER_CI_DISABLE_CONFIG_WATCHING: 'true',
      // Request.cf is fetched from the network otherwise; the preview needs none.
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      // Miniflare's local explorer answers on the preview's own port (/cdn-cgi/local/explorer/)
      // and runs any SQL on the report store; its trace store keeps every request URL (receipt
      // links too) with a time, in REPORT_DATA_DIR/serverless/observability. Both off: with
      // them, the preview would be less strict than the Node server.
      X_LOCAL_EXPLORER: 'false',
      X_LOCAL_OBSERVABILITY: 'false',
    },
  },
);

let stopping = false;
const cleanup = () => rmSync(privateDir, { recursive: true, force: true });
child.once('exit', (code, signal) => {
  cleanup();
  if (!stopping) console.error(`wrangler dev stopte (${signal ?? code}).`);
  process.exit(stopping ? 0 : (code ?? 1));
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true;
    child.kill('SIGTERM');
  });
}

function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || address.startsWith('127.');
}

const local = `http://127.0.0.1:${workerdPort}`;

// Ready once the Worker answers.
const deadline = Date.now() + 60_000;
for (;;) {
  try {
    await (await fetch(`${local}/`, { signal: AbortSignal.timeout(2_000) })).arrayBuffer();
    break;
  } catch {
    if (Date.now() > deadline || child.exitCode !== null) {
      console.error('De Worker kwam niet op binnen een minuut.');
      stopping = true;
      child.kill('SIGTERM');
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
try {
  await startPreviewEdge(host, port, workerdPort);
} catch (error) {
  console.error(`De Worker kon niet starten: ${(error as Error).message}`);
  stopping = true;
  child.kill('SIGTERM');
  process.exit(1);
}
// A trial, not a production host: the platform's own guards (docs/DEPLOY.md, "The preview is not
// production") are missing here, and wrangler dev is made for a developer's machine.
console.warn(
  `Let op: dit is een proefomgeving (wrangler dev, workerd), niet de productie. Gebruik hem om de Worker te testen, niet voor echte meldingen: op het platform zelf beschermt Cloudflare de database en /cdn-cgi/ (zie docs/DEPLOY.md).${isLoopback(host) ? '' : ` Hij luistert nu op ${host}, niet alleen op deze computer.`}`,
);
console.log(`Meldwijzer Mensenhandel (Worker in workerd) draait op http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
if (!config.forwardUrl) console.log('Let op: REPORT_FORWARD_URL is niet ingesteld. Meldingen worden aangenomen en bewaard, maar NIET doorgestuurd.');
else console.log(`Meldingen worden doorgestuurd naar ${new URL(config.forwardUrl).origin} (de relay draait elke ${pollMs / 1000} s).`);

// The cron trigger, as the platform fires it; one run at a time.
const trigger = async () => {
  if (stopping) return;
  try {
    const response = await fetch(`${local}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('* * * * *')}`, { signal: AbortSignal.timeout(10 * 60_000) });
    await response.arrayBuffer();
  } catch {
    // wrangler is stopping or busy; the next tick tries again.
  }
  if (!stopping) setTimeout(trigger, pollMs).unref();
};
setTimeout(trigger, pollMs).unref();
