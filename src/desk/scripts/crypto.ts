/**
 * Key wrapping in the browser (Web Crypto). The desk's age identity is stored only wrapped:
 * AES-256-GCM under a key derived with HKDF-SHA256 from either a passkey's PRF output (one
 * wrapped copy per passkey) or the recovery key (256 random bits, shown once at set-up).
 * Handing the key to a new member: their PRF output also gives an age identity (the transfer
 * key); an existing member's browser seals the desk key to its public half, and the new member's
 * browser opens it and wraps it again under AES-GCM on first use.
 */
import { bech32 } from '@scure/base';

const encoder = new TextEncoder();

export const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
export const fromBase64Url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** The PRF input every passkey of the desk is asked to evaluate (public, fixed per version). */
export async function prfSalt(): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode('meldbalie PRF v1')));
}

async function wrappingKey(secret: BufferSource, info: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('meldbalie wrapping v1'), info: encoder.encode(info) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The key for one passkey: its PRF output, bound to its credential id. */
export const passkeyKey = (prfOutput: BufferSource, credentialId: string) => wrappingKey(prfOutput, `passkey ${credentialId}`);

/** The age identity a new member's passkey gives, to receive the desk key from a colleague. */
export async function transferIdentity(prfOutput: BufferSource, credentialId: string): Promise<string> {
  const material = await crypto.subtle.importKey('raw', prfOutput, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('meldbalie wrapping v1'), info: encoder.encode(`overdracht ${credentialId}`) },
    material,
    256,
  );
  return bech32.encodeFromBytes('AGE-SECRET-KEY-', new Uint8Array(bits)).toUpperCase();
}
export const recoveryKey = (bytes: Uint8Array) => wrappingKey(bytes as BufferSource, 'herstelsleutel');

export async function wrap(key: CryptoKey, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(secret)));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64Url(out);
}

/** The secret, or undefined for a wrong key or an altered blob. */
export async function unwrap(key: CryptoKey, wrapped: string): Promise<string | undefined> {
  try {
    const data = fromBase64Url(wrapped);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: data.subarray(0, 12) }, key, data.subarray(12));
    return new TextDecoder().decode(plain);
  } catch {
    return undefined;
  }
}

// Crockford base32: no I, L, O or U, so what is printed is easy to type back.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new recovery key: 256 random bits as 52 characters in groups of four. */
export function newRecoveryKey(): { bytes: Uint8Array; text: string } {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  bits = bits.padEnd(260, '0');
  let text = '';
  for (let i = 0; i < 260; i += 5) text += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  return { bytes, text: text.match(/.{1,4}/g)!.join('-') };
}

/** Reads a typed recovery key back (case, spaces, dashes and O/I/L are forgiven), or undefined. */
export function parseRecoveryKey(input: string): Uint8Array | undefined {
  const clean = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== 52 || [...clean].some((c) => !ALPHABET.includes(c))) return undefined;
  let bits = '';
  for (const c of clean) bits += ALPHABET.indexOf(c).toString(2).padStart(5, '0');
  if (!/^0+$/.test(bits.slice(256))) return undefined;
  return Uint8Array.from({ length: 32 }, (_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2));
}
