/**
 * The budget for the costly work of the report path (an Argon2id run over a receipt code,
 * sealing a report): at most `concurrency` at a time, at most `queue` waiting, so a flood can
 * take no more than its share of the CPU and the page-serving path keeps the rest. Work that
 * finds the queue full is not started at all: the caller answers at once (503 with Retry-After,
 * the form values kept).
 *
 * `level()` (0–4) says how hard the proof of work must be for the next request: it follows the
 * highest pressure (how full the budget is) of the last moments, held for 15 s and then decaying
 * with a half-life of 30 s, so a flood cannot bring it down by pausing a moment. When it has decayed below the free
 * share while the flood goes on, the flood's requests get in, fill the queue, are refused, and
 * raise it again: the costly work they cause stays within the budget. Counting is per process and
 * identifies no one: no address, no code, only how many.
 */
import { count, setGauge } from './counters.ts';
import type { ProofOutcome } from './proof-of-work.ts';

/** Highest proof-of-work level: the difficulty doubles per level (×16 at 4). */
export const MAX_LEVEL = 4;
const HOLD_MS = 15_000;
const HALF_LIFE_MS = 30_000;
/**
 * Below this pressure nobody is asked for more than usual: ordinary bursts (ten reports at once
 * over three replicas) must not turn readers without JavaScript away.
 */
const FREE = 0.5;

/** Marks a WorkRefused across module copies (the host's src/ and the pages' bundle each have one). */
const REFUSED = Symbol.for('meldwijzer.workRefused');

export class WorkRefused extends Error {
  /** Seconds after which trying again is likely to work. */
  readonly retryAfter: number;
  readonly [REFUSED] = true;

  constructor(retryAfter: number) {
    super('Te druk: het werk is niet begonnen.');
    this.name = 'WorkRefused';
    this.retryAfter = retryAfter;
  }
}

/** Whether `error` is a WorkRefused from any copy of this module: `instanceof` sees only its own. */
export const isWorkRefused = (error: unknown): error is WorkRefused => (error as { [REFUSED]?: boolean } | null)?.[REFUSED] === true;

export interface WorkBudgetOptions {
  /** Costly operations at the same time (default: half the cores, at least 1). */
  concurrency?: number;
  /** Operations that may wait for a turn (default: 16 per concurrent operation). */
  queue?: number;
  now?: () => number;
}

/** Half the cores (navigator.hardwareConcurrency: Node and Workers alike): the other half serves pages. */
export const defaultConcurrency = () => Math.max(1, Math.floor((globalThis.navigator?.hardwareConcurrency ?? 2) / 2));

const levelFor = (pressure: number) => (pressure < FREE ? 0 : Math.min(MAX_LEVEL, 1 + Math.floor(((pressure - FREE) / (1 - FREE)) * MAX_LEVEL)));

/** The highest pressure seen, and when: held for HOLD_MS, then halving every HALF_LIFE_MS. */
class Peak {
  readonly #now: () => number;
  #value = 0;
  #at = 0;
  constructor(now: () => number) {
    this.#now = now;
  }
  value(): number {
    const since = this.#now() - this.#at;
    return since <= HOLD_MS ? this.#value : this.#value * 0.5 ** ((since - HOLD_MS) / HALF_LIFE_MS);
  }
  note(pressure: number): void {
    if (pressure >= this.value()) {
      this.#value = pressure;
      this.#at = this.#now();
    }
  }
}

export class WorkBudget {
  readonly concurrency: number;
  readonly queueLimit: number;
  readonly #now: () => number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  /** The highest pressure of the costly work itself and of the paid lane: decays from there. */
  readonly #paid: Peak;
  /** The highest fill of the ordinary render queue, which a flood without proofs fills. */
  readonly #queued: Peak;
  /** Mean duration of one operation (ms), for Retry-After. */
  #meanMs = 50;

  constructor(options: WorkBudgetOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? defaultConcurrency());
    this.queueLimit = Math.max(0, options.queue ?? this.concurrency * 16);
    this.#now = options.now ?? Date.now;
    this.#paid = new Peak(this.#now);
    this.#queued = new Peak(this.#now);
  }

  get running() {
    return this.#running;
  }
  get waiting() {
    return this.#waiting.length;
  }

  /** 0 (idle) to 1 (every slot busy and the queue full) now. */
  #current(): number {
    return (this.#running + this.#waiting.length) / (this.concurrency + this.queueLimit);
  }

  /** The pressure now, or the decaying peak of any source if higher: what the level follows. */
  pressure(): number {
    return Math.max(this.#current(), this.#paid.value(), this.#queued.value());
  }

  /**
   * The proof-of-work level for the pressure now: 0 below half (ordinary use: a few readers
   * at once), then 1 to 4 over the rest. New challenges have this level, and a request needs a
   * solution of it to get to the costly work.
   */
  level(): number {
    return levelFor(this.pressure());
  }

  /**
   * The level a solution needs to take the Node host's paid lane (src/server/paid-lane.mjs): the
   * pressure of the costly work and of the lane itself, not of the ordinary queue. A flood
   * without proofs fills that queue and raises level(), so the reader's page may hold an older,
   * easier challenge; that reader still gets through the lane to the page, which answers with a
   * challenge of the level asked now (a render, no Argon2id), instead of waiting with the flood.
   */
  paidLevel(): number {
    return levelFor(Math.max(this.#current(), this.#paid.value()));
  }

  /** Seconds until a refused reader may try again: the queue's worth of work, at least 5, at most 120. */
  retryAfter(): number {
    const drainMs = ((this.#running + this.#waiting.length) * this.#meanMs) / this.concurrency;
    return Math.min(120, Math.max(5, Math.ceil(drainMs / 1000) + 5 * this.level()));
  }

  /**
   * Whether a request may queue for costly work, given its proof of work checked at `level`
   * (the level() of that moment): always at level 0; above it only with a valid solution of that
   * level.
   */
  admit(outcome: ProofOutcome, level: number): { kind: 'go' } | { kind: 'busy'; retryAfter: number } {
    if (level === 0 || outcome === 'valid') return { kind: 'go' };
    count('work_refused_pressure');
    return { kind: 'busy', retryAfter: this.retryAfter() };
  }

  /**
   * Pressure from elsewhere that must raise the price as well: the Node host's paid lane
   * (src/server/render-limit.mjs) says how full it is, so a flood of paid requests makes the
   * next ones pay more. Remembered like the budget's own peak: held, then decaying.
   */
  notePressure(pressure: number): void {
    this.#paid.note(Math.min(1, Math.max(0, pressure)));
    setGauge('work_level', this.level());
  }

  /**
   * How full the ordinary render queue is (0–1; src/server/render-limit.mjs). On the way to the
   * costly work a render limit lets only a few requests through, so the budget's own queue never
   * fills however large the flood: the flood waits in the render queue instead. Its fill raises
   * the level, so requests without a proof are refused before Argon2id (which in a Worker holds
   * the isolate's one thread) once that queue is half full. It does not raise paidLevel().
   */
  noteQueuePressure(pressure: number): void {
    this.#queued.note(Math.min(1, Math.max(0, pressure)));
    setGauge('work_level', this.level());
  }

  /** Runs `work` when a slot is free; throws WorkRefused (without running it) when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.concurrency) {
      if (this.#waiting.length >= this.queueLimit) {
        this.#remember(1);
        count('work_refused_full');
        throw new WorkRefused(this.retryAfter());
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    // Work going on holds the peak where it is (as it decayed so far); the queue's peak is its own.
    this.#remember(Math.max(this.#current(), this.#paid.value()));
    this.#gauges();
    count('work_started');
    const started = this.#now();
    try {
      return await work();
    } finally {
      this.#meanMs = this.#meanMs * 0.9 + (this.#now() - started) * 0.1;
      // Hand the slot straight to the next in line, or free it.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
      this.#gauges();
    }
  }

  #remember(pressure: number) {
    this.#paid.note(pressure);
  }

  #gauges() {
    setGauge('work_running', this.#running);
    setGauge('work_waiting', this.#waiting.length);
    setGauge('work_level', this.level());
  }
}
