/** The page's handle on the key worker: request/answer over postMessage (and progress, for the inbox). */
import { ApiError } from './client.ts';
import type { InboxBatch, Unlock, WorkerRequest } from './worker.ts';

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

export const sealKeyFor = (recipient: string) => ask<{ wrapped: string }>({ op: 'sealKeyFor', recipient });

export async function lock() {
  await ask({ op: 'lock' });
  unlocked = false;
}

/** Fetches and opens the inbox in the worker; `onBatch` gets each batch as it is opened (see worker.ts). */
export const openInbox = (onBatch: (batch: InboxBatch) => void) => ask<{ stopped: boolean }, InboxBatch>({ op: 'inbox' }, onBatch);
export const openAll = (items: { id: string; sealed: string }[]) => ask<Record<string, string | null>>({ op: 'open', items });
export const sealQuestion = (replyRecipient: string, text: string) => ask<{ forReporter: string; forDesk: string }>({ op: 'seal', replyRecipient, text });
export const sealNote = (text: string) => ask<{ sealed: string }>({ op: 'sealNote', text });
