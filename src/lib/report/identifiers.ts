/**
 * Identifiers for a report. Both are random, never derived from time or from the reporter:
 * the id is the webhook-id for delivery; the reference code is what the reporter may quote
 * when calling Meld Misdaad Anoniem later.
 */
import { randomBytes, randomUUID } from 'node:crypto';

/** Crockford base32 without I, L, O and U: easy to read aloud and type over. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReportId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

/** "MW-7KQ2-9XFD": 40 random bits, enough that codes cannot be guessed. */
export function newReferenceCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return `MW-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

export const REFERENCE_CODE = /^MW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The hour in which a report arrived, as ISO 8601 (UTC): precise enough to act on, too coarse to match an access log. */
export function receivedHour(now = Date.now()): string {
  const hour = new Date(now);
  hour.setUTCMinutes(0, 0, 0);
  return hour.toISOString().replace('.000Z', 'Z');
}
