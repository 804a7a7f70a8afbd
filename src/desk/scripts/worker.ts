/**
 * The desk's keyring lives here, in a Web Worker's memory only: never in the page, never in
 * storage. It is an age identity file: one identity per line, the newest first. The newest is
 * the one the site seals new reports to (after a rotation, once the operator changed
 * REPORT_RECIPIENTS); the older ones keep older reports readable. The worker opens reports and
 * messages (so a long inbox never blocks the page) and seals questions: one copy to the
 * report's own key for the reporter, one to the desk for the record.
 */
import { Decrypter, Encrypter, armor, generateIdentity, identityToRecipient } from 'age-encryption';
import { bech32 } from '@scure/base';
import { passkeyKey, recoveryKey, transferIdentity, unwrap, wrap } from './crypto.ts';
import type { CaseMeta } from './report.ts';

let identities: string[] = [];
/** A rotation made but not yet accepted by the server (see `rotate` and `commit`). */
let pending: string[] | undefined;
/** One Decrypter for the keyring, made on first use and dropped when the keyring changes. */
let decrypter: Promise<Decrypter> | undefined;
/**
 * The inbox's opened reports by report id, until the key is locked: a report never changes, so
 * going back to the inbox opens only what is new. Plain text in this worker's memory, like the
 * page's own copy of what it shows; reloading or signing out forgets both.
 */
let openedReports = new Map<string, string | null>();
/** Each inbox request counts up; an older one stops at its next report. */
let inboxRun = 0;
/**
 * The inbox comes in pages (GET /api/zaken, server/inbox-pages.ts): the first is small so the
 * first rows show at once, then larger ones, fewer requests and messages. Each page is handed to
 * the page as one batch once it is open.
 */
const FIRST_PAGE = 50;
const PAGE = 250;

/** How the stored copy of the desk key is opened: a passkey's PRF output or the recovery key. */
export type Unlock =
  | { way: 'passkey'; prf: ArrayBuffer; credentialId: string; wrapped: string }
  | { way: 'herstelsleutel'; bytes: Uint8Array; wrapped: string };

export type WorkerRequest =
  | { op: 'unlock'; unlock: Unlock }
  | { op: 'lock' }
  | { op: 'current' }
  | { op: 'sealKeyFor'; recipient: string }
  | { op: 'wrapFor'; prf: ArrayBuffer; credentialId: string }
  | { op: 'rotate'; transferKeys: Record<string, string>; recoveryBytes: Uint8Array }
  | { op: 'commit' }
  | { op: 'discard' }
  | { op: 'open'; items: { id: string; sealed: string }[] }
  | { op: 'inbox' }
  | { op: 'seal'; replyRecipient: string; text: string }
  | { op: 'sealNote'; text: string };

export interface Rotated {
  /** The recipient this keyring had as newest (the server refuses the rotation if it changed). */
  expected: string;
  recipient: string;
  /** Credential id → the new keyring sealed to that passkey's transfer key. */
  copies: Record<string, string>;
  wrappedRecovery: string;
}

const ring = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('AGE-SECRET-KEY-1'));
const ringText = (keys: string[]) => keys.join('\n');

async function sealTo(recipient: string, text: string) {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return armor.encode(await encrypter.encrypt(text));
}

/** The PKCS #8 form of a raw X25519 private key (RFC 8410), as Web Crypto imports it. */
const PKCS8_X25519 = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20];

/** One Decrypter for every key of the keyring, each imported once (not once per report). */
async function keyringDecrypter(keys: string[]): Promise<Decrypter> {
  const made = new Decrypter();
  for (const key of keys) {
    try {
      const bytes = bech32.decodeToBytes(key.toLowerCase()).bytes;
      made.addIdentity(await crypto.subtle.importKey('pkcs8', new Uint8Array([...PKCS8_X25519, ...bytes]), { name: 'X25519' }, false, ['deriveBits']));
    } catch {
      // A browser without X25519 in Web Crypto: age's own implementation, from the key as text.
      made.addIdentity(key);
    }
  }
  return made;
}

async function open(sealed: string): Promise<string | null> {
  try {
    decrypter ??= keyringDecrypter(identities);
    return await (await decrypter).decrypt(armor.decode(sealed), 'text');
  } catch {
    return null;
  }
}

/** A refusal of the desk API (401 without a session), passed on to the page with its status. */
class StatusError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface InboxBatch {
  today: string;
  /** Cases in the list, opened or not yet: the server's count at the first page, exact in the last batch. */
  total: number;
  /** The last batch: every case of the list is in this one or an earlier one. */
  done: boolean;
  cases: (CaseMeta & { opened: string | null })[];
}

interface InboxPage {
  cases: (CaseMeta & { sealed: string | null })[];
  volgende: string | null;
  totaal: number;
  today: string;
}

async function inboxPage(cursor: string | undefined): Promise<InboxPage> {
  const query = cursor === undefined ? `aantal=${FIRST_PAGE}` : `na=${encodeURIComponent(cursor)}&aantal=${PAGE}`;
  const response = await fetch(`/api/zaken?${query}`, { credentials: 'same-origin' });
  const data = (await response.json().catch(() => ({}))) as Partial<InboxPage> & { error?: string };
  if (!response.ok || !data.cases || !data.today) throw new StatusError(response.status, data.error ?? `Fout ${response.status}.`);
  return data as InboxPage;
}

/**
 * The inbox: fetches its pages here (the page never parses or copies the ciphertext), the next one
 * while this one is opened, and sends each page to the page as a batch once it is open. A case a
 * later page repeats (an unread answer the first page had) is skipped. Each batch's decryption
 * time is marked (performance.measure 'meldbalie:openen', for the benchmark).
 */
async function inbox(send: (batch: InboxBatch) => void): Promise<{ stopped: boolean }> {
  const run = ++inboxRun;
  const listed = new Set<string>();
  let page = await inboxPage(undefined);
  const { today, totaal } = page;
  for (;;) {
    const next = page.volgende === null ? undefined : inboxPage(page.volgende);
    // Awaited below; until then a failure must not count as unhandled.
    next?.catch(() => undefined);
    const began = performance.now();
    let opened = 0;
    const out: InboxBatch['cases'] = [];
    for (const { sealed, ...c } of page.cases) {
      if (run !== inboxRun || identities.length === 0) return { stopped: true };
      if (listed.has(c.reportId)) continue;
      listed.add(c.reportId);
      let text = openedReports.get(c.reportId);
      if (text === undefined) {
        text = sealed ? await open(sealed) : null;
        openedReports.set(c.reportId, text);
        opened++;
      }
      out.push({ ...c, opened: text });
    }
    if (opened > 0) performance.measure('meldbalie:openen', { start: began, detail: { count: opened } });
    send({ today, total: next ? Math.max(totaal, listed.size) : listed.size, done: !next, cases: out });
    if (!next) return { stopped: false };
    page = await next;
    if (run !== inboxRun) return { stopped: true };
  }
}

async function openWith(keys: string[], sealed: string): Promise<string | undefined> {
  try {
    const decrypter = new Decrypter();
    for (const key of keys) decrypter.addIdentity(key);
    return await decrypter.decrypt(armor.decode(sealed), 'text');
  } catch {
    return undefined;
  }
}

/**
 * Opens the keyring. A copy sealed to the passkey's transfer key (by a colleague, or by a key
 * rotation) is opened with age and wrapped again under AES-GCM; that copy is returned for the
 * server to keep instead.
 */
async function unlock(request: Unlock): Promise<{ ok: boolean; rewrapped?: string }> {
  forget();
  if (request.way === 'herstelsleutel') {
    identities = ring(await unwrap(await recoveryKey(request.bytes), request.wrapped));
    return { ok: identities.length > 0 };
  }
  const key = await passkeyKey(request.prf, request.credentialId);
  if (!request.wrapped.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')) {
    identities = ring(await unwrap(key, request.wrapped));
    return { ok: identities.length > 0 };
  }
  const transfer = await transferIdentity(request.prf, request.credentialId);
  identities = ring(await openWith([transfer], request.wrapped));
  if (identities.length === 0) return { ok: false };
  return { ok: true, rewrapped: await wrap(key, ringText(identities)) };
}

/** A new identity in front of the keyring, sealed for every passkey and under a new recovery key; kept aside until `commit`. */
async function rotate(transferKeys: Record<string, string>, recoveryBytes: Uint8Array): Promise<Rotated> {
  const fresh = await generateIdentity();
  pending = [fresh, ...identities];
  const text = ringText(pending);
  const copies: Record<string, string> = {};
  for (const [credentialId, recipient] of Object.entries(transferKeys)) copies[credentialId] = await sealTo(recipient, text);
  return {
    expected: await identityToRecipient(identities[0]),
    recipient: await identityToRecipient(fresh),
    copies,
    wrappedRecovery: await wrap(await recoveryKey(recoveryBytes), text),
  };
}

/** Forgets the keyring and everything opened with it. */
function forget() {
  identities = [];
  pending = undefined;
  decrypter = undefined;
  openedReports = new Map();
  inboxRun++;
}

async function handle(request: WorkerRequest, send: (batch: InboxBatch) => void): Promise<unknown> {
  if (request.op === 'unlock') return unlock(request.unlock);
  if (request.op === 'lock') {
    forget();
    return {};
  }
  if (identities.length === 0) throw new Error('De sleutel is niet ontgrendeld.');
  const desk = await identityToRecipient(identities[0]);
  if (request.op === 'current') return { recipient: desk };
  // For a new member: the keyring sealed to their transfer key, made here, never in the page.
  if (request.op === 'sealKeyFor') return { wrapped: await sealTo(request.recipient, ringText(identities)) };
  // For the member's own new passkey: wrapped under its PRF key like the first.
  if (request.op === 'wrapFor') return { wrapped: await wrap(await passkeyKey(request.prf, request.credentialId), ringText(identities)) };
  if (request.op === 'rotate') return rotate(request.transferKeys, request.recoveryBytes);
  if (request.op === 'commit' || request.op === 'discard') {
    if (request.op === 'commit' && pending) {
      identities = pending;
      decrypter = undefined;
    }
    pending = undefined;
    return {};
  }
  if (request.op === 'inbox') return inbox(send);
  if (request.op === 'sealNote') return { sealed: await sealTo(desk, request.text) };
  if (request.op === 'open') {
    const opened: Record<string, string | null> = {};
    for (const item of request.items) opened[item.id] = await open(item.sealed);
    return opened;
  }
  return { forReporter: await sealTo(request.replyRecipient, request.text), forDesk: await sealTo(desk, request.text) };
}

self.onmessage = async (event: MessageEvent<{ id: number; request: WorkerRequest }>) => {
  const { id, request } = event.data;
  try {
    self.postMessage({ id, result: await handle(request, (batch) => self.postMessage({ id, progress: batch })) });
  } catch (error) {
    self.postMessage({ id, error: (error as Error).message, status: error instanceof StatusError ? error.status : undefined });
  }
};
