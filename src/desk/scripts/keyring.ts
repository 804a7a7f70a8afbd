/** The page's handle on the key worker: request/answer over postMessage (and progress, for the inbox). */
import { ApiError, api } from './client.ts';
import type { InboxBatch, Rotated, Unlock, WorkerRequest } from './worker.ts';

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
let next = 0;
const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; progress?: (value: never) => void }>();

worker.onmessage = (event: MessageEvent<{ id: number; result?: unknown; progress?: unknown; error?: string; status?: number }>) => {
  const { id, result, progress, error, status } = event.data;
  const pending = waiting.get(id);
  if (progress !== undefined) return pending?.progress?.(progress as never);
  waiting.delete(id);
  if (error !== undefined) pending?.reject(status ? new ApiError(status, error) : new Error(error));
  else pending?.resolve(result);
};

export function ask<T, P = never>(request: WorkerRequest, progress?: (value: P) => void): Promise<T> {
  const id = next++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, progress });
    worker.postMessage({ id, request });
  });
}

export let unlocked = false;

/** Opens the desk key in the worker; `rewrapped` is a new copy for the server (see worker.ts). */
export async function unlock(request: Unlock): Promise<{ ok: boolean; rewrapped?: string }> {
  const answer = await ask<{ ok: boolean; rewrapped?: string }>({ op: 'unlock', unlock: request });
  unlocked = answer.ok;
  return answer;
}

/**
 * Refuses to seal with a keyring older than the desk's key: a browser unlocked before a
 * colleague rotated it would otherwise seal notes, or a new member's copy, to the old key that a
 * removed member may have kept.
 */
export async function assertFresh() {
  const [{ recipient: mine }, { recipient }] = await Promise.all([ask<{ recipient: string }>({ op: 'current' }), api<{ recipient?: string }>('/api/sessie')]);
  if (recipient && mine !== recipient) throw new Error('De sleutel van de meldbalie is vernieuwd. Meld u af en weer aan; daarna kunt u verder.');
}

/** Opens the server's sealed nonce: proof that this browser holds the desk key, for adding a passkey or rotating. */
export async function prove(): Promise<string> {
  await assertFresh();
  const { sealed } = await api<{ sealed: string }>('/api/sleutel/bewijs', {});
  const { proof } = await openAll([{ id: 'proof', sealed }]);
  if (!proof) throw new Error('Deze browser kan de sleutel van de meldbalie niet openen.');
  return proof;
}

export const sealKeyFor = async (recipient: string) => {
  await assertFresh();
  return ask<{ wrapped: string }>({ op: 'sealKeyFor', recipient });
};
/** The keyring wrapped under one of the member's own (new) passkeys. */
export const wrapFor = async (prf: ArrayBuffer, credentialId: string) => {
  await assertFresh();
  return ask<{ wrapped: string }>({ op: 'wrapFor', prf, credentialId });
};
/** A new desk identity, sealed for each transfer key and under the new recovery key; `commitRotation` once the server took it. */
export const rotate = async (transferKeys: Record<string, string>, recoveryBytes: Uint8Array) => {
  await assertFresh();
  return ask<Rotated>({ op: 'rotate', transferKeys, recoveryBytes });
};
export const commitRotation = (accepted: boolean) => ask({ op: accepted ? 'commit' : 'discard' });

export async function lock() {
  await ask({ op: 'lock' });
  unlocked = false;
}

/** Fetches and opens the inbox in the worker; `onBatch` gets each batch as it is opened (see worker.ts). */
export const openInbox = (onBatch: (batch: InboxBatch) => void) => ask<{ stopped: boolean }, InboxBatch>({ op: 'inbox' }, onBatch);
export const openAll = (items: { id: string; sealed: string }[]) => ask<Record<string, string | null>>({ op: 'open', items });
export const sealQuestion = async (replyRecipient: string, text: string) => {
  await assertFresh();
  return ask<{ forReporter: string; forDesk: string }>({ op: 'seal', replyRecipient, text });
};
export const sealNote = async (text: string) => {
  await assertFresh();
  return ask<{ sealed: string }>({ op: 'sealNote', text });
};
