/**
 * Self-hosted proof of work (ALTCHA, v1 challenges via altcha-lib) for readers with
 * JavaScript: the browser spends a moment of CPU on a signed challenge (in a Web Worker, so the
 * page stays responsive), which costs a flood from many addresses — where a per-client limit
 * does not help — far more than a person. Readers without JavaScript send no solution and are
 * served all the same (honeypot, fill time and rate limit still apply); a solution that is sent
 * must be valid and unused. The signing key is derived from REPORT_SECRET, so every replica
 * accepts every other's challenges; used challenges are remembered in the shared store.
 */
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import type { ReportStore } from '../store/port.ts';
import { toWholeHour, usedKey } from './abuse.ts';

export type ProofOutcome = 'none' | 'valid' | 'invalid';

const LIFETIME_MS = 60 * 60 * 1000;

export class ProofOfWork {
  readonly #hmacKey: string;
  readonly #usedKey: Buffer;
  readonly #store: ReportStore;
  readonly maxNumber: number;

  constructor(keys: { proofOfWork: Buffer; usedKey: Buffer }, store: ReportStore, maxNumber: number) {
    this.#hmacKey = keys.proofOfWork.toString('base64');
    this.#usedKey = keys.usedKey;
    this.#store = store;
    this.maxNumber = maxNumber;
  }

  /** A new challenge for one form, valid for an hour. */
  issue(now = Date.now()) {
    return createChallenge({ hmacKey: this.#hmacKey, maxNumber: this.maxNumber, expires: new Date(now + LIFETIME_MS) });
  }

  /** Checks the base64 payload the form sent in its "altcha" field, and uses the challenge up. */
  async check(payload: string | undefined, now = Date.now()): Promise<ProofOutcome> {
    if (!payload) return 'none';
    let challenge: string;
    try {
      challenge = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')).challenge;
      if (typeof challenge !== 'string') return 'invalid';
      if (!(await verifySolution(payload, this.#hmacKey, true))) return 'invalid';
    } catch {
      return 'invalid';
    }
    const expiresAt = toWholeHour(Math.floor((now + LIFETIME_MS) / 1000));
    return (await this.#store.useOnce(usedKey(this.#usedKey, 'pow', challenge), expiresAt, now)) ? 'valid' : 'invalid';
  }
}
