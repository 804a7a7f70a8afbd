/**
 * The one relay drain (relay/relay.ts) against a real SQLite file and a real HTTP receiver on
 * loopback: it passes batch after batch until a batch comes back less than full, keeps to its
 * budget, and stop() awaits the pass under way instead of polling for it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRelay } from '../../../src/lib/report/relay/relay.ts';
import { SqliteStore } from '../../../src/lib/report/store/sqlite.ts';

const root = mkdtempSync(join(tmpdir(), 'relay-'));
const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  rmSync(root, { recursive: true, force: true });
});

/** A receiver that answers 200 to every POST, after `hold` resolves (if given), and counts them. */
async function receiver(hold?: () => Promise<void>) {
  const received: string[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    for await (const _ of req);
    await hold?.();
    received.push(String(req.headers['webhook-id']));
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, received };
}

let stores = 0;
async function storeWith(count: number) {
  const store = new SqliteStore(join(root, `s${stores++}`, 'outbox.sqlite'));
  cleanup.push(() => store.close());
  for (let i = 0; i < count; i++) await store.enqueue({ id: `msg_${String(i).padStart(32, '0')}`, payload: '{}' });
  return store;
}

const config = (forwardUrl: string) => ({
  forwardUrl,
  secret: 'whsec_' + Buffer.alloc(32, 7).toString('base64'),
  retryBaseMs: 1000,
  retryCapMs: 10_000,
  maxAttempts: 5,
  timeoutMs: 5000,
  pollMs: 60_000,
});

describe('relay.drain', () => {
  it('delivers batch after batch until a batch comes back less than full', async () => {
    const { url, received } = await receiver();
    const store = await storeWith(25);
    const relay = createRelay({ store, config: config(url), log: () => undefined });
    expect(await relay.drain({ batch: 10 })).toEqual({ delivered: 25, retrying: 0, dead: 0 });
    expect(new Set(received).size).toBe(25);
    expect(await store.list()).toEqual([]);
    expect(await relay.drain({ batch: 10 })).toEqual({ delivered: 0, retrying: 0, dead: 0 });
  });

  it('starts no new pass once its budget is spent', async () => {
    const { url } = await receiver();
    const store = await storeWith(25);
    const relay = createRelay({ store, config: config(url), log: () => undefined });
    expect(await relay.drain({ batch: 10, budgetMs: 0 })).toEqual({ delivered: 10, retrying: 0, dead: 0 });
    expect(await store.list()).toHaveLength(15);
  });

  it('stop() waits for the pass under way, and no pass starts after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const first = new Promise<void>((resolve) => (arrived = resolve));
    const { url, received } = await receiver(async () => {
      arrived();
      await held;
    });
    const store = await storeWith(3);
    const relay = createRelay({ store, config: config(url), log: () => undefined });
    relay.start();
    await first; // a pass is under way, its requests held by the receiver
    let stopped = false;
    const stopping = relay.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(received).toHaveLength(3);
    expect(await store.list()).toEqual([]); // acknowledged before stop() resolved
  });
});
