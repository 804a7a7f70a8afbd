/**
 * The desk's keyring lives here, in a Web Worker's memory only: never in the page, never in
 * storage. It is an age identity file: one identity per line, the newest first. The newest is
 * the one the site seals new reports to (after a rotation, once the operator changed
 * REPORT_RECIPIENTS); the older ones keep older reports readable. The worker opens reports and
 * messages (so a long inbox never blocks the page) and seals questions: one copy to the
 * report's own key for the reporter, one to the desk for the record.
 */
import { Decrypter, Encrypter, armor, generateIdentity, identityToRecipient } from 'age-encryption';
import { passkeyKey, recoveryKey, transferIdentity, unwrap, wrap } from './crypto.ts';

let identities: string[] = [];
/** A rotation made but not yet accepted by the server (see `rotate` and `commit`). */
let pending: string[] | undefined;

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

const ring = (text: string | undefined) => (text ?? '').split('\n').map((line) => line.trim()).filter((line) => line.startsWith('AGE-SECRET-KEY-1'));
const ringText = (keys: string[]) => keys.join('\n');

async function sealTo(recipient: string, text: string) {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return armor.encode(await encrypter.encrypt(text));
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

async function handle(request: WorkerRequest): Promise<unknown> {
  if (request.op === 'unlock') return unlock(request.unlock);
  if (request.op === 'lock') {
    identities = [];
    pending = undefined;
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
    if (request.op === 'commit' && pending) identities = pending;
    pending = undefined;
    return {};
  }
  if (request.op === 'sealNote') return { sealed: await sealTo(desk, request.text) };
  if (request.op === 'open') {
    const opened: Record<string, string | null> = {};
    for (const item of request.items) opened[item.id] = (await openWith(identities, item.sealed)) ?? null;
    return opened;
  }
  return { forReporter: await sealTo(request.replyRecipient, request.text), forDesk: await sealTo(desk, request.text) };
}

self.onmessage = async (event: MessageEvent<{ id: number; request: WorkerRequest }>) => {
  const { id, request } = event.data;
  try {
    self.postMessage({ id, result: await handle(request) });
  } catch (error) {
    self.postMessage({ id, error: (error as Error).message });
  }
};
