/**
 * The report pipeline's long-lived parts, shared by every request of one process: settings,
 * store, fill timer, rate limiter, proof of work and receipt links.
 *
 * The host creates them once and installs them here before it serves a request: the Node
 * server (scripts/serve.mjs, through node-runtime.ts). Pages only ask for them. The registry
 * lives on globalThis because the host imports this module from src/ while the pages use the
 * built bundle's copy of it.
 */
import { FillTimer, RateLimiter } from '../core/abuse.ts';
import type { ReportConfig } from '../core/config.ts';
import type { ReportKeys } from '../crypto/keys.ts';
import type { FollowUpSettings } from '../core/follow-up.ts';
import { ProofOfWork } from '../core/proof-of-work.ts';
import { ReceiptLinks } from '../core/receipt-link.ts';
import type { ReportStore } from '../store/port.ts';

export interface ReportRuntime {
  config: ReportConfig;
  store: ReportStore;
  fillTimer: FillTimer;
  rateLimiter: RateLimiter;
  proofOfWork: ProofOfWork;
  receiptLinks: ReceiptLinks;
  /** Receipt codes and conversations. */
  followUp: FollowUpSettings;
  /** Limits attempts with a receipt code per reader, and in total. */
  followUpLimiter: { perClient: RateLimiter; total: RateLimiter };
  keys: ReportKeys;
}

const REGISTRY = Symbol.for('meldwijzer.reportRuntime');
const CLIENT = Symbol.for('meldwijzer.requestClient');
type Registry = {
  [REGISTRY]?: ReportRuntime | Promise<ReportRuntime>;
  /** Request-scoped (an AsyncLocalStorage of the host): who the current request counts against. */
  [CLIENT]?: { getStore(): string | undefined };
};

export function buildReportRuntime(config: ReportConfig, store: ReportStore, keys: ReportKeys): ReportRuntime {
  return {
    config,
    store,
    fillTimer: new FillTimer(keys, store, config.minFillSeconds),
    rateLimiter: new RateLimiter(keys, store, config.rateLimitPerHour),
    proofOfWork: new ProofOfWork(keys, store, config.proofOfWorkMaxNumber),
    receiptLinks: new ReceiptLinks(keys, store),
    followUp: { store, codePepper: keys.codePepper, retentionDays: config.retentionDays, recipients: config.recipients },
    followUpLimiter: {
      perClient: new RateLimiter(keys, store, config.followUpAttemptsPerHour, 'terugkomen'),
      total: new RateLimiter(keys, store, config.followUpAttemptsTotalPerHour, 'terugkomen-totaal'),
    },
    keys,
  };
}

export function installReportRuntime(runtime: ReportRuntime | Promise<ReportRuntime>): void {
  (globalThis as Registry)[REGISTRY] = runtime;
}

/**
 * The installed runtime. Under `astro dev` no host installs one, so the first request creates
 * the embedded default (SQLite in REPORT_DATA_DIR) itself.
 */
export async function reportRuntime(): Promise<ReportRuntime> {
  const registry = globalThis as Registry;
  if (!registry[REGISTRY]) {
    const nodeRuntime = new URL('./node-runtime.ts', import.meta.url).href;
    registry[REGISTRY] = import(/* @vite-ignore */ nodeRuntime).then((m) => m.createNodeReportRuntime());
  }
  return registry[REGISTRY]!;
}

/**
 * Lets the host say, per request, who a report counts against in the rate limit
 * (client-address.ts): `store.run(client, handle)` around each request.
 */
export function installRequestClient(store: { getStore(): string | undefined }): void {
  (globalThis as Registry)[CLIENT] = store;
}

/** The client of the request being handled; 'onbekend' (one shared client) when the host says nothing. */
export function requestClient(): string {
  return (globalThis as Registry)[CLIENT]?.getStore() ?? 'onbekend';
}
