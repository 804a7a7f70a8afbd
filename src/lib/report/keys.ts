/**
 * Every key the report path uses, derived with HKDF-SHA256 (RFC 5869) from one REPORT_SECRET,
 * so all replicas agree and a restart expires nothing. One label per purpose: a key for one
 * job can never be replayed as another's. The rate-limit key also carries the UTC date, so
 * yesterday's counts cannot be linked to today's even by someone holding the database.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';

export interface ReportKeys {
  /** Signs the "form shown at" token (abuse.ts). */
  fillToken: Buffer;
  /** Signs proof-of-work challenges (proof-of-work.ts). */
  proofOfWork: Buffer;
  /** Hashes used tokens and challenges before they are stored. */
  usedKey: Buffer;
  /** Encrypts the one-time receipt link (receipt-link.ts). */
  receiptLink: Buffer;
  /** Salts the Argon2id hash of receipt codes (receipt-code.ts): a stolen database alone cannot test guesses. */
  codePepper: Buffer;
  /** Hashes client addresses for the rate limit; a new key every UTC day. */
  rateLimit(day: number): Buffer;
}

export function deriveKeys(secret: Buffer): ReportKeys {
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', secret, 'meldwijzer-mensenhandel', label, 32));
  const rateLimitKeys = new Map<number, Buffer>();
  return {
    fillToken: derive('fill-token'),
    proofOfWork: derive('proof-of-work'),
    usedKey: derive('used-key'),
    receiptLink: derive('receipt-link'),
    codePepper: derive('receipt-code-pepper'),
    rateLimit(day) {
      let key = rateLimitKeys.get(day);
      if (!key) {
        if (rateLimitKeys.size > 4) rateLimitKeys.clear();
        rateLimitKeys.set(day, (key = derive(`rate-limit:${day}`)));
      }
      return key;
    },
  };
}

export const SECRET_FILE = 'report-secret.key';

/**
 * The REPORT_SECRET to use: the configured one, or (embedded default only) one kept in
 * REPORT_DATA_DIR, created 0600 on first start. `created` says whether it was just made.
 */
export function loadOrCreateSecret(configured: string | undefined, dataDir: string): { secret: Buffer; source: 'config' | 'file' | 'created'; file?: string } {
  if (configured) return { secret: Buffer.from(configured, 'base64'), source: 'config' };
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (secret.length >= 32) return { secret, source: 'file', file };
    throw new Error(`${file} bevat geen geldige sleutel (minstens 32 bytes in base64). Verwijder het bestand om een nieuwe te maken, of zet REPORT_SECRET.`);
  }
  const secret = randomBytes(32);
  try {
    writeFileSync(file, `${secret.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process on the same folder made it a moment ago: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSecret(undefined, dataDir);
    throw error;
  }
  return { secret, source: 'created', file };
}
