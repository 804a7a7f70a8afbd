/**
 * The desk key lives here, in a Web Worker's memory only: never in the page, never in storage.
 * It opens reports and messages (so a long inbox never blocks the page) and seals questions:
 * one copy to the report's own key for the reporter, one to the desk for the record.
 */
import { Decrypter, Encrypter, armor, identityToRecipient } from 'age-encryption';

let identity: string | undefined;

export type WorkerRequest =
  | { op: 'unlock'; identity: string }
  | { op: 'lock' }
  | { op: 'open'; items: { id: string; sealed: string }[] }
  | { op: 'seal'; replyRecipient: string; text: string };

async function open(sealed: string): Promise<string | null> {
  try {
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity!);
    return await decrypter.decrypt(armor.decode(sealed), 'text');
  } catch {
    return null;
  }
}

async function sealTo(recipient: string, text: string) {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return armor.encode(await encrypter.encrypt(text));
}

async function handle(request: WorkerRequest): Promise<unknown> {
  if (request.op === 'unlock') {
    identity = request.identity;
    return { recipient: await identityToRecipient(identity) };
  }
  if (request.op === 'lock') {
    identity = undefined;
    return {};
  }
  if (!identity) throw new Error('De sleutel is niet ontgrendeld.');
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
