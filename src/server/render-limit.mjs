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
 *
 * The paid lane: a request that carries a valid, unused proof of work of the level asked now
 * (checked by the host before it waits: paid-lane.mjs) waits in a queue of its own, and a freed
 * slot goes to that queue first. A flood without proofs fills only the ordinary queue, so it
 * cannot shut out a reader who pays. How full each queue is raises the proof-of-work level (the
 * work budget's notePressure and noteQueuePressure): a flood without proofs that fills the
 * ordinary queue makes the pages refuse requests without a proof before any Argon2id, and a
 * flood that pays makes the next proofs dearer; its proofs stop counting as paid once they are
 * below the level the lane asks (paidLevel).
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import { count, setGauge } from '../lib/report/core/counters.ts';

/** Requests that may wait per slot: a burst of 50 reports at once (a SIGTERM test, a busy morning) waits, it is not refused; waiting costs only memory, not event-loop time. */
const QUEUE_PER_SLOT = 64;

/** Paid requests that may wait per slot: each costs a render and an Argon2id run (about 50 ms), so a full lane drains in about a second. */
const PAID_PER_SLOT = 16;

/**
 * The limit from REPORT_RENDER_CONCURRENCY (default: the number of cores),
 * REPORT_RENDER_QUEUE (default: 64 × the limit) and REPORT_RENDER_PAID_QUEUE (the paid lane,
 * default: 16 × the limit; 0 turns it off). A value that is not a whole number ≥ 1 (queues:
 * ≥ 0) stops the server at start-up with the name of the setting.
 * @param {Record<string, string | undefined>} env
 * @param {Pressure} [pressure] told how full the lane and the queue are (0–1) when a request joins one: the work budget
 * @param {(start: () => void) => void} [handOff] how the next render is started (createRenderLimit)
 */
export function renderLimitFromEnv(env, pressure, handOff) {
  const whole = (name, min, fallback) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} moet een heel getal van minstens ${min} zijn, niet "${raw}".`);
    return value;
  };
  // navigator.hardwareConcurrency: Node's availableParallelism(), and what a Worker's isolate reports.
  const concurrency = whole('REPORT_RENDER_CONCURRENCY', 1, globalThis.navigator?.hardwareConcurrency ?? 1);
  return createRenderLimit({
    concurrency,
    queue: whole('REPORT_RENDER_QUEUE', 0, concurrency * QUEUE_PER_SLOT),
    paidQueue: whole('REPORT_RENDER_PAID_QUEUE', 0, concurrency * PAID_PER_SLOT),
    pressure,
    handOff,
  });
}

/**
 * Where the fill of the two queues goes: the work budget (core/work-budget.ts), whose
 * proof-of-work level rises with them.
 * @typedef {{ notePressure(fill: number): void, noteQueuePressure(fill: number): void }} Pressure
 */

/**
 * The next render starts in a task of its own (setImmediate), not in the microtasks of the one
 * that ends: static requests that arrived meanwhile are answered first. A page's render yields
 * only to microtasks, so renders handed on directly would hold the event loop as one long task.
 * A Worker passes a direct start instead: a timer set by a request that has answered may never
 * fire there.
 * @param {(start: () => void) => void} start
 */
const afterWaitingIo = (start) => setImmediate(start);

/**
 * @param {{ concurrency: number, queue: number, paidQueue?: number, pressure?: Pressure, handOff?: (start: () => void) => void }} options
 */
export function createRenderLimit({ concurrency, queue, paidQueue = 0, pressure, handOff = afterWaitingIo }) {
  let running = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  /** The paid lane: served before `waiting`. @type {(() => void)[]} */
  const paid = [];
  /** Mean time a slot is held (ms), for Retry-After. */
  let meanMs = 20;

  const gauges = () => {
    setGauge('render_running', running);
    setGauge('render_waiting', waiting.length);
    setGauge('render_paid_waiting', paid.length);
  };
  const release = (started) => {
    meanMs = meanMs * 0.9 + (performance.now() - started) * 0.1;
    // Hand the slot to the next in line, paid first (started by handOff), or free it.
    const next = paid.shift() ?? waiting.shift();
    if (next) handOff(next);
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

  /** A place at the end of `line`: the promise of a slot. */
  const wait = (line) => {
    const turn = new Promise((resolve) => line.push(() => resolve(slot())));
    gauges();
    return turn;
  };

  return {
    concurrency,
    queue,
    paidQueue,
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
    get paidWaiting() {
      return paid.length;
    },
    /**
     * A slot now or later (a promise of its release function), or undefined when every slot is
     * busy and the queue is full. A paid request (`isPaid`: a valid proof of work, checked by
     * paid-lane.mjs) waits in the paid lane while it has room, else in the ordinary queue.
     * @param {boolean} [isPaid]
     * @returns {Promise<() => void> | undefined}
     */
    acquire(isPaid = false) {
      if (running < concurrency) {
        running++;
        gauges();
        return Promise.resolve(slot());
      }
      if (isPaid && paid.length < paidQueue) {
        const turn = wait(paid);
        pressure?.notePressure(paid.length / paidQueue);
        return turn;
      }
      if (waiting.length >= queue) {
        count('render_refused_full');
        return undefined;
      }
      const turn = wait(waiting);
      pressure?.noteQueuePressure(waiting.length / queue);
      return turn;
    },
    /** Seconds after which a refused reader may try again: the queue's worth of renders, 5 to 60. */
    retryAfter() {
      return Math.min(60, Math.max(5, Math.ceil(((running + waiting.length + paid.length) * meanMs) / concurrency / 1000) + 4));
    },
  };
}
