/** The page's handle on the key worker: request/answer over postMessage. */
import type { WorkerRequest } from './worker.ts';

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

export async function unlock(identity: string): Promise<string> {
  const { recipient } = await ask<{ recipient: string }>({ op: 'unlock', identity });
  unlocked = true;
  return recipient;
}

export async function lock() {
  await ask({ op: 'lock' });
  unlocked = false;
}

export const openAll = (items: { id: string; sealed: string }[]) => ask<Record<string, string | null>>({ op: 'open', items });
export const sealQuestion = (replyRecipient: string, text: string) => ask<{ forReporter: string; forDesk: string }>({ op: 'seal', replyRecipient, text });
