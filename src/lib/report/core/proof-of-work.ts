/**
 * Self-hosted proof of work (ALTCHA, v1 challenges via altcha-lib) for readers with
 * JavaScript: the browser spends a moment of CPU on a signed challenge (in a Web Worker, so the
 * page stays responsive), which costs a flood from many addresses — where a per-client limit
 * does not help — far more than a person. Readers without JavaScript send no solution and are
 * served all the same (honeypot, fill time and rate limit still apply); a solution that is sent
 * must be valid and unused. The signing key is derived from REPORT_SECRET, so every replica
 * accepts every other's challenges; used challenges are remembered in the shared store.
 */
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { ReportStore } from '../store/port.ts';
import { toWholeHour, usedKey } from './abuse.ts';

/** 'weak': valid, but issued at a lower level than the pressure now asks (not used up: see check). */
export type ProofOutcome = 'none' | 'valid' | 'invalid' | 'weak';

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

  /**
   * A new challenge for one form, valid for an hour. `level` (0–4, work-budget.ts) doubles the
   * work per step; it is written into the signed salt, so a solution says how hard it was.
   */
  issue(level = 0, now = Date.now()) {
    return createChallenge({
      hmacKey: this.#hmacKey,
      maxNumber: this.maxNumber * 2 ** level,
      expires: new Date(now + LIFETIME_MS),
      params: { level: String(level) },
    });
  }

  /**
   * The part of check() that needs no store: signature, solution, expiry and level. Cheap (one
   * SHA-256 and one HMAC, microseconds), so the Node host runs it before a request waits for a
   * render slot, to put a paid request in its own lane (src/server/paid-lane.mjs). It uses
   * nothing up: `challenge` (unique per issued challenge) and `expiresAt` (ms) let the caller
   * remember it.
   */
  async verify(payload: string | undefined, minLevel = 0): Promise<{ outcome: ProofOutcome; challenge?: string; expiresAt?: number }> {
    if (!payload) return { outcome: 'none' };
    try {
      const challenge = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')).challenge;
      if (typeof challenge !== 'string') return { outcome: 'invalid' };
      if (!(await verifySolution(payload, this.#hmacKey, true))) return { outcome: 'invalid' };
      const params = extractParams(payload);
      const level = Number(params.level ?? 0);
      // Ours always carry an expiry (issue()); verifySolution has checked it.
      const expiresAt = Number(params.expires) * 1000 || Date.now() + LIFETIME_MS;
      return { outcome: level >= minLevel ? 'valid' : 'weak', challenge, expiresAt };
    } catch {
      return { outcome: 'invalid' };
    }
  }

  /**
   * Checks the base64 payload the form sent in its "altcha" field, and uses the challenge up.
   * A solution of a level below `minLevel` is 'weak' and stays unused: the reader gets a harder
   * challenge with the form.
   */
  async check(payload: string | undefined, now = Date.now(), minLevel = 0): Promise<ProofOutcome> {
    const { outcome, challenge } = await this.verify(payload, minLevel);
    if (outcome !== 'valid') return outcome;
    const expiresAt = toWholeHour(Math.floor((now + LIFETIME_MS) / 1000));
    return (await this.#store.useOnce(usedKey(this.#usedKey, 'pow', challenge!), expiresAt, now)) ? 'valid' : 'invalid';
  }
}
