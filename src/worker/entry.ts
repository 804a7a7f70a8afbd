/**
 * The Worker: the serverless host of the site (MELDWIJZER_TARGET=cloudflare, docs/DEPLOY.md).
 * What src/server/serve.mjs does for the Node server, this does for Astro's Cloudflare handler:
 *
 * - refuses odd requests with the Node server's answers (src/server/request-guard.mjs) and reads
 *   the body, capped as @astrojs/node's bodySizeLimit caps it, before Astro sees anything; every request
 *   comes here first (assets.run_worker_first), and prerendered pages are then served from the
 *   static assets (env.ASSETS);
 * - builds the report runtime once per isolate from the Worker's bindings (settings and
 *   secrets: REPORT_*, the store: D1 as env.DB) and installs it, with a request-client
 *   provider that hands intake a key made from CF-Connecting-IP (only ever fed to the keyed
 *   rate-limit hash; never stored or logged);
 * - renders at most REPORT_RENDER_CONCURRENCY on-demand pages at a time per isolate, with the
 *   ordinary queue, the paid lane for forms (and GETs) with a valid proof of work, and the busy page when
 *   both are full: the Node host's render limit (src/server/render-limit.mjs, paid-lane.mjs,
 *   busy-page.mjs), because workerd runs an isolate's requests on one thread;
 * - sets the security headers on every response it gives (static assets get them from the
 *   _headers file built from the same constants, src/integrations/serverless-headers.mjs);
 * - leaves compression to the platform, except where it must not compress: every on-demand
 *   answer but the blank report form gets `Cache-Control: no-transform`
 *   (src/lib/report/http/compression.ts);
 * - runs the relay on the cron trigger (`scheduled`), with the same drain() as every host.
 *
 * Nothing here reads a disk, and nothing about a request is logged.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import astro from '@astrojs/cloudflare/entrypoints/server';
import { refusal } from '../server/request-guard.mjs';
import { withSecurityHeaders } from '../server/security-headers.mjs';
import { renderLimitFromEnv } from '../server/render-limit.mjs';
import { createPaidLane } from '../server/paid-lane.mjs';
import { busyPage } from '../server/busy-page.mjs';
import { clientKey } from '../lib/report/http/client-key.ts';
import { forCompressingPlatform } from '../lib/report/http/compression.ts';
import { BODY_LIMITS, readBoundedBody } from '../lib/report/http/body.ts';
import { readReportConfig, SECRET_COMMAND, type ReportConfig } from '../lib/report/core/config.ts';
import { deriveKeys } from '../lib/report/crypto/keys.ts';
import { createRelay } from '../lib/report/relay/relay.ts';
import { buildReportRuntime, installReportRuntime, installRequestClient, type ReportRuntime } from '../lib/report/host/runtime.ts';
import { D1Store, type D1Database } from '../lib/report/store/d1.ts';
// Argon2id for the receipt code in WebAssembly, bundled at build time (node:crypto has none here).
import './install-argon2id.ts';

/** The Worker's bindings (src/worker/wrangler.jsonc, secrets, and the preview's environment). */
interface Env {
  DB: D1Database;
  ASSETS: { fetch(request: Request): Promise<Response> };
  [name: string]: unknown;
}
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

/** Reports one relay pass claims; a full batch means more may be waiting. */
const RELAY_BATCH = 20;
/** How long one scheduled run keeps delivering before it leaves the rest to the next minute. */
const RELAY_BUDGET_MS = 5 * 60_000;

interface Host {
  config: ReportConfig;
  runtime: ReportRuntime;
  /** The limit on on-demand renders in this isolate, as in the Node host (src/server/render-limit.mjs). */
  renders: ReturnType<typeof renderLimitFromEnv>;
  lane: ReturnType<typeof createPaidLane>;
}
let host: Promise<Host> | undefined;
let lastStartError = 0;

/** The report runtime of this isolate, built on first use from the bindings. */
function hostFor(env: Env): Promise<Host> {
  host ??= (async () => {
    // String bindings are the settings. Those of the Node server alone do not apply: Cloudflare
    // itself says who the reader is (no proxies to trust), the store is D1, the relay is the cron.
    const nodeOnly = new Set(['REPORT_TRUSTED_PROXIES', 'REPORT_DATABASE_URL', 'REPORT_DATA_DIR', 'REPORT_RELAY']);
    const settings = Object.fromEntries(Object.entries(env).filter(([name, value]) => typeof value === 'string' && !nodeOnly.has(name))) as Record<
      string,
      string
    >;
    const config = readReportConfig(settings);
    if (!config.reportSecret) {
      throw new Error(
        `REPORT_SECRET ontbreekt. Een Worker heeft geen schijf om een sleutel te bewaren: maak er een (${SECRET_COMMAND}) en zet hem met wrangler secret put REPORT_SECRET.`,
      );
    }
    const keys = deriveKeys(Buffer.from(config.reportSecret, 'base64'));
    const runtime = buildReportRuntime(config, new D1Store(env.DB), keys);
    // One render at a time unless set: an isolate runs on one thread, whatever
    // navigator.hardwareConcurrency says about the machine.
    // The next render is started directly: workerd cancels a timer of a request that has answered.
    const renders = renderLimitFromEnv({ REPORT_RENDER_CONCURRENCY: '1', ...settings }, runtime.work, (start) => start());
    return { config, runtime, renders, lane: createPaidLane(runtime.proofOfWork, () => runtime.work.paidLevel()) };
  })().catch((error: unknown) => {
    // Said at most once a minute, without anything from a request; the next request tries again.
    if (Date.now() - lastStartError > 60_000) {
      lastStartError = Date.now();
      console.error(`De meldingen kunnen niet starten: ${(error as Error).message}`);
    }
    host = undefined;
    throw error;
  });
  return host;
}

const requestClients = new AsyncLocalStorage<string>();
installRequestClient(requestClients);

/**
 * The request with its body read in full first, capped as the Node adapter caps it
 * (BODY_LIMITS.host): past the cap the body errors when read (the form then says it did not
 * arrive, as on the Node server). Reading it all before answering means a refusal (403, 413, 415)
 * never goes out while the reader is still sending; wrangler's local proxy drops such requests
 * with a 500. So past the cap it reads on (and drops) up to 16 times the cap.
 */
async function readBody(request: Request): Promise<{ request: Request; bytes?: Uint8Array }> {
  if (!request.body) return { request };
  // A declared size past the limit is read too (up to 16× the limit), not answered at once: an
  // early 413 while a 100–200 KB form is still arriving reached the reader as a 500.
  const read = await readBoundedBody(request.body, BODY_LIMITS.host, { drainUpTo: 16 * BODY_LIMITS.host });
  if (read.kind !== 'ok') {
    const failing = new ReadableStream({
      start: (controller) => controller.error(new Error(`Body size limit exceeded: received more than ${BODY_LIMITS.host} bytes`)),
    });
    return { request: new Request(request, { body: failing }) };
  }
  return { request: new Request(request, { body: read.bytes }), bytes: read.bytes };
}

function plain(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });
}

/**
 * fetch() for the relay. The relay asks not to follow redirects (`redirect: 'error'`, RECEIVER.md:
 * answer at the configured URL); workerd knows only 'follow' and 'manual', so a redirect is
 * turned into the same network error Node's fetch gives, and retried like one.
 */
const relayFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, { ...init, redirect: init?.redirect === 'error' ? 'manual' : init?.redirect });
  if (init?.redirect === 'error' && response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new TypeError('fetch failed: redirect');
  }
  return response;
};

async function handle(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const url = new URL(request.url);
  const headers = { host: request.headers.get('host') ?? undefined, 'transfer-encoding': request.headers.get('transfer-encoding') ?? undefined };
  const refused = refusal({ method: request.method, url: `${url.pathname}${url.search}`, headers });
  if (refused) return plain(refused.status, refused.message, refused.headers);
  // A prerendered page or file: straight from the static assets, with the reader's own
  // conditional headers (If-None-Match), without waking Astro.
  if (request.method === 'GET' || request.method === 'HEAD') {
    const asset = await env.ASSETS.fetch(request);
    if (asset.status !== 404) return asset;
    await asset.body?.cancel();
  }
  const { request: capped, bytes } = await readBody(request);
  // Started here, awaited by the pages that need it (reportRuntime()); a misconfiguration shows
  // as an error on the report pages only, while every other page keeps working.
  const started = hostFor(env);
  const runtime = started.then((h) => h.runtime);
  runtime.catch(() => undefined);
  installReportRuntime(runtime);
  // Cloudflare sets CF-Connecting-IP to the reader's address and drops any sent by the client.
  const client = clientKey(request.headers.get('cf-connecting-ip') ?? '');
  const render = () =>
    requestClients.run(client, () => astro.fetch(capped as Parameters<typeof astro.fetch>[0], env as never, ctx as never) as Promise<Response>);
  const limits = await started.catch(() => undefined);
  // The platform compresses the blank form only; every other on-demand answer is marked no-transform.
  const sent = (answer: Response) => forCompressingPlatform(answer, request.method);
  if (!limits) return sent(await render());
  // At most a few renders at a time, as in the Node host: workerd runs an isolate's requests on
  // one thread, so every page rendered at once delays every static answer behind it. A form (or
  // a GET's query) with a valid, unused proof of work of the lane's level waits in the paid lane,
  // served first; the busy page of a page opened carries the challenge for that GET.
  const seen = { method: request.method, url: `${url.pathname}${url.search}`, headers: { 'content-type': request.headers.get('content-type') ?? undefined } };
  const slot = limits.renders.acquire(await limits.lane.paid(seen, bytes));
  if (!slot) {
    const page = busyPage(seen, limits.renders.retryAfter(), bytes, await limits.lane.challenge(seen));
    return sent(new Response(request.method === 'HEAD' ? null : page.body, { status: page.status, headers: page.headers }));
  }
  const release = await slot;
  try {
    const response = await render();
    // Astro renders a page as its body is read: read it all before the slot is given on.
    return sent(new Response(response.body === null ? null : await response.arrayBuffer(), response));
  } finally {
    release();
  }
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      return withSecurityHeaders(await handle(request, env, ctx));
    } catch (error) {
      // One failing request must never say more than this; the log gets no request data.
      console.error(`Fout bij het afhandelen van een verzoek: ${(error as Error)?.message ?? error}`);
      return withSecurityHeaders(plain(500, 'Er ging iets mis. Probeer het later opnieuw.'));
    }
  },

  /**
   * The cron trigger (every minute, src/worker/wrangler.jsonc): delivers what is due, batch after
   * batch while batches come back full. Leases keep overlapping runs from sending a report twice
   * at once. Logs no line per run: a timestamped line about a delivery would date a report.
   */
  async scheduled(_controller: unknown, env: Env, ctx: ExecutionContext): Promise<void> {
    const work = (async () => {
      const { config, runtime } = await hostFor(env);
      if (!config.forwardUrl || !config.secret) {
        warnOnce('Let op: REPORT_FORWARD_URL is niet ingesteld. Meldingen worden aangenomen en bewaard, maar NIET doorgestuurd.');
        return;
      }
      const relay = createRelay({ store: runtime.store, config, fetchImpl: relayFetch, log: () => undefined });
      await relay.drain({ batch: RELAY_BATCH, budgetMs: RELAY_BUDGET_MS });
    })().catch((error: unknown) => {
      console.error(`De relay kon niet draaien: ${(error as Error).message}`);
    });
    ctx.waitUntil(work);
    await work;
  },
};

let warned = false;
function warnOnce(message: string) {
  if (warned) return;
  warned = true;
  console.log(message);
}
