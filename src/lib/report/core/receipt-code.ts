/**
 * The receipt code: what a reporter keeps to come back, read the intake desk's questions and
 * add information. Lessons from GlobaLeaks and SecureDrop: at least 80 bits (a 10-digit code was
 * judged too short in a penetration test, GlobaLeaks #823), and stored only as a slow hash.
 *
 * The code is 20 Crockford base32 characters (100 bits), shown in five groups of four. One
 * Argon2id run (19 MiB, 2 passes — OWASP's minimum for Argon2id) with a pepper derived from
 * REPORT_SECRET turns it into a lookup id (stored) and a key that unwraps the report's private
 * key (never stored). Without the code, neither can be computed; without the pepper, a stolen
 * database cannot even be used to test guesses.
 */
import * as nodeCrypto from 'node:crypto';
import { randomBytes } from 'node:crypto';

/** Crockford base32 without I, L, O and U: easy to read aloud and type over. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 20;
export const CODE_BITS = CODE_LENGTH * 5;
export const ARGON2 = { memoryKiB: 19 * 1024, passes: 2, parallelism: 1 } as const;

/** "7KQ2-9XFD-…": 100 random bits from the operating system's random source. */
export function newReceiptCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  // 256 is a multiple of 32, so taking the low five bits keeps every character equally likely.
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/**
 * What the reporter typed, as the 20 characters of a code, or undefined when it cannot be one.
 * Forgiving, as Crockford intends: spaces, dashes and case don't matter; O is 0, I and L are 1.
 */
export function normalizeCode(input: string): string | undefined {
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return chars.length === CODE_LENGTH && [...chars].every((c) => ALPHABET.includes(c)) ? chars : undefined;
}

export interface CodeKeys {
  /** Finds the conversation in the store (hex). */
  lookup: string;
  /** Wraps the report's private key; exists only while a request with the code is handled. */
  wrappingKey: Buffer;
}

type NodeArgon2 = (
  algorithm: 'argon2id',
  parameters: { message: string; nonce: Buffer; parallelism: number; tagLength: number; memory: number; passes: number },
  callback: (error: Error | null, key: Buffer) => void,
) => void;

/** Argon2id with the site's parameters (ARGON2): message, salt, output length in bytes. */
export type Argon2id = (message: string, salt: Uint8Array, length: number) => Promise<Uint8Array>;
let installed: Argon2id | undefined;

/**
 * For a host without node:crypto's argon2: its own implementation, giving the same bytes. The
 * Worker installs a WebAssembly one (src/worker/install-argon2id.ts), compiled at build time.
 */
export function installArgon2id(implementation: Argon2id): void {
  installed = implementation;
}

/** Argon2id: Node's own (node:crypto, from 24.7) runs on the thread pool, so pages never wait for it. */
async function argon2id(message: string, salt: Buffer, length: number): Promise<Uint8Array> {
  const native = (nodeCrypto as unknown as { argon2?: NodeArgon2 }).argon2;
  if (typeof native === 'function') {
    return new Promise((resolve, reject) =>
      native(
        'argon2id',
        { message, nonce: salt, parallelism: ARGON2.parallelism, tagLength: length, memory: ARGON2.memoryKiB, passes: ARGON2.passes },
        (error, key) => (error ? reject(error) : resolve(key)),
      ),
    );
  }
  if (installed) return installed(message, salt, length);
  throw new Error(
    'Argon2id ontbreekt: deze Node-versie heeft geen crypto.argon2 (Node 24.7 of nieuwer nodig) en er is geen andere implementatie geïnstalleerd.',
  );
}

/** The slow part: one Argon2id run over the normalized code, salted with the pepper. */
export async function codeKeys(normalizedCode: string, pepper: Buffer): Promise<CodeKeys> {
  const output = await argon2id(normalizedCode, pepper, 64);
  return { lookup: Buffer.from(output.subarray(0, 32)).toString('hex'), wrappingKey: Buffer.from(output.subarray(32)) };
}
