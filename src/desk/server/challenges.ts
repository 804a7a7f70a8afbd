/**
 * WebAuthn challenges that cost the server nothing to hand out. A challenge is its expiry, 16
 * random bytes and an HMAC over both and its purpose (sign-in or registration), under a key every
 * replica shares (the store's `challenge_key` setting, made when the store is first opened). So
 * asking for one stores nothing: a flood of option requests from any number of addresses cannot
 * fill a table or memory, and nobody's challenge can be pushed out by others'. What is stored is
 * a challenge that was *answered* with a valid passkey signature (DeskStore.spendChallenge), until
 * it expires, so a captured answer cannot be replayed; only members with a passkey can add rows.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DeskStore } from './store.ts';

export const CHALLENGE_SECONDS = 5 * 60;
/** Sign-in, registration, and the proof that a browser holds the desk key (keys-api.ts). */
export type ChallengePurpose = 'aanmelden' | 'registratie' | 'sleutelbewijs';

const EXPIRY_BYTES = 4;
const RANDOM_BYTES = 16;
const MAC_BYTES = 16;

const mac = (key: Buffer, purpose: ChallengePurpose, body: Buffer) => createHmac('sha256', key).update(purpose).update(body).digest().subarray(0, MAC_BYTES);

/** A new challenge (the bytes WebAuthn signs; the options carry them as base64url). */
export function newChallenge(key: Buffer, purpose: ChallengePurpose, now = Date.now()): Uint8Array<ArrayBuffer> {
  const body = Buffer.alloc(EXPIRY_BYTES + RANDOM_BYTES);
  body.writeUInt32BE(Math.floor(now / 1000) + CHALLENGE_SECONDS, 0);
  randomBytes(RANDOM_BYTES).copy(body, EXPIRY_BYTES);
  return new Uint8Array(Buffer.concat([body, mac(key, purpose, body)]));
}

/** The expiry (Unix seconds) of a challenge this desk made for `purpose` and that has not expired; else undefined. */
export function challengeExpiry(key: Buffer, purpose: ChallengePurpose, challenge: string, now = Date.now()): number | undefined {
  const bytes = Buffer.from(challenge, 'base64url');
  if (bytes.length !== EXPIRY_BYTES + RANDOM_BYTES + MAC_BYTES) return undefined;
  const body = bytes.subarray(0, EXPIRY_BYTES + RANDOM_BYTES);
  if (!timingSafeEqual(bytes.subarray(body.length), mac(key, purpose, body))) return undefined;
  const expiresAt = body.readUInt32BE(0);
  return expiresAt >= Math.floor(now / 1000) ? expiresAt : undefined;
}

const keys = new WeakMap<DeskStore, Promise<Buffer>>();

/** The store's challenge key, read once per store. */
export function challengeKey(store: DeskStore): Promise<Buffer> {
  let key = keys.get(store);
  if (!key) {
    key = store.getSetting('challenge_key').then((value) => {
      if (!value) throw new Error('De sleutel voor aanmeldingen ontbreekt in de opslag.');
      return Buffer.from(value, 'base64');
    });
    keys.set(store, key);
  }
  return key;
}

/** A fresh key for a store that has none: 32 random bytes, base64. */
export const newChallengeKey = () => randomBytes(32).toString('base64');
