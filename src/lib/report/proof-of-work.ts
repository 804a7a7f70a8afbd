/**
 * Self-hosted proof of work (ALTCHA, v1 challenges via altcha-lib) for readers with
 * JavaScript: the browser spends a moment of CPU on a signed challenge, which costs a flood
 * far more than a person. Readers without JavaScript send no solution and are served all the
 * same (honeypot, fill time and rate limit still apply); a valid solution lowers the weight a
 * report has in the rate limit. The signing key lives only in memory; a used challenge is
 * remembered until it expires, so a solution cannot be replayed.
 */
import { randomBytes } from 'node:crypto';
import { createChallenge, verifySolution } from 'altcha-lib/v1';

export type ProofOutcome = 'none' | 'valid' | 'invalid';

const LIFETIME_MS = 60 * 60 * 1000;

export class ProofOfWork {
  readonly #key = randomBytes(32).toString('base64');
  readonly #used = new Map<string, number>();

  constructor(readonly maxNumber: number) {}

  /** A new challenge for one form, valid for an hour. */
  issue(now = Date.now()) {
    return createChallenge({ hmacKey: this.#key, maxNumber: this.maxNumber, expires: new Date(now + LIFETIME_MS) });
  }

  /** Checks the base64 payload the form sent in its "altcha" field. */
  async check(payload: string | undefined, now = Date.now()): Promise<ProofOutcome> {
    if (!payload) return 'none';
    for (const [challenge, expires] of this.#used) if (expires < now) this.#used.delete(challenge);
    let challenge: string;
    try {
      challenge = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')).challenge;
      if (typeof challenge !== 'string' || this.#used.has(challenge)) return 'invalid';
      if (!(await verifySolution(payload, this.#key, true))) return 'invalid';
    } catch {
      return 'invalid';
    }
    this.#used.set(challenge, now + LIFETIME_MS);
    return 'valid';
  }
}
