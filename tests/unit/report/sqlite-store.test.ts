/**
 * The SQLite store (the embedded default) against the shared store contract, plus what only a
 * file on disk can show: permissions, and no trace of a delivered report in any file.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/lib/report/store/sqlite.ts';
import { MIGRATIONS } from '../../../src/lib/report/store/sqlite-database.ts';
import type { ReportStore } from '../../../src/lib/report/store/port.ts';
import { describeStoreContract } from '../../support/store-contract.ts';
import { waitFor } from '../../support/processes.ts';

const root = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const files = new WeakMap<ReportStore, string>();
let counter = 0;

function open(file = join(root, `d${counter++}`, 'outbox.sqlite')) {
  const store = new SqliteStore(file);
  files.set(store, file);
  return store;
}

describeStoreContract('SQLite', {
  open: async () => open(),
  reopen: async (store) => open(files.get(store)),
});

describe('SQLite store files', () => {
  it('creates its folder 0700 and every file 0600', async () => {
    const dir = join(root, 'modes');
    const store = open(join(dir, 'outbox.sqlite'));
    await store.enqueue({ id: 'msg_1', payload: '{}' });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dir)) expect([name, statSync(join(dir, name)).mode & 0o777]).toEqual([name, 0o600]);
    await store.close();
  });

  it('tightens a loose folder and loose files that already exist (0755, 0644 from an older install)', async () => {
    const dir = join(root, 'loose');
    const file = join(dir, 'outbox.sqlite');
    const first = open(file);
    await first.enqueue({ id: 'msg_1', payload: '{}' });
    await first.close();
    chmodSync(dir, 0o755);
    for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o644);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    const store = open(file);
    expect((await store.list()).map((e) => e.id)).toEqual(['msg_1']);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dir)) expect([name, statSync(join(dir, name)).mode & 0o777]).toEqual([name, 0o600]);
    await store.close();
  });

  it('upgrades a file of schema version 2: drops reference_code keeping its reports in order, and takes status messages keeping the old ones', async () => {
    const file = join(root, 'legacy', 'outbox.sqlite');
    mkdirSync(dirname(file), { mode: 0o700 });
    const legacy = new DatabaseSync(file);
    // The two schema versions as they were written before the migration files were shared.
    legacy.exec(`
      CREATE TABLE outbox (id TEXT PRIMARY KEY, reference_code TEXT NOT NULL UNIQUE, payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')), attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0, lease_token TEXT, lease_until INTEGER NOT NULL DEFAULT 0, last_error TEXT);
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
      CREATE TABLE used_keys (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE rate_counts (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE mailboxes (lookup TEXT PRIMARY KEY, report_id TEXT NOT NULL UNIQUE, wrapped_identity TEXT NOT NULL, created_day TEXT NOT NULL, expires_at INTEGER NOT NULL);
      CREATE TABLE mailbox_messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, report_id TEXT NOT NULL REFERENCES mailboxes (report_id) ON DELETE CASCADE,
        sender TEXT NOT NULL CHECK (sender IN ('intake', 'reporter')), sealed TEXT NOT NULL, day TEXT NOT NULL);
      INSERT INTO outbox (id, reference_code, payload, state, last_error) VALUES ('msg_b', 'msg_b', '{}', 'dead', 'HTTP 400'), ('msg_a', 'msg_a', '{}', 'pending', NULL);
      INSERT INTO mailboxes VALUES ('lookup-a', 'msg_a', 'w', '2026-12-01', 4102444800);
      INSERT INTO mailbox_messages (report_id, sender, sealed, day) VALUES ('msg_a', 'intake', 'vraag', '2026-12-02');
      PRAGMA user_version = 2;
    `);
    legacy.close();
    const store = open(file);
    expect((await store.list()).map((e) => [e.id, e.state, e.lastError])).toEqual([
      ['msg_b', 'dead', 'HTTP 400'],
      ['msg_a', 'pending', null],
    ]);
    await store.enqueue({ id: 'msg_c', payload: '{}' });
    // 0004 rebuilt mailbox_messages with its rows: the old question stays, a status fits the new CHECK.
    expect(await store.addMessage('msg_a', { from: 'status', sealed: 'status', day: '2026-12-03' }, 4102444800)).toBe(true);
    expect((await store.findMailbox('lookup-a'))?.messages.map((m) => m.from)).toEqual(['intake', 'status']);
    await store.close();
    const upgraded = new DatabaseSync(file);
    expect((upgraded.prepare(`SELECT name FROM pragma_table_info('outbox')`).all() as { name: string }[]).map((c) => c.name)).not.toContain('reference_code');
    expect(upgraded.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length });
    upgraded.close();
  });

  it('keeps the times of a report in whole seconds, and rounds up the milliseconds an older file kept', async () => {
    const file = join(root, 'seconds', 'outbox.sqlite');
    const store = open(file);
    await store.enqueue({ id: 'msg_1', payload: '{}' });
    await store.enqueue({ id: 'msg_2', payload: '{}' });
    const now = Date.now();
    const [first, second] = await store.claim(2, 1_234, now);
    await store.fail(first.id, first.leaseToken, { error: 'HTTP 503', retryAt: now + 61_234 });
    await store.close();
    const raw = new DatabaseSync(file);
    const rows = () =>
      raw.prepare('SELECT id, next_attempt_at AS next, lease_until AS lease FROM outbox ORDER BY id').all() as { id: string; next: number; lease: number }[];
    expect(rows()).toEqual([
      { id: 'msg_1', next: Math.ceil((now + 61_234) / 1000), lease: 0 },
      { id: 'msg_2', next: 0, lease: Math.ceil((now + 1_234) / 1000) },
    ]);
    expect(second.id).toBe('msg_2');
    // A file from before (schema version 4) with milliseconds: opened, its times become seconds.
    raw.exec(`UPDATE outbox SET next_attempt_at = ${now + 61_234}, lease_until = ${now + 1_234} WHERE id = 'msg_1'; PRAGMA user_version = 4;`);
    raw.close();
    await open(file).close();
    const upgraded = new DatabaseSync(file);
    expect(upgraded.prepare(`SELECT next_attempt_at AS next, lease_until AS lease FROM outbox WHERE id = 'msg_1'`).get()).toEqual({
      next: Math.ceil((now + 61_234) / 1000),
      lease: Math.ceil((now + 1_234) / 1000),
    });
    upgraded.close();
  });

  it('leaves no trace of a delivered report in the database or its WAL', async () => {
    const dir = join(root, 'trace');
    const store = open(join(dir, 'outbox.sqlite'));
    const marker = 'MARKEER-afgeleverd-7f3a9';
    await store.enqueue({ id: 'msg_1', payload: JSON.stringify({ description: marker }) });
    await store.enqueue({ id: 'msg_2', payload: JSON.stringify({ description: 'nog-onderweg' }) });
    const everything = () =>
      readdirSync(dir)
        .map((f) => readFileSync(join(dir, f)).toString('latin1'))
        .join('\n');
    expect(everything()).toContain(marker);
    const claims = await store.claim(1, 60_000);
    expect(claims[0].id).toBe('msg_1');
    await store.acknowledge(claims[0].id, claims[0].leaseToken);
    // The checkpoint runs right after the delivery, in the store's own thread.
    await waitFor(() => !everything().includes(marker), 5_000, 'checkpoint na aflevering');
    expect(everything()).toContain('nog-onderweg');
    await store.close();
  });
});
