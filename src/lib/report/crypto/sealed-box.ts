/**
 * A sealed box under a key of our own: AES-256-GCM, written as base64url of
 * iv (12 bytes) | ciphertext | tag (16 bytes), with a fresh random iv per box. Used where the
 * server itself must open what it sealed later: the report's private key wrapped under the
 * receipt code's key (core/follow-up.ts) and the one-time receipt link (core/receipt-link.ts).
 * What goes to the intake desk is sealed with age instead (seal.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts and authenticates `plain` under a 32-byte key. */
export function sealBox(key: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The text in a box, or undefined when it is malformed, altered, or sealed under another key. */
export function openBox(key: Buffer, box: string): string | undefined {
  const data = Buffer.from(box, 'base64url');
  if (data.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
