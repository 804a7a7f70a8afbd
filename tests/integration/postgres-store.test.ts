/**
 * The PostgreSQL store against the shared store contract, on a real server, plus what only
 * several processes on one database can show: replicas migrating at once, the rate limit under
 * concurrent connections, no delivered report in a dump, and failing fast when the server is gone.
 *
 * Uses the run's server (inject('postgresUrl') from tests/support/postgres-global-setup.ts)
 * when there is one, and otherwise starts its own, so this file also runs alone.
 */
import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PostgresStore, SCHEMA_VERSION } from '../../src/lib/report/store/postgres.ts';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../src/lib/report/store/sqlite-database.ts';
import type { ReportStore } from '../../src/lib/report/store/port.ts';
import { StoreUnavailableError } from '../../src/lib/report/store/port.ts';
import { describeStoreContract, type StoreFactory } from '../support/store-contract.ts';
import { createDatabase, findPostgresBindir, startPostgres, type PostgresServer } from '../support/postgres.ts';

let serverUrl = inject('postgresUrl') as string | undefined;
let own: PostgresServer | undefined;

beforeAll(async () => {
  if (serverUrl) return;
  own = await startPostgres();
  serverUrl = own.url;
}, 120_000);
afterAll(() => own?.stop());

const freshDatabase = () => createDatabase(serverUrl!);
const urls = new WeakMap<ReportStore, string>();

async function open(url: string) {
  const store = await PostgresStore.open(url, { connectTimeoutMs: 10_000, queryTimeoutMs: 10_000 });
  urls.set(store, url);
  return store;
}

const factory: StoreFactory = {
  open: async () => open(await freshDatabase()),
  reopen: async (store) => open(urls.get(store)!),
};

describeStoreContract('PostgreSQL', factory);

/** Runs one query on its own connection. */
async function sql<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function pgDump(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${findPostgresBindir()}/pg_dump`, ['--data-only', '--dbname', url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`pg_dump stopte met ${code}: ${err}`))));
  });
}

/** Table → its columns, sorted. */
type Schema = Record<string, string[]>;

/** The shared schema: the SQLite migration files (also D1's), applied to an empty database. */
function sharedSchema(): Schema {
  const db = new DatabaseSync(':memory:');
  for (const migration of SQLITE_MIGRATIONS) db.exec(migration);
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`).all() as { name: string }[];
  const schema = Object.fromEntries(
    tables.map(({ name }) => [name, (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => c.name).sort()]),
  );
  db.close();
  return schema;
}

describe('PostgreSQL store', { timeout: 60_000 }, () => {
  it('has the tables and columns of the shared SQLite and D1 schema (its own DDL must not drift)', async () => {
    const url = await freshDatabase();
    await (await open(url)).close();
    const rows = await sql<{ table_name: string; column_name: string }>(
      url,
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> 'report_schema_version'`,
    );
    const postgres: Schema = {};
    for (const { table_name, column_name } of rows) (postgres[table_name] ??= []).push(column_name);
    for (const columns of Object.values(postgres)) columns.sort();
    const shared = sharedSchema();
    expect(shared.outbox).not.toContain('reference_code');
    // The one intended difference: PostgreSQL has no rowid, so the outbox keeps its order in seq.
    expect(postgres).toEqual({ ...shared, outbox: [...shared.outbox, 'seq'].sort() });
  });

  it('upgrades a database from before status messages (the last step): its conversations take status messages and keep the old ones', async () => {
    const url = await freshDatabase();
    await (await open(url)).close();
    // Back to the version before the last step, as it was written: the sender CHECK without 'status', and one question.
    await sql(
      url,
      `ALTER TABLE mailbox_messages DROP CONSTRAINT mailbox_messages_sender_check;
       ALTER TABLE mailbox_messages ADD CONSTRAINT mailbox_messages_sender_check CHECK (sender IN ('intake', 'reporter'));
       INSERT INTO mailboxes VALUES ('lookup-a', 'msg_a', 'w', '2026-12-01', 4102444800);
       INSERT INTO mailbox_messages (report_id, sender, sealed, day) VALUES ('msg_a', 'intake', 'vraag', '2026-12-02');
       UPDATE report_schema_version SET version = ${SCHEMA_VERSION - 1};`,
    );
    await expect(sql(url, `INSERT INTO mailbox_messages (report_id, sender, sealed, day) VALUES ('msg_a', 'status', 's', '2026-12-03')`)).rejects.toThrow();
    const store = await open(url);
    expect(await sql(url, 'SELECT version FROM report_schema_version')).toEqual([{ version: SCHEMA_VERSION }]);
    expect(await store.addMessage('msg_a', { from: 'status', sealed: 'status', day: '2026-12-03' }, 4102444800)).toBe(true);
    expect((await store.findMailbox('lookup-a'))?.messages.map((m) => m.from)).toEqual(['intake', 'status']);
    await store.close();
  });

  it('creates the schema once when three replicas start on an empty database at the same moment, and again changes nothing', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all([open(url), open(url), open(url)]);
    expect(await sql(url, 'SELECT version FROM report_schema_version')).toEqual([{ version: SCHEMA_VERSION }]);
    await stores[0].enqueue({ id: 'msg_1', payload: '{}' });
    await Promise.all(stores.map((s) => s.close()));

    const again = await open(url);
    expect(await sql(url, 'SELECT version FROM report_schema_version')).toEqual([{ version: SCHEMA_VERSION }]);
    expect(await again.list()).toMatchObject([{ id: 'msg_1' }]);
    const tables = await sql<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
    expect(tables.map((t) => t.table_name)).toEqual([
      'mailbox_messages',
      'mailboxes',
      'outbox',
      'rate_counts',
      'receipts',
      'report_schema_version',
      'used_keys',
    ]);
    // Autovacuum frees a delivered row's space after every delivery, so new rows overwrite it soon.
    const [{ options }] = await sql<{ options: string[] }>(url, `SELECT reloptions AS options FROM pg_class WHERE relname = 'outbox'`);
    expect(options.sort()).toEqual(['autovacuum_vacuum_scale_factor=0', 'autovacuum_vacuum_threshold=0']);
    await again.close();
  });

  it('leaves no delivered report in a dump of the database, and keeps the undelivered one', async () => {
    const url = await freshDatabase();
    const store = await open(url);
    const marker = 'MARKEER-afgeleverd-7f3a9';
    await store.enqueue({ id: 'msg_1', payload: JSON.stringify({ description: marker }) });
    await store.enqueue({ id: 'msg_2', payload: JSON.stringify({ description: 'nog-onderweg' }) });
    expect(await pgDump(url)).toContain(marker);
    const [claim] = await store.claim(1, 60_000);
    expect(claim.id).toBe('msg_1');
    await store.acknowledge(claim.id, claim.leaseToken);
    const dump = await pgDump(url);
    expect(dump).not.toContain(marker);
    expect(dump).not.toContain('MW-0000-0001');
    expect(dump).toContain('nog-onderweg');
    await store.close();
  });

  it('holds the rate limit with three replicas hitting at once: 30 hits, limit 10, exactly 10 allowed', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all([open(url), open(url), open(url)]);
    const expiresAt = Math.floor(Date.now() / 1000) + 7200;
    const window = { current: 'f:2', previous: 'f:1', previousWeight: 0.5, limit: 10, expiresAt };
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 3].hit(window)));
    expect(outcomes.filter(Boolean)).toHaveLength(10);
    expect(await sql(url, 'SELECT key, count FROM rate_counts')).toEqual([{ key: 'f:2', count: 10 }]);
    // With 8 in the previous slot at half weight, 4 + 6 = 10 leaves room for 6 in a new slot.
    await sql(url, `INSERT INTO rate_counts (key, count, expires_at) VALUES ('g:1', 8, $1)`, [expiresAt]);
    const next = { current: 'g:2', previous: 'g:1', previousWeight: 0.5, limit: 10, expiresAt };
    const more = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 3].hit(next)));
    expect(more.filter(Boolean)).toHaveLength(6);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('uses a key once with three replicas racing for it', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all([open(url), open(url), open(url)]);
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    const outcomes = await Promise.all(Array.from({ length: 15 }, (_, i) => stores[i % 3].useOnce('token-hash', expiresAt)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('commits a report before enqueue resolves: another connection sees it at once', async () => {
    const url = await freshDatabase();
    const store = await open(url);
    await store.enqueue({ id: 'msg_1', payload: '{}' });
    expect(await sql(url, 'SELECT id FROM outbox')).toEqual([{ id: 'msg_1' }]);
    expect(await sql(url, `SELECT current_setting('synchronous_commit') AS s`)).toEqual([{ s: 'on' }]);
    await store.close();
  });

  it('rejects calls quickly once the server has stopped, without request data in the error, and closes cleanly', async () => {
    const server = await startPostgres();
    try {
      const store = await open(server.url);
      await store.enqueue({ id: 'msg_1', payload: '{"n":1}' });
      await server.stop();
      const started = Date.now();
      const calls: Promise<unknown>[] = [
        store.enqueue({ id: 'msg_geheim', payload: '{"description":"geheime-inhoud"}' }),
        store.claim(5, 60_000),
        store.useOnce('sleutel-geheim', Math.floor(Date.now() / 1000) + 60),
        store.hit({ current: 'c:geheim', previous: 'p:geheim', previousWeight: 1, limit: 5, expiresAt: Math.floor(Date.now() / 1000) + 60 }),
      ];
      for (const call of calls) {
        const error = await call.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect(String((error as Error).message)).not.toMatch(/geheim/i);
      }
      expect(Date.now() - started).toBeLessThan(10_000);
      await store.close();
    } finally {
      await server.stop();
    }
  });

  it('gives up on a server that accepts connections but never answers, within the connect timeout', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      const error = await PostgresStore.open(`postgres://postgres@127.0.0.1:${port}/x`, { connectTimeoutMs: 500 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/kon niet openen/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses a database where synchronous_commit is off: a receipt would not mean on disk', async () => {
    const url = await freshDatabase();
    const name = new URL(url).pathname.slice(1);
    await sql(url, `ALTER DATABASE "${name}" SET synchronous_commit = off`);
    await expect(PostgresStore.open(url)).rejects.toThrow(/synchronous_commit/);
  });

  it('rejects every call after close', async () => {
    const store = await open(await freshDatabase());
    await store.close();
    await store.close();
    await expect(store.list()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.hit({ current: 'a', previous: 'b', previousWeight: 0, limit: 1, expiresAt: 0 })).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
