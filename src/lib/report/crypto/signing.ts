/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com/, "Signature scheme"):
 * HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>" with the base64 key after
 * "whsec_", sent as "v1,<base64 signature>". Used by the relay to sign and by the reference
 * receiver to verify.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

function key(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
}

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', key(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export function signedHeaders(secret: string, id: string, body: string, now = Date.now()) {
  const timestamp = Math.floor(now / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(secret, id, timestamp, body),
  };
}

/** Allowed clock difference between sender and receiver, as the spec recommends (5 minutes). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export type Verification = { ok: true } | { ok: false; reason: string };

/** Checks the headers of a received webhook; several space-separated signatures may be sent. */
export function verify(secret: string, headers: { id?: string; timestamp?: string; signature?: string }, body: string, now = Date.now()): Verification {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'webhook-id, webhook-timestamp of webhook-signature ontbreekt' };
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds)) return { ok: false, reason: 'webhook-timestamp is geen geheel getal' };
  if (Math.abs(now / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS) return { ok: false, reason: 'webhook-timestamp ligt te ver van nu' };
  const expected = Buffer.from(sign(secret, id, seconds, body));
  const matches = signature
    .split(' ')
    .map((candidate) => Buffer.from(candidate))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  return matches ? { ok: true } : { ok: false, reason: 'handtekening klopt niet' };
}
