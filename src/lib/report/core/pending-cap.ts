/**
 * The cap on reports waiting in the outbox (config.maxPending, REPORT_MAX_PENDING): a flood of
 * accepted reports, or an intake desk that stays unreachable, can never fill the disk. The count
 * comes from the store at most every few seconds and is raised by every report this process
 * adds in between, so the check costs no query per report; with replicas each counts its own
 * additions, so the cap can be passed by at most a few seconds' worth of their reports.
 */
import type { ReportStore } from '../store/port.ts';

const REFRESH_MS = 5_000;

export class PendingCap {
  readonly max: number;
  #known = 0;
  #at = -Infinity;

  constructor(max: number) {
    this.max = max;
  }

  async allows(store: ReportStore, now = Date.now()): Promise<boolean> {
    if (now - this.#at > REFRESH_MS) {
      this.#known = await store.outboxSize();
      this.#at = now;
    }
    return this.#known < this.max;
  }

  /** One more report committed by this process. */
  added(): void {
    this.#known++;
  }
}
