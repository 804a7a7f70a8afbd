/**
 * Abuse resistance that identifies no one.
 * - FillTimer: a signed "form shown at" stamp; a submit faster than a person can type is
 *   refused. The stamp travels in the form, is checked, and is never stored.
 * - RateLimiter: counts submissions per client address, but keyed by an HMAC of the address
 *   under a random key that lives only in memory and is replaced every day, together with all
 *   counts. No address, nor anything that can be turned back into one, is written anywhere.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export class FillTimer {
  readonly #key = randomBytes(32);

  constructor(readonly minSeconds: number, readonly maxSeconds = 24 * 3600) {}

  issue(now = Date.now()): string {
    const seconds = Math.floor(now / 1000);
    return `${seconds}.${this.#mac(seconds)}`;
  }

  /** 'ok', 'too-fast', or 'invalid' (forged, expired, or issued before a server restart). */
  check(token: string | undefined, now = Date.now()): 'ok' | 'too-fast' | 'invalid' {
    const match = /^(\d+)\.([A-Za-z0-9_-]+)$/.exec(token ?? '');
    if (!match) return 'invalid';
    const seconds = Number(match[1]);
    const expected = Buffer.from(this.#mac(seconds));
    const given = Buffer.from(match[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    const elapsed = now / 1000 - seconds;
    if (elapsed > this.maxSeconds || elapsed < -5) return 'invalid';
    return elapsed < this.minSeconds ? 'too-fast' : 'ok';
  }

  #mac(seconds: number): string {
    return createHmac('sha256', this.#key).update(String(seconds)).digest('base64url').slice(0, 22);
  }
}

export class RateLimiter {
  #key = randomBytes(32);
  #day = -1;
  #counts = new Map<string, { hour: number; count: number }>();

  constructor(readonly perHour: number) {}

  /**
   * Records one submission of the given weight (1, or less when the browser solved a proof of
   * work); false when this client already reached the hourly limit.
   */
  allow(clientAddress: string, now = Date.now(), weight = 1): boolean {
    const day = Math.floor(now / 86_400_000);
    if (day !== this.#day) {
      this.#key = randomBytes(32);
      this.#counts.clear();
      this.#day = day;
    }
    const hour = Math.floor(now / 3_600_000);
    const bucket = createHmac('sha256', this.#key).update(clientAddress).digest('base64url');
    const current = this.#counts.get(bucket);
    const count = (current && current.hour === hour ? current.count : 0) + weight;
    this.#counts.set(bucket, { hour, count });
    return count <= this.perHour + 1e-9;
  }
}
