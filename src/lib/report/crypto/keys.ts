/**
 * Every key the report path uses, derived with HKDF-SHA256 (RFC 5869) from one REPORT_SECRET,
 * so all replicas agree and a restart expires nothing. One label per purpose: a key for one
 * job can never be replayed as another's. The rate-limit key also carries the UTC date, so
 * yesterday's counts cannot be linked to today's even by someone holding the database.
 * No file access here: the Worker derives its keys from a binding. The key file of the
 * embedded default is in ./secret-file.ts.
 */
import { hkdfSync } from 'node:crypto';

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
