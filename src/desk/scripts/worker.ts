/**
 * The desk key lives here, in a Web Worker's memory only: never in the page, never in storage.
 * It opens reports and messages (so a long inbox never blocks the page) and seals questions:
 * one copy to the report's own key for the reporter, one to the desk for the record.
 */
import { Decrypter, Encrypter, armor, identityToRecipient } from 'age-encryption';
import { passkeyKey, recoveryKey, transferIdentity, unwrap, wrap } from './crypto.ts';

let identity: string | undefined;

/** How the stored copy of the desk key is opened: a passkey's PRF output or the recovery key. */
export type Unlock =
  | { way: 'passkey'; prf: ArrayBuffer; credentialId: string; wrapped: string }
  | { way: 'herstelsleutel'; bytes: Uint8Array; wrapped: string };

export type WorkerRequest =
  | { op: 'unlock'; unlock: Unlock }
  | { op: 'lock' }
  | { op: 'sealKeyFor'; recipient: string }
  | { op: 'open'; items: { id: string; sealed: string }[] }
  | { op: 'seal'; replyRecipient: string; text: string }
  | { op: 'sealNote'; text: string };

const open = async (sealed: string): Promise<string | null> => (await openWith(identity!, sealed)) ?? null;

async function sealTo(recipient: string, text: string) {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return armor.encode(await encrypter.encrypt(text));
}

/**
 * Opens the desk key. A copy sealed to the passkey's transfer key (from a colleague) is opened
 * with age and wrapped again under AES-GCM; that copy is returned for the server to keep instead.
 */
async function unlock(request: Unlock): Promise<{ ok: boolean; rewrapped?: string }> {
  if (request.way === 'herstelsleutel') {
    identity = await unwrap(await recoveryKey(request.bytes), request.wrapped);
    return { ok: !!identity };
  }
  const key = await passkeyKey(request.prf, request.credentialId);
  if (!request.wrapped.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')) {
    identity = await unwrap(key, request.wrapped);
    return { ok: !!identity };
  }
  const transfer = await transferIdentity(request.prf, request.credentialId);
  const opened = await openWith(transfer, request.wrapped);
  if (!opened) return { ok: false };
  identity = opened;
  return { ok: true, rewrapped: await wrap(key, identity) };
}

async function openWith(key: string, sealed: string): Promise<string | undefined> {
  try {
    const decrypter = new Decrypter();
    decrypter.addIdentity(key);
    return await decrypter.decrypt(armor.decode(sealed), 'text');
  } catch {
    return undefined;
  }
}

async function handle(request: WorkerRequest): Promise<unknown> {
  if (request.op === 'unlock') return unlock(request.unlock);
  if (request.op === 'lock') {
    identity = undefined;
    return {};
  }
  if (!identity) throw new Error('De sleutel is niet ontgrendeld.');
  // For a new member: the desk key sealed to their transfer key, made here, never in the page.
  if (request.op === 'sealKeyFor') return { wrapped: await sealTo(request.recipient, identity) };
  if (request.op === 'sealNote') return { sealed: await sealTo(await identityToRecipient(identity), request.text) };
  if (request.op === 'open') {
    const opened: Record<string, string | null> = {};
    for (const item of request.items) opened[item.id] = await open(item.sealed);
    return opened;
  }
  return {
    forReporter: await sealTo(request.replyRecipient, request.text),
    forDesk: await sealTo(await identityToRecipient(identity), request.text),
  };
}

self.onmessage = async (event: MessageEvent<{ id: number; request: WorkerRequest }>) => {
  const { id, request } = event.data;
  try {
    self.postMessage({ id, result: await handle(request) });
  } catch (error) {
    self.postMessage({ id, error: (error as Error).message });
  }
};
