/**
 * The daily digest (DESK_NOTIFY_URL): counts only, at most once a day, signed, remembered in the
 * store across a restart. Real SQLite store, real local HTTP receiver.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDeskStore } from '../../src/desk/server/sqlite-store.ts';
import { countDigest, sendDigestIfDue, startDigest } from '../../src/desk/server/digest.ts';
import { loadDeskConfig } from '../../src/desk/server/config.ts';
import { verify } from '../../src/lib/report/crypto/signing.ts';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

const SECRET = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
const DAY = Date.parse('2026-12-10T09:00:00Z');
const id = (n: number) => `msg_${n.toString(16).padStart(32, '0')}`;

function openStore(dir?: string) {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'desk-digest-'));
  if (!dir) cleanup.push(() => rmSync(folder, { recursive: true, force: true }));
  const store = new SqliteDeskStore(folder);
  cleanup.unshift(() => void store.close());
  return { store, folder };
}

async function addCase(store: SqliteDeskStore, n: number, received: string, ackDue: string, status: 'nieuw' | 'ontvangen' | 'afgesloten' = 'nieuw') {
  await store.receive(
    { webhookId: id(n), type: 'report.created', reportId: id(n), body: `{"secret":"GEHEIM-${n}"}`, receivedDay: received },
    {
      reportId: id(n),
      receivedDay: received,
      status,
      closingReason: null,
      ackDue,
      feedbackDue: '2027-03-01',
      acknowledgedDay: status === 'nieuw' ? null : received,
      assignee: null,
      replyRecipient: `age1${'q'.repeat(58)}`,
    },
  );
}

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function receiver(status = 204) {
  const got: Received[] = [];
  let answer = status;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      server.emit('received');
      res.writeHead(answer).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanup.push(() => server.close());
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, got, server, answer: (s: number) => (answer = s) };
}

describe('desk digest', () => {
  it('counts new cases and open cases past their running term, the inbox rule', () => {
    const cases = [
      { status: 'nieuw', ackDue: '2026-12-09', feedbackDue: '2027-03-01', acknowledgedDay: null },
      { status: 'nieuw', ackDue: '2026-12-10', feedbackDue: '2027-03-01', acknowledgedDay: null },
      { status: 'ontvangen', ackDue: '2026-12-01', feedbackDue: '2026-12-09', acknowledgedDay: '2026-11-30' },
      { status: 'ontvangen', ackDue: '2026-12-01', feedbackDue: '2027-03-01', acknowledgedDay: '2026-11-30' },
      { status: 'afgesloten', ackDue: '2026-11-01', feedbackDue: '2026-11-02', acknowledgedDay: null },
    ] as const;
    expect(countDigest([...cases], '2026-12-10')).toEqual({ new: 2, overdue: 2 });
  });

  it('sends two numbers once a day, signed, and a restart on the same day sends nothing', async () => {
    const hook = await receiver();
    const { store, folder } = openStore();
    await addCase(store, 1, '2026-12-01', '2026-12-08');
    await addCase(store, 2, '2026-12-10', '2026-12-17');
    await addCase(store, 3, '2026-12-02', '2026-12-09', 'afgesloten');

    expect(await sendDigestIfDue(store, { url: hook.url, secret: SECRET }, DAY)).toBe('sent');
    expect(hook.got).toHaveLength(1);
    const [first] = hook.got;
    const message = JSON.parse(first.body);
    expect(message).toEqual({ type: 'desk.digest', timestamp: new Date(DAY).toISOString(), data: { day: '2026-12-10', new: 2, overdue: 1 } });
    // No content and no ids: nothing of a case is in what is sent.
    expect(first.body).not.toMatch(/msg_|GEHEIM|age1/);
    const headers = {
      id: String(first.headers['webhook-id']),
      timestamp: String(first.headers['webhook-timestamp']),
      signature: String(first.headers['webhook-signature']),
    };
    expect(verify(SECRET, headers, first.body, DAY)).toEqual({ ok: true });
    expect(verify(`whsec_${Buffer.alloc(24, 8).toString('base64')}`, headers, first.body, DAY).ok).toBe(false);

    expect(await sendDigestIfDue(store, { url: hook.url, secret: SECRET }, DAY + 3_600_000)).toBe('already-sent');
    // A restart: a new process opens the same store.
    const again = openStore(folder).store;
    expect(await sendDigestIfDue(again, { url: hook.url, secret: SECRET }, DAY + 7_200_000)).toBe('already-sent');
    expect(hook.got).toHaveLength(1);

    // The next day there is a new digest.
    expect(await sendDigestIfDue(again, { url: hook.url, secret: SECRET }, DAY + 86_400_000)).toBe('sent');
    expect(hook.got).toHaveLength(2);
    expect(JSON.parse(hook.got[1].body).data).toEqual({ day: '2026-12-11', new: 2, overdue: 1 });
  });

  it('sends nothing when there is no new or overdue case, and unsigned without a secret', async () => {
    const hook = await receiver();
    const { store } = openStore();
    expect(await sendDigestIfDue(store, { url: hook.url }, DAY)).toBe('nothing-to-say');
    await addCase(store, 1, '2026-12-09', '2026-12-16', 'ontvangen');
    expect(await sendDigestIfDue(store, { url: hook.url }, DAY)).toBe('nothing-to-say');
    expect(hook.got).toHaveLength(0);
    await addCase(store, 2, '2026-12-10', '2026-12-17');
    expect(await sendDigestIfDue(store, { url: hook.url }, DAY)).toBe('sent');
    expect(hook.got[0].headers['webhook-signature']).toBeUndefined();
  });

  it('keeps the day open when the receiver fails, so the next check tries again', async () => {
    const hook = await receiver(503);
    const { store } = openStore();
    await addCase(store, 1, '2026-12-10', '2026-12-17');
    expect(await sendDigestIfDue(store, { url: hook.url, secret: SECRET }, DAY)).toBe('failed');
    expect(await store.getSetting('digest_day')).toBeUndefined();
    hook.answer(204);
    expect(await sendDigestIfDue(store, { url: hook.url, secret: SECRET }, DAY)).toBe('sent');
    expect(hook.got).toHaveLength(2);
  });

  it('the timer checks at once when started', async () => {
    const hook = await receiver();
    const { store } = openStore();
    await addCase(store, 1, '2026-12-10', '2026-12-17');
    const arrived = once(hook.server, 'received');
    const stop = startDigest(store, { url: hook.url, secret: SECRET });
    cleanup.push(stop);
    await arrived;
    expect(JSON.parse(hook.got[0].body).data.new).toBe(1);
  });

  it('reads DESK_NOTIFY_URL and DESK_NOTIFY_SECRET, with a clear error for a bad address', () => {
    const config = loadDeskConfig({ DESK_NOTIFY_URL: 'https://chat.example.nl/hook', DESK_NOTIFY_SECRET: SECRET });
    expect(config.notifyUrl).toBe('https://chat.example.nl/hook');
    expect(config.notifySecret).toBe(SECRET);
    expect(() => loadDeskConfig({ DESK_NOTIFY_URL: 'geen adres' })).toThrow(/DESK_NOTIFY_URL=geen adres: geen geldig adres/);
    expect(() => loadDeskConfig({ DESK_NOTIFY_SECRET: 'kort' })).toThrow(/DESK_NOTIFY_SECRET/);
  });
});
