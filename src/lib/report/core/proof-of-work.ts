/**
 * Self-hosted proof of work (ALTCHA v1 challenges) for readers with
 * JavaScript: the browser spends a moment of CPU on a signed challenge (in a Web Worker, so the
 * page stays responsive), which costs a flood from many addresses — where a per-client limit
 * does not help — far more than a person. Readers without JavaScript send no solution and are
 * served all the same (honeypot, fill time and rate limit still apply); a solution that is sent
 * must be valid and unused. The signing key is derived from REPORT_SECRET, so every replica
 * accepts every other's challenges; used challenges are remembered in the shared store.
 *
 * Challenges are made and checked here with node:crypto (both hosts have it; the Worker through
 * nodejs_compat) in the exact format of altcha-lib's createChallenge and verifySolution, which
 * the tests use as the reference (tests/unit/report/proof-of-work.test.ts). altcha-lib does both
 * with WebCrypto and imports the key on every call: 140 µs to issue and about as much to check on
 * Node, against 8 µs here. Every form, and under a flood every busy page (src/server/busy-page.mjs)
 * and every proof the paid lane checks, costs one of each, so that was the busy page's price.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { ReportStore } from '../store/port.ts';
import { toWholeHour, usedKey } from './abuse.ts';

/** 'weak': valid, but issued at a lower level than the pressure now asks (not used up: see check). */
export type ProofOutcome = 'none' | 'valid' | 'invalid' | 'weak';

const LIFETIME_MS = 60 * 60 * 1000;
/** ALTCHA v1's defaults, which the solvers (src/lib/report/core/solve-proof-of-work.ts) assume. */
const ALGORITHM = 'SHA-256';
const SALT_BYTES = 12;

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A challenge as the browser gets it (altcha-lib's Challenge). */
export interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

export class ProofOfWork {
  /** The HMAC key as altcha-lib uses it: the UTF-8 bytes of the base64 text. */
  readonly #hmacKey: Buffer;
  readonly #usedKey: Buffer;
  readonly #store: ReportStore;
  readonly maxNumber: number;

  constructor(keys: { proofOfWork: Buffer; usedKey: Buffer }, store: ReportStore, maxNumber: number) {
    this.#hmacKey = Buffer.from(keys.proofOfWork.toString('base64'), 'utf8');
    this.#usedKey = keys.usedKey;
    this.#store = store;
    this.maxNumber = maxNumber;
  }

  /**
   * A new challenge for one form, valid for an hour. `level` (0–4, work-budget.ts) doubles the
   * work per step; it is written into the signed salt, so a solution says how hard it was.
   */
  async issue(level = 0, now = Date.now()): Promise<Challenge> {
    const maxnumber = this.maxNumber * 2 ** level;
    // The parameters in the signed salt, as createChallenge writes them; the final & keeps a
    // solver from moving digits between the salt and the number.
    const params = new URLSearchParams({ level: String(level), expires: String(Math.floor((now + LIFETIME_MS) / 1000)) });
    const salt = `${randomBytes(SALT_BYTES).toString('hex')}?${params}&`;
    const challenge = sha256Hex(salt + randomInt(1, maxnumber + 1));
    return { algorithm: ALGORITHM, challenge, maxnumber, salt, signature: this.#sign(challenge) };
  }

  #sign(challenge: string) {
    return createHmac('sha256', this.#hmacKey).update(challenge).digest('hex');
  }

  /**
   * The part of check() that needs no store: signature, solution, expiry and level. Cheap (one
   * SHA-256 and one HMAC, a few microseconds), so the Node host runs it before a request waits for a
   * render slot, to put a paid request in its own lane (src/server/paid-lane.mjs). It uses
   * nothing up: `challenge` (unique per issued challenge) and `expiresAt` (ms) let the caller
   * remember it.
   */
  async verify(payload: string | undefined, minLevel = 0): Promise<{ outcome: ProofOutcome; challenge?: string; expiresAt?: number }> {
    if (!payload) return { outcome: 'none' };
    try {
      const { algorithm, challenge, number, salt, signature } = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
      if (typeof challenge !== 'string' || typeof salt !== 'string' || typeof signature !== 'string' || !Number.isSafeInteger(number))
        return { outcome: 'invalid' };
      if (String(algorithm ?? ALGORITHM).toUpperCase() !== ALGORITHM) return { outcome: 'invalid' };
      const params = new URLSearchParams(salt.split('?')[1] ?? '');
      // Ours always carry an expiry (issue()): one without it, or past it, is not ours to take.
      const expiresAt = Number(params.get('expires')) * 1000;
      if (!(expiresAt > Date.now())) return { outcome: 'invalid' };
      // Solved: the number gives the challenge; signed by us: the challenge gives the signature.
      if (sha256Hex(salt + number) !== challenge) return { outcome: 'invalid' };
      const expected = Buffer.from(this.#sign(challenge), 'hex');
      const sent = Buffer.from(signature, 'hex');
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) return { outcome: 'invalid' };
      const level = Number(params.get('level') ?? 0);
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
