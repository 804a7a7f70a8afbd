/**
 * At most a few on-demand renders at a time (the report form, the follow-up page, their
 * refusals, the on-demand 404), so a static file never waits behind more than those few on the
 * one event loop. A flood of requests to the report pages otherwise interleaves dozens of page
 * renders (the report form: 56 KB, about 12 ms each) with every static answer: with wrong codes
 * and reports without JavaScript together, /hulp/ p99 rose to 9–18 × idle (docs/BENCHMARKS.md).
 *
 * `acquire()` gives a slot at once, a place in a bounded queue, or `undefined` when the queue is
 * full: then the caller answers at once with the small busy page (busy-page.mjs), which renders
 * nothing of the site. Counting only: no address, no URL.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import { availableParallelism } from 'node:os';
import { count, setGauge } from '../lib/report/core/counters.ts';

/** Requests that may wait per slot: a burst of 50 reports at once (a SIGTERM test, a busy morning) waits, it is not refused; waiting costs only memory, not event-loop time. */
const QUEUE_PER_SLOT = 64;

/**
 * The limit from REPORT_RENDER_CONCURRENCY (default: the number of cores) and
 * REPORT_RENDER_QUEUE (default: 64 × the limit). A value that is not a whole number ≥ 1 (queue:
 * ≥ 0) stops the server at start-up with the name of the setting.
 * @param {NodeJS.ProcessEnv} env
 */
export function renderLimitFromEnv(env) {
  const whole = (name, min, fallback) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} moet een heel getal van minstens ${min} zijn, niet "${raw}".`);
    return value;
  };
  const concurrency = whole('REPORT_RENDER_CONCURRENCY', 1, availableParallelism());
  return createRenderLimit({ concurrency, queue: whole('REPORT_RENDER_QUEUE', 0, concurrency * QUEUE_PER_SLOT) });
}

/**
 * @param {{ concurrency: number, queue: number }} options
 */
export function createRenderLimit({ concurrency, queue }) {
  let running = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  /** Mean time a slot is held (ms), for Retry-After. */
  let meanMs = 20;

  const gauges = () => {
    setGauge('render_running', running);
    setGauge('render_waiting', waiting.length);
  };
  const release = (started) => {
    meanMs = meanMs * 0.9 + (performance.now() - started) * 0.1;
    // Hand the slot straight to the next in line, or free it.
    const next = waiting.shift();
    if (next) next();
    else running--;
    gauges();
  };
  /** A release that works once, however often it is called (finish and close both fire). */
  const slot = () => {
    const started = performance.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release(started);
    };
  };

  return {
    concurrency,
    queue,
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
    /**
     * A slot now or later (a promise of its release function), or undefined when every slot is
     * busy and the queue is full.
     * @returns {Promise<() => void> | undefined}
     */
    acquire() {
      if (running < concurrency) {
        running++;
        gauges();
        return Promise.resolve(slot());
      }
      if (waiting.length >= queue) {
        count('render_refused_full');
        return undefined;
      }
      const turn = new Promise((resolve) => waiting.push(() => resolve(slot())));
      gauges();
      return turn;
    },
    /** Seconds after which a refused reader may try again: the queue's worth of renders, 5 to 60. */
    retryAfter() {
      return Math.min(60, Math.max(5, Math.ceil(((running + waiting.length) * meanMs) / concurrency / 1000) + 4));
    },
  };
}
