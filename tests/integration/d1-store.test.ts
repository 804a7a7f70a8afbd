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

const DATABASES = 20;
/** The outbox as migrations 0001 wrote it before reference_code was dropped (0003). */
const LEGACY_OUTBOX = `CREATE TABLE outbox (
  id TEXT PRIMARY KEY, reference_code TEXT NOT NULL UNIQUE, payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')), attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0, lease_token TEXT, lease_until INTEGER NOT NULL DEFAULT 0, last_error TEXT)`;
/** The conversations as 0002 wrote them before 'status' messages (0004), with one question. */
const LEGACY_MAILBOXES = [
  `CREATE TABLE mailboxes (lookup TEXT PRIMARY KEY, report_id TEXT NOT NULL UNIQUE, wrapped_identity TEXT NOT NULL, created_day TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
  `CREATE TABLE mailbox_messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, report_id TEXT NOT NULL REFERENCES mailboxes (report_id) ON DELETE CASCADE,
    sender TEXT NOT NULL CHECK (sender IN ('intake', 'reporter')), sealed TEXT NOT NULL, day TEXT NOT NULL)`,
  `INSERT INTO mailboxes VALUES ('lookup-a', 'msg_a', 'w', '2026-12-01', 4102444800)`,
  `INSERT INTO mailbox_messages (report_id, sender, sealed, day) VALUES ('msg_a', 'intake', 'vraag', '2026-12-02')`,
];
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
    expect(results.map((r) => r.name)).toEqual([
      '0001_report_store.sql',
      '0002_follow_up.sql',
      '0003_drop_reference_code.sql',
      '0004_receipts.sql',
      '0005_whole_seconds.sql',
      '0006_status_messages.sql',
    ]);
    // A second store on the same database (another isolate) applies nothing twice.
    const again = await open(bindings.get(store)!);
    await again.list();
    expect((await db.prepare('SELECT count(*) AS n FROM d1_migrations').all<{ n: number }>()).results).toEqual([{ n: 6 }]);
    const tables = await db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name`)
      .all<{ name: string }>();
    expect(tables.results.map((t) => t.name)).toEqual([
      'd1_migrations',
      'mailbox_messages',
      'mailboxes',
      'outbox',
      'rate_counts',
      'receipts',
      'sqlite_sequence',
      'used_keys',
    ]);
  });

  it('purges a conversation with its messages: none left in the table', async () => {
    // The contract checks what the port returns; this checks the table, since D1 enforces the
    // ON DELETE CASCADE only with foreign keys on, and d1.ts deletes the messages itself.
    const store = await fresh();
    const now = Date.now();
    const expiresAt = Math.floor(now / 1000) + 60;
    await store.enqueue(
      { id: 'msg_1', payload: '{}' },
      { mailbox: { lookup: 'l-1', reportId: 'msg_1', wrappedIdentity: 'w', createdDay: '2026-12-01', expiresAt } },
    );
    expect(await store.addMessage('msg_1', { from: 'intake', sealed: 'vraag', day: '2026-12-01' }, expiresAt, now)).toBe(true);
    expect(await store.purgeMailboxes((expiresAt + 1) * 1000)).toBe(1);
    const db = proxy.env[bindings.get(store)!];
    expect((await db.prepare('SELECT count(*) AS n FROM mailbox_messages').all<{ n: number }>()).results).toEqual([{ n: 0 }]);
  });

  it('upgrades a database migrated before 0003: drops reference_code keeping its reports in order, and takes status messages keeping the old ones', async () => {
    const binding = `DB${next++}`;
    const db = proxy.env[binding];
    // The database as the first two migrations left it when 0001 still had the legacy column.
    await db.batch([
      db.prepare(
        `CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`,
      ),
      db.prepare(`INSERT INTO d1_migrations (name) VALUES ('0001_report_store.sql'), ('0002_follow_up.sql')`),
      db.prepare(LEGACY_OUTBOX),
      db.prepare(`INSERT INTO outbox (id, reference_code, payload) VALUES ('msg_b', 'msg_b', '{}'), ('msg_a', 'msg_a', '{}')`),
      ...LEGACY_MAILBOXES.map((statement) => db.prepare(statement)),
    ]);
    const store = await open(binding);
    expect((await store.list()).map((e) => e.id)).toEqual(['msg_b', 'msg_a']);
    await store.enqueue({ id: 'msg_c', payload: '{}' });
    const columns = await db.prepare(`SELECT name FROM pragma_table_info('outbox')`).all<{ name: string }>();
    expect(columns.results.map((c) => c.name)).not.toContain('reference_code');
    expect((await store.claim(10, 60_000)).map((c) => c.id)).toEqual(['msg_b', 'msg_a', 'msg_c']);
    // 0004 rebuilt mailbox_messages with its rows: the old question stays, a status fits the new CHECK.
    expect(await store.addMessage('msg_a', { from: 'status', sealed: 'status', day: '2026-12-03' }, 4102444800)).toBe(true);
    expect((await store.findMailbox('lookup-a'))?.messages.map((m) => m.from)).toEqual(['intake', 'status']);
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
