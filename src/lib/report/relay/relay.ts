/**
 * Delivers outbox entries to the intake endpoint: a signed JSON POST per report (Standard
 * Webhooks headers), at least once, with the same webhook-id on every attempt so the receiver
 * can drop duplicates. Success (any 2xx) deletes the entry; network errors, timeouts, 408, 429
 * and 5xx are retried with backoff; other answers, and running out of attempts, move the entry
 * to the dead letters for an operator (npm run outbox). Nothing is dropped silently.
 *
 * Three ways to run it, one code path, `drain()`: a scheduled job (the Worker's cron trigger,
 * `npm run relay -- --once`) drains what is due once; `start()` drains in a loop beside the
 * server (REPORT_RELAY=inline) or alone (npm run relay).
 *
 * Logs never say what a report contains, nor when one moved: the loop writes one line of
 * totals at most once an hour (a line per delivery would date each report).
 */
import type { Claim, ReportStore } from '../store/port.ts';
import type { ReportConfig } from '../core/config.ts';
import { signedHeaders } from '../crypto/signing.ts';
import { isRetryable, parseRetryAfter, retryDelay } from './backoff.ts';

export interface RelayOptions {
  store: ReportStore;
  config: Pick<ReportConfig, 'forwardUrl' | 'secret' | 'retryBaseMs' | 'retryCapMs' | 'maxAttempts' | 'timeoutMs' | 'pollMs'>;
  log?: (message: string) => void;
  fetchImpl?: typeof fetch;
  random?: () => number;
  /** How often the loop may write its totals (default: an hour). */
  summaryIntervalMs?: number;
}

/** Entries attempted in parallel per pass. */
const BATCH = 10;
/**
 * Pause after a full batch before the next. The inline relay shares its thread with the pages:
 * a backlog after an outage must not starve them (a few hundred reports a second is plenty).
 */
const BACKLOG_PAUSE_MS = 20;

export interface BatchResult {
  delivered: number;
  retrying: number;
  dead: number;
}

export interface DrainOptions {
  /** Entries claimed and attempted in parallel per pass. */
  batch?: number;
  /** Start no new pass after this long; what is left waits for the next drain. */
  budgetMs?: number;
  /** Pause between full passes, so a backlog does not starve a thread that also serves pages. */
  pauseMs?: number;
}

export function createRelay({ store, config, log = console.log, fetchImpl = fetch, random, summaryIntervalMs = 3_600_000 }: RelayOptions) {
  const { forwardUrl, secret } = config;
  // The lease outlives one attempt (and the store calls around it) with margin, so a crashed
  // worker's entries come back soon after, and a slow attempt is never attempted twice at once.
  const leaseMs = 2 * config.timeoutMs + 5_000;

  async function attempt(claim: Claim): Promise<keyof BatchResult> {
    if (!forwardUrl || !secret) throw new Error('relay without forward URL');
    let status: number | undefined;
    let retryAfterMs = 0;
    let error: string;
    try {
      const response = await fetchImpl(forwardUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(secret, claim.id, claim.payload) },
        body: claim.payload,
        redirect: 'error',
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) {
        await store.acknowledge(claim.id, claim.leaseToken);
        return 'delivered';
      }
      status = response.status;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      error = `HTTP ${status}`;
    } catch (cause) {
      error = (cause as Error).name === 'TimeoutError' ? `geen antwoord binnen ${config.timeoutMs} ms` : `netwerkfout: ${(cause as Error).message}`;
    }
    const attempts = claim.attempts + 1;
    if (!isRetryable(status) || attempts >= config.maxAttempts) {
      await store.fail(claim.id, claim.leaseToken, { error, dead: true });
      return 'dead';
    }
    const delay = retryDelay(claim.attempts, { baseMs: config.retryBaseMs, capMs: config.retryCapMs, retryAfterMs, random });
    await store.fail(claim.id, claim.leaseToken, { error, retryAt: Date.now() + delay });
    return 'retrying';
  }

  /** One pass: claim what is due (up to `limit`), try each once, and say what happened. */
  async function runOnce(limit = BATCH): Promise<BatchResult> {
    const result: BatchResult = { delivered: 0, retrying: 0, dead: 0 };
    // Housekeeping rides along: conversations past their retention are deleted (overwritten where the store allows).
    await store.purgeMailboxes();
    const claims = await store.claim(limit, leaseMs);
    const outcomes = await Promise.all(claims.map(attempt));
    for (const outcome of outcomes) result[outcome] += 1;
    return result;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The loop's pass in progress, if any: stop() awaits it. */
  let current: Promise<unknown> | undefined;
  let stopped = false;
  const totals: BatchResult & { errors: number } = { delivered: 0, retrying: 0, dead: 0, errors: 0 };
  let lastSummary = Date.now();

  /**
   * Passes until a batch comes back less than full (nothing more is due), the budget is spent,
   * or the relay is stopped. Leases keep overlapping drains (two replicas, two cron runs) from
   * sending one report twice at once.
   */
  async function drain({ batch = BATCH, budgetMs = Infinity, pauseMs = 0 }: DrainOptions = {}): Promise<BatchResult> {
    const total: BatchResult = { delivered: 0, retrying: 0, dead: 0 };
    const started = Date.now();
    for (;;) {
      const result = await runOnce(batch);
      for (const key of ['delivered', 'retrying', 'dead'] as const) total[key] += result[key];
      if (result.delivered + result.retrying + result.dead < batch || stopped || Date.now() - started >= budgetMs) return total;
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  function summarise(force = false) {
    const moved = totals.delivered + totals.retrying + totals.dead + totals.errors;
    if (moved === 0 || (!force && Date.now() - lastSummary < summaryIntervalMs)) return;
    log(
      `Meldingen sinds het vorige overzicht: ${totals.delivered} afgeleverd, ${totals.retrying} pogingen mislukt (komen later opnieuw), ` +
        `${totals.dead} naar de dode brieven${totals.errors ? `, ${totals.errors} keer kon de opslag niet worden gelezen` : ''}. Zie npm run outbox -- list.`,
    );
    Object.assign(totals, { delivered: 0, retrying: 0, dead: 0, errors: 0 });
    lastSummary = Date.now();
  }

  /** Polls the store until stop(); each pass waits for the previous one. */
  function start() {
    if (!forwardUrl || !secret) {
      log('Let op: REPORT_FORWARD_URL is niet ingesteld. Meldingen worden aangenomen en bewaard, maar NIET doorgestuurd.');
      return;
    }
    log(`Meldingen worden doorgestuurd naar ${new URL(forwardUrl).origin}.`);
    const tick = async () => {
      if (stopped) return;
      const pass = drain({ batch: BATCH, pauseMs: BACKLOG_PAUSE_MS }).then(
        (result) => {
          for (const key of ['delivered', 'retrying', 'dead'] as const) totals[key] += result[key];
        },
        () => {
          totals.errors += 1;
        },
      );
      current = pass;
      await pass;
      current = undefined;
      summarise();
      if (!stopped) timer = setTimeout(tick, config.pollMs);
    };
    timer = setTimeout(tick, 0);
  }

  /** Ends the loop: no new pass starts, and the one under way is awaited. */
  async function stop() {
    stopped = true;
    clearTimeout(timer);
    await current;
    summarise(true);
  }

  return { drain, start, stop };
}
