/**
 * The receipt code never travels in a URL, where browser history and proxies would keep it,
 * and nothing that outlives its page can give it back. After a report is committed, the
 * reporter is sent to /melden/anoniem/ontvangen/?r=<link>: 48 random bytes, an id and a key.
 * The store keeps, in the same transaction as the report, the code sealed (AES-256-GCM) under
 * that key, found by a keyed hash of the id. The first GET takes the row out of the store in one
 * statement (SQLite overwrites it, secure_delete) and shows the code; every later GET finds
 * nothing. So once shown, the link from a proxy log or the history, a full copy of the store and
 * REPORT_SECRET together hold no code: the key was never stored, the box is gone, and no key of
 * the server's opens anything. HEAD only looks (a link checker or prefetch never uses it up).
 */
import { randomBytes } from 'node:crypto';
import { openBox, sealBox } from '../crypto/sealed-box.ts';
import type { NewReceipt, ReportStore } from '../store/port.ts';
import { toWholeHour, usedKey } from './abuse.ts';

/** How long the reporter's browser has to follow the redirect (rounded up to the hour in the store). */
const LIFETIME_SECONDS = 15 * 60;
const ID_BYTES = 16;
const KEY_BYTES = 32;
/** base64url of the id and the key. */
const LINK = /^[A-Za-z0-9_-]{64}$/;

export type ReceiptLookup = { kind: 'show'; code: string } | { kind: 'present' } | { kind: 'shown' } | { kind: 'invalid' };

export class ReceiptLinks {
  readonly #keys: { usedKey: Buffer };
  readonly #store: ReportStore;

  constructor(keys: { usedKey: Buffer }, store: ReportStore) {
    this.#keys = keys;
    this.#store = store;
  }

  /** A new link and what the store must commit with the report for it (EnqueueExtras.receipt). */
  prepare(code: string, now = Date.now()): { link: string; receipt: NewReceipt } {
    const id = randomBytes(ID_BYTES);
    const key = randomBytes(KEY_BYTES);
    return {
      link: Buffer.concat([id, key]).toString('base64url'),
      receipt: { lookup: this.#lookup(id), sealed: sealBox(key, code), expiresAt: toWholeHour(Math.floor(now / 1000) + LIFETIME_SECONDS) },
    };
  }

  /**
   * GET (`take`): the code the first time a valid link is opened, 'shown' after (or once it
   * expired). HEAD: 'present' while the code is still to be shown, without using it up.
   */
  async open(link: string | null, take: boolean, now = Date.now()): Promise<ReceiptLookup> {
    if (!link || !LINK.test(link)) return { kind: 'invalid' };
    const bytes = Buffer.from(link, 'base64url');
    const sealed = await this.#store.openReceipt(this.#lookup(bytes.subarray(0, ID_BYTES)), take, now);
    if (sealed === undefined) return { kind: 'shown' };
    if (!take) return { kind: 'present' };
    const code = openBox(bytes.subarray(ID_BYTES), sealed);
    return code === undefined ? { kind: 'invalid' } : { kind: 'show', code };
  }

  #lookup(id: Buffer): string {
    return usedKey(this.#keys.usedKey, 'receipt', id.toString('base64url'));
  }
}
