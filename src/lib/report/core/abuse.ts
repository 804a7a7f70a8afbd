/**
 * Abuse resistance that identifies no one, with its state in the shared store so that every
 * replica agrees (see store/port.ts):
 * - FillTimer: a signed "form shown at" token; a submit faster than a person can type is
 *   refused, and each token is accepted once (a keyed hash of it is remembered until it expires).
 * - RateLimiter: at most N in any 60 minutes per client (client-address.ts), counted under a keyed
 *   hash whose key changes every UTC day (keys.ts). No address, nor anything that can be turned
 *   back into one without the secret, is written anywhere; stored expiry times are whole hours.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ReportStore } from '../store/port.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Unix seconds, rounded up to a whole hour: what the store may keep about when something happened. */
export const toWholeHour = (seconds: number) => Math.ceil(seconds / 3600) * 3600;

/** A keyed hash of a token or challenge: what the store keeps to refuse a second use. */
export function usedKey(key: Buffer, kind: string, value: string): string {
  return createHmac('sha256', key).update(`${kind}:${value}`).digest('base64url');
}

export class FillTimer {
  readonly keys: { fillToken: Buffer; usedKey: Buffer };
  readonly store: ReportStore;
  readonly minSeconds: number;
  readonly maxSeconds: number;

  constructor(keys: { fillToken: Buffer; usedKey: Buffer }, store: ReportStore, minSeconds: number, maxSeconds = 24 * 3600) {
    this.keys = keys;
    this.store = store;
    this.minSeconds = minSeconds;
    this.maxSeconds = maxSeconds;
  }

  /** "<seconds>.<nonce>.<mac>": the nonce makes every token unique, so each can be used once. */
  issue(now = Date.now()): string {
    const body = `${Math.floor(now / 1000)}.${randomBytes(9).toString('base64url')}`;
    return `${body}.${this.#mac(body)}`;
  }

  /** 'ok', 'too-fast', or 'invalid' (forged, expired, or not from this site). Does not use it up. */
  check(token: string | undefined, now = Date.now()): 'ok' | 'too-fast' | 'invalid' {
    const match = /^((\d+)\.[A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{22})$/.exec(token ?? '');
    if (!match) return 'invalid';
    const expected = Buffer.from(this.#mac(match[1]));
    const given = Buffer.from(match[3]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    const elapsed = now / 1000 - Number(match[2]);
    if (elapsed > this.maxSeconds || elapsed < -5) return 'invalid';
    return elapsed < this.minSeconds ? 'too-fast' : 'ok';
  }

  /** Uses a checked token up; false when it was used before (a replayed or double-sent form). */
  consume(token: string, now = Date.now()): Promise<boolean> {
    const issued = Number(token.split('.')[0]);
    return this.store.useOnce(usedKey(this.keys.usedKey, 'fill', token), toWholeHour(issued + this.maxSeconds), now);
  }

  #mac(body: string): string {
    return createHmac('sha256', this.keys.fillToken).update(body).digest('base64url').slice(0, 22);
  }
}

export class RateLimiter {
  readonly keys: { rateLimit(day: number): Buffer };
  readonly store: ReportStore;
  readonly perHour: number;
  /** Which limit this is: each scope counts apart (reports, follow-up attempts …). */
  readonly scope: string;

  constructor(keys: { rateLimit(day: number): Buffer }, store: ReportStore, perHour: number, scope = 'melden') {
    this.keys = keys;
    this.store = store;
    this.perHour = perHour;
    this.scope = scope;
  }

  /**
   * Counts one submission of `client` unless that would make more than `perHour` in the
   * current clock hour and the one before together. Any 60 minutes lie within two such hours,
   * so no 60 minutes ever hold more than `perHour` (a weighted window, which guesses how the
   * previous hour's submissions were spread, let 19 through in 60 minutes at a limit of 10).
   * The price: a client at its limit waits until the second clock hour after its first
   * submission. False when over the limit.
   */
  allow(client: string, now = Date.now()): Promise<boolean> {
    const slot = Math.floor(now / HOUR_MS);
    // Each slot is hashed with the key of its own day, so the window also slides over midnight.
    const bucket = (s: number) =>
      `${createHmac('sha256', this.keys.rateLimit(Math.floor((s * HOUR_MS) / DAY_MS)))
        .update(`${this.scope}:${client}`)
        .digest('base64url')}:${s}`;
    return this.store.hit(
      {
        current: bucket(slot),
        previous: bucket(slot - 1),
        previousWeight: 1,
        limit: this.perHour,
        expiresAt: (slot + 2) * 3600,
      },
      now,
    );
  }
}
