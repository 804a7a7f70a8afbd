/**
 * The receipt code never travels in a URL, where browser history and proxies would keep it.
 * After a report is committed, the reporter is sent to /melden/anoniem/ontvangen/?r=<link>:
 * an opaque, encrypted (AES-256-GCM, key from REPORT_SECRET) and short-lived token that
 * carries the code to whichever replica serves the page. The page shows the code once; the
 * store remembers a keyed hash of the used link, so the history entry then only says the code
 * was already shown.
 */
import { openBox, sealBox } from '../crypto/sealed-box.ts';
import type { ReportStore } from '../store/port.ts';
import { toWholeHour, usedKey } from './abuse.ts';

/** How long the reporter's browser has to follow the redirect. */
const LIFETIME_SECONDS = 15 * 60;

export type ReceiptLookup = { kind: 'show'; code: string } | { kind: 'shown' } | { kind: 'invalid' };

export class ReceiptLinks {
  readonly #keys: { receiptLink: Buffer; usedKey: Buffer };
  readonly #store: ReportStore;

  constructor(keys: { receiptLink: Buffer; usedKey: Buffer }, store: ReportStore) {
    this.#keys = keys;
    this.#store = store;
  }

  create(code: string, now = Date.now()): string {
    return sealBox(this.#keys.receiptLink, JSON.stringify({ c: code, e: Math.floor(now / 1000) + LIFETIME_SECONDS }));
  }

  /** The code, the first time a valid link is opened; 'shown' every time after. */
  async open(link: string | null, now = Date.now()): Promise<ReceiptLookup> {
    const opened = link && /^[A-Za-z0-9_-]{40,200}$/.test(link) ? openBox(this.#keys.receiptLink, link) : undefined;
    if (opened === undefined) return { kind: 'invalid' };
    let content: { c: string; e: number };
    try {
      content = JSON.parse(opened);
    } catch {
      return { kind: 'invalid' };
    }
    if (typeof content.c !== 'string' || !(content.e >= now / 1000)) return { kind: 'shown' };
    const first = await this.#store.useOnce(usedKey(this.#keys.usedKey, 'receipt', link!), toWholeHour(content.e), now);
    return first ? { kind: 'show', code: content.c } : { kind: 'shown' };
  }
}
