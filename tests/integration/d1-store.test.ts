/**
 * The D1 store (the serverless target's store, src/lib/report/store/d1.ts) against the shared
 * store contract, on D1 as wrangler runs it locally: Miniflare's D1 in workerd, persisted to a
 * folder on disk (wrangler's getPlatformProxy, the documented way to reach bindings from Node).
 * One workerd serves every test; each test gets its own empty database.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { D1Store, type D1Database } from '../../src/lib/report/store/d1.ts';
import type { ReportStore } from '../../src/lib/report/store/port.ts';
import { describeStoreContract } from '../support/store-contract.ts';

const DATABASES = 16;
const persist = mkdtempSync(join(tmpdir(), 'd1-store-'));
let proxy: Awaited<ReturnType<typeof getPlatformProxy<Record<string, D1Database>>>>;
let next = 0;
const bindings = new WeakMap<ReportStore, string>();

beforeAll(async () => {
  const configPath = join(persist, 'wrangler.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      name: 'd1-store-test',
      compatibility_date: '2026-10-01',
      d1_databases: Array.from({ length: DATABASES }, (_, i) => ({ binding: `DB${i}`, database_name: `db${i}`, database_id: `lokaal-${i}` })),
    }),
  );
  proxy = await getPlatformProxy<Record<string, D1Database>>({ configPath, envFiles: [], persist: { path: join(persist, 'state') }, remoteBindings: false });
}, 60_000);

afterAll(async () => {
  await proxy?.dispose();
  rmSync(persist, { recursive: true, force: true });
});

async function open(binding: string) {
  const store = new D1Store(proxy.env[binding]);
  bindings.set(store, binding);
  return store;
}

async function fresh() {
  if (next >= DATABASES) throw new Error('Meer databases nodig in tests/integration/d1-store.test.ts');
  return open(`DB${next++}`);
}

describeStoreContract('D1', {
  open: fresh,
  reopen: (store) => open(bindings.get(store)!),
});

describe('D1 store', { timeout: 30_000 }, () => {
  it('records its schema the way wrangler d1 migrations does, so both ways of migrating agree', async () => {
    const store = await fresh();
    await store.list();
    const db = proxy.env[bindings.get(store)!];
    const { results } = await db.prepare('SELECT name FROM d1_migrations ORDER BY id').all<{ name: string }>();
    expect(results.map((r) => r.name)).toEqual(['0001_report_store.sql', '0002_follow_up.sql', '0003_status_messages.sql']);
    // A second store on the same database (another isolate) applies nothing twice.
    const again = await open(bindings.get(store)!);
    await again.list();
    expect((await db.prepare('SELECT count(*) AS n FROM d1_migrations').all<{ n: number }>()).results).toEqual([{ n: 3 }]);
    const tables = await db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name`).all<{ name: string }>();
    expect(tables.results.map((t) => t.name)).toEqual(['d1_migrations', 'mailbox_messages', 'mailboxes', 'outbox', 'rate_counts', 'sqlite_sequence', 'used_keys']);
  });

  it('keeps follow-up conversations: with their report or not at all, messages only while live, purged after', async () => {
    // The store port gains these with sealing and follow-up (developed in parallel); then the
    // shared contract covers them and this test can go.
    const store = await fresh();
    const day = 86_400;
    const now = Date.now();
    const soon = Math.ceil(now / 1000 / day) * day + day;
    const later = soon + 30 * day;
    const box = (n: number) => ({ lookup: `lookup-${n}`, reportId: `msg_${n}`, wrappedIdentity: `ingepakt-${n}`, createdDay: '2026-11-30', expiresAt: soon });
    const entry = (n: number) => ({ id: `msg_${n}`, referenceCode: `MW-0000-000${n}`, payload: `{"n":${n}}` });
    await store.enqueue(entry(1), { mailbox: box(1) });
    expect(await store.findMailbox('lookup-1', now)).toEqual({ reportId: 'msg_1', wrappedIdentity: 'ingepakt-1', createdDay: '2026-11-30', expiresAt: soon, messages: [] });
    // A second conversation for the same report is refused and takes its outbox entry with it.
    await expect(store.enqueue(entry(2), { mailbox: { ...box(1), lookup: 'lookup-x' } })).rejects.toThrow();
    expect((await store.list()).map((e) => e.id)).toEqual(['msg_1']);
    expect(await store.addMessage('msg_1', { from: 'intake', sealed: 'vraag-1', day: '2026-12-01' }, later, now)).toBe(true);
    await store.enqueue(entry(2), { message: { reportId: 'msg_1', message: { from: 'reporter', sealed: 'antwoord-1', day: '2026-12-02' }, expiresAt: later } });
    expect((await store.findMailbox('lookup-1', now))?.messages).toEqual([
      { from: 'intake', sealed: 'vraag-1', day: '2026-12-01' },
      { from: 'reporter', sealed: 'antwoord-1', day: '2026-12-02' },
    ]);
    expect((await store.findMailbox('lookup-1', now))?.expiresAt).toBe(later);
    // A message for a conversation that does not exist stores nothing, not even its outbox entry.
    await expect(store.enqueue(entry(3), { message: { reportId: 'msg_9', message: { from: 'reporter', sealed: 'y', day: '2026-12-02' }, expiresAt: later } })).rejects.toThrow();
    expect((await store.list()).map((e) => e.id)).toEqual(['msg_1', 'msg_2']);
    const after = (later + 1) * 1000;
    expect(await store.findMailbox('lookup-1', after)).toBeUndefined();
    expect(await store.addMessage('msg_1', { from: 'intake', sealed: 'te laat', day: '2027-02-01' }, later + 90 * day, after)).toBe(false);
    expect(await store.purgeMailboxes(after)).toBe(1);
    expect(await store.purgeMailboxes(after)).toBe(0);
    expect(await store.findMailbox('lookup-1', now)).toBeUndefined();
    const db = proxy.env[bindings.get(store)!];
    expect((await db.prepare('SELECT count(*) AS n FROM mailbox_messages').all<{ n: number }>()).results).toEqual([{ n: 0 }]);
  });

  it('holds the rate limit with three isolates hitting at once: 30 hits, limit 10, exactly 10 allowed', async () => {
    const first = await fresh();
    const stores = [first, await open(bindings.get(first)!), await open(bindings.get(first)!)];
    const expiresAt = Math.floor(Date.now() / 1000) + 7200;
    const window = { current: 'f:2', previous: 'f:1', previousWeight: 0.5, limit: 10, expiresAt };
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 3].hit(window)));
    expect(outcomes.filter(Boolean)).toHaveLength(10);
  });

  it('writes the report to disk before enqueue resolves, and says nothing of it when D1 refuses', async () => {
    const store = await fresh();
    const marker = 'MARKEER-d1-opslag-42';
    await store.enqueue({ id: 'msg_1', payload: JSON.stringify({ description: marker }) });
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    expect(files(persist).some((f) => readFileSync(f).toString('latin1').includes(marker))).toBe(true);
    const error = await store.enqueue({ id: 'msg_1', payload: JSON.stringify({ description: marker }) }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/SQLITE_CONSTRAINT/);
    expect((error as Error).message).not.toContain(marker);
    expect((error as Error).message).not.toContain('msg_1');
  });
});
