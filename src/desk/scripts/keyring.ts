/** The page's handle on the key worker: request/answer over postMessage. */
import type { Unlock, WorkerRequest } from './worker.ts';

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
let next = 0;
const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

worker.onmessage = (event: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
  const pending = waiting.get(event.data.id);
  waiting.delete(event.data.id);
  if (event.data.error !== undefined) pending?.reject(new Error(event.data.error));
  else pending?.resolve(event.data.result);
};

export function ask<T>(request: WorkerRequest): Promise<T> {
  const id = next++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
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

export const openAll = (items: { id: string; sealed: string }[]) => ask<Record<string, string | null>>({ op: 'open', items });
export const sealQuestion = (replyRecipient: string, text: string) => ask<{ forReporter: string; forDesk: string }>({ op: 'seal', replyRecipient, text });
export const sealNote = (text: string) => ask<{ sealed: string }>({ op: 'sealNote', text });
