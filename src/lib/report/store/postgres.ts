/**
 * The report store for several replicas: one PostgreSQL database shared by every instance.
 * Same semantics as the SQLite store (./sqlite-database.ts); what differs is how each promise
 * is kept across processes:
 * - claim leases rows with `FOR UPDATE SKIP LOCKED`, so concurrent relays never wait for each
 *   other and never get the same row (https://www.postgresql.org/docs/15/sql-select.html#SQL-FOR-UPDATE-SHARE);
 * - useOnce and hit rely on the row lock an `INSERT … ON CONFLICT` takes, which serialises
 *   concurrent calls on the same key (https://www.postgresql.org/docs/15/sql-insert.html#SQL-ON-CONFLICT);
 * - every write is one committed statement or transaction before its promise resolves; with
 *   synchronous_commit on (the default, checked at open) that means flushed to the WAL on disk.
 *
 * Errors never carry request data: a server error is reported by its SQLSTATE only (its message
 * and detail can quote values), a connection error by the driver's message (host and port).
 * Nothing is logged.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Claim, EnqueueExtras, EntryState, Mailbox, MailboxMessage, NewReport, OutboxListing, OutboxRow, ReportStore, SlidingWindowHit } from './port.ts';
import { claimedInOrder, claimValues, failValues, listings, nowSeconds, StoreUnavailableError, toEntry } from './port.ts';
import { inPostgres, SQL } from './sql.ts';

/** The operator statements shared with the SQLite stores (./sql.ts). */
const PG = {
  acknowledge: inPostgres(SQL.acknowledge),
  fail: inPostgres(SQL.fail),
  list: inPostgres(SQL.list),
  listState: inPostgres(SQL.listState),
  retryOne: inPostgres(SQL.retryOne),
  retryAll: inPostgres(SQL.retryAll),
};

/** Schema versions, applied in order inside one transaction; report_schema_version records how far a database is. */
const MIGRATIONS = [
  // 1: the outbox and the shared abuse state. `seq` only orders the operator listing (SQLite's rowid).
  `CREATE TABLE outbox (
     id text PRIMARY KEY,
     seq bigint GENERATED ALWAYS AS IDENTITY,
     payload text NOT NULL,
     state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
     attempts integer NOT NULL DEFAULT 0,
     next_attempt_at bigint NOT NULL DEFAULT 0,
     lease_token text,
     lease_until bigint NOT NULL DEFAULT 0,
     last_error text
   );
   CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
   -- A deleted row's bytes stay in the table file until its space is reused, and only VACUUM
   -- makes it reusable: vacuum after every delivery (at the next autovacuum_naptime, 1 min by
   -- default), not after 20 % of the table has changed.
   ALTER TABLE outbox SET (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0);
   CREATE TABLE used_keys (key text PRIMARY KEY, expires_at bigint NOT NULL);
   CREATE INDEX used_keys_expiry ON used_keys (expires_at);
   CREATE TABLE rate_counts (key text PRIMARY KEY, count integer NOT NULL, expires_at bigint NOT NULL);
   CREATE INDEX rate_counts_expiry ON rate_counts (expires_at);`,
  // 2: follow-up conversations, found by the receipt code's lookup id; messages are sealed.
  `CREATE TABLE mailboxes (
     lookup text PRIMARY KEY,
     report_id text NOT NULL UNIQUE,
     wrapped_identity text NOT NULL,
     created_day text NOT NULL,
     expires_at bigint NOT NULL
   );
   CREATE INDEX mailboxes_expiry ON mailboxes (expires_at);
   CREATE TABLE mailbox_messages (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     report_id text NOT NULL REFERENCES mailboxes (report_id) ON DELETE CASCADE,
     sender text NOT NULL CHECK (sender IN ('intake', 'reporter')),
     sealed text NOT NULL,
     day text NOT NULL
   );
   CREATE INDEX mailbox_messages_report ON mailbox_messages (report_id);`,
  // 3: one-time receipts, deleted when shown (SQLite's 0004; its 0003 rebuilt only SQLite's outbox).
  `CREATE TABLE receipts (lookup text PRIMARY KEY, sealed text NOT NULL, expires_at bigint NOT NULL);
   CREATE INDEX receipts_expiry ON receipts (expires_at);
   -- Like the outbox: a shown receipt's bytes are vacuumed away at the next autovacuum_naptime.
   ALTER TABLE receipts SET (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0);`,
  // 4: the outbox's times in whole seconds (SQLite's 0005).
  `UPDATE outbox SET next_attempt_at = (next_attempt_at + 999) / 1000 WHERE next_attempt_at > 100000000000;
   UPDATE outbox SET lease_until = (lease_until + 999) / 1000 WHERE lease_until > 100000000000;`,
  // 5: 'status' messages (report.status from the intake desk).
  `ALTER TABLE mailbox_messages DROP CONSTRAINT mailbox_messages_sender_check;
   ALTER TABLE mailbox_messages ADD CONSTRAINT mailbox_messages_sender_check CHECK (sender IN ('intake', 'reporter', 'status'));`,
];

/** The schema version this code writes and expects. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Key of the advisory lock that serialises migrations of one database (advisory locks are per
 * database). Any constant works; this one is "mwmh" + "schm" in ASCII.
 */
const MIGRATION_LOCK = 0x6d776d68_7363686dn;

export interface PostgresStoreOptions {
  /** Connections per process (default 5): replicas × poolSize must stay under max_connections. */
  poolSize?: number;
  /** How long a call waits for a connection before it fails (default 5 s). */
  connectTimeoutMs?: number;
  /**
   * How long one statement may run, including waiting for a lock (default 10 s). The server
   * cancels it (statement_timeout); the client gives up 2 s later if the server does not answer.
   */
  queryTimeoutMs?: number;
}

/** A server error has a five-character SQLSTATE; the driver's own errors do not. */
const sqlState = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

/**
 * Rewrites any failure into an error that says what failed and never quotes what was stored.
 * `quote`: the server's message may be shown (at open, where no request data is involved).
 */
function unavailable(what: string, error: unknown, quote = false): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  const state = sqlState(error);
  if (state) {
    const message = quote && error instanceof Error ? `: ${error.message}` : '';
    return new StoreUnavailableError(`PostgreSQL weigerde ${what} (SQLSTATE ${state})${message}.`, state);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(
    `PostgreSQL is niet bereikbaar (${what}: ${message}). Controleer of de database draait en het adres klopt.`,
    (error as { code?: string } | null)?.code,
  );
}

export class PostgresStore implements ReportStore {
  readonly #pool: pg.Pool;
  #closed = false;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /**
   * Connects and brings the schema up to date, then resolves with a ready store.
   * @param url a libpq connection URL, e.g. postgres://meldwijzer@db.internal:5432/meldwijzer
   *   (sslmode and other parameters in the URL are honoured by `pg`)
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const { poolSize = 5, connectTimeoutMs = 5_000, queryTimeoutMs = 10_000 } = options;
    const pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: connectTimeoutMs,
      statement_timeout: queryTimeoutMs,
      query_timeout: queryTimeoutMs + 2_000,
      // A replica that dies mid-transaction must not hold row locks (and so other replicas) for long.
      idle_in_transaction_session_timeout: Math.max(queryTimeoutMs * 3, 30_000),
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'meldwijzer',
      // An idle pool must not keep a process alive (the CLI, a test).
      allowExitOnIdle: true,
    });
    // An idle connection that the server drops emits 'error' on the pool; without a listener
    // that would crash the process. The pool discards the connection; the next call reconnects.
    pool.on('error', () => undefined);
    const store = new PostgresStore(pool);
    try {
      await store.#migrate();
      await store.#checkDurability();
    } catch (error) {
      await pool.end().catch(() => undefined);
      const cause = unavailable('openen', error, true);
      throw new StoreUnavailableError(`De meldingenopslag kon niet openen: ${cause.message}`, cause.code);
    }
    return store;
  }

  /** Creates or upgrades the schema; replicas starting together wait for each other's lock. */
  async #migrate() {
    await this.#transaction('schema bijwerken', true, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS report_schema_version (
           singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
           version integer NOT NULL
         )`,
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM report_schema_version');
      const version = rows[0]?.version ?? 0;
      // A newer release may have migrated further; an older replica during a rolling update keeps working.
      if (version >= MIGRATIONS.length) return { commit: true, value: undefined };
      for (let v = version; v < MIGRATIONS.length; v++) await client.query(MIGRATIONS[v]);
      await client.query(
        `INSERT INTO report_schema_version (version) VALUES ($1)
         ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version`,
        [MIGRATIONS.length],
      );
      return { commit: true, value: undefined };
    });
  }

  /** A receipt promises the report is on disk: refuse a session where commits are not flushed. */
  async #checkDurability() {
    const { rows } = await this.#pool.query<{ value: string }>(`SELECT current_setting('synchronous_commit') AS value`);
    if (rows[0]?.value === 'off') {
      throw new StoreUnavailableError(
        'synchronous_commit staat uit voor deze database of gebruiker, dus een ontvangstbewijs zou niet betekenen dat de melding op schijf staat. ' +
          'Zet het aan, bijvoorbeeld met ALTER ROLE <gebruiker> SET synchronous_commit = on.',
      );
    }
  }

  async #query<R extends pg.QueryResultRow>(what: string, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    if (this.#closed) throw new StoreUnavailableError('De meldingenopslag is gesloten.');
    try {
      // pool.query discards the connection when the query fails, so a broken one is never reused.
      return await this.#pool.query<R>(text, values);
    } catch (error) {
      throw unavailable(what, error);
    }
  }

  /**
   * Runs `work` in a transaction on one connection and commits or rolls back as it says.
   * After any failure the connection is discarded rather than trusted again.
   */
  async #transaction<T>(what: string, quote: boolean, work: (client: pg.PoolClient) => Promise<{ commit: boolean; value: T }>): Promise<T> {
    if (this.#closed) throw new StoreUnavailableError('De meldingenopslag is gesloten.');
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw unavailable(what, error, quote);
    }
    // Between two statements no query is active, so a dropped connection surfaces as an
    // 'error' event on the client; without a listener it would crash the process.
    let broken: unknown;
    const onError = (error: unknown) => (broken ??= error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const { commit, value } = await work(client);
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
      return value;
    } catch (error) {
      broken ??= error;
      throw unavailable(what, error, quote);
    } finally {
      client.off('error', onError);
      client.release(broken ? (broken instanceof Error ? broken : true) : undefined);
    }
  }

  async enqueue(report: NewReport, extras: EnqueueExtras = {}): Promise<void> {
    // One transaction: committed (and flushed) when it returns. next_attempt_at 0 = due now, so
    // the row holds no time of receipt.
    await this.#transaction('melding opslaan', false, async (client) => {
      await client.query('INSERT INTO outbox (id, payload) VALUES ($1, $2)', [report.id, report.payload]);
      const { mailbox, message, receipt } = extras;
      if (receipt) await client.query(inPostgres(SQL.addReceipt), [receipt.lookup, receipt.sealed, receipt.expiresAt]);
      if (mailbox) {
        await client.query('INSERT INTO mailboxes (lookup, report_id, wrapped_identity, created_day, expires_at) VALUES ($1, $2, $3, $4, $5)', [
          mailbox.lookup,
          mailbox.reportId,
          mailbox.wrappedIdentity,
          mailbox.createdDay,
          mailbox.expiresAt,
        ]);
      }
      if (message && !(await this.#addMessage(client, message.reportId, message.message, message.expiresAt, Date.now()))) {
        throw new StoreUnavailableError('Dit gesprek bestaat niet (meer).');
      }
      return { commit: true, value: undefined };
    });
  }

  async findMailbox(lookup: string, now = Date.now()): Promise<Mailbox | undefined> {
    const { rows } = await this.#query<{ report_id: string; wrapped_identity: string; created_day: string; expires_at: string }>(
      'gesprek openen',
      'SELECT report_id, wrapped_identity, created_day, expires_at FROM mailboxes WHERE lookup = $1 AND expires_at >= $2',
      [lookup, nowSeconds(now)],
    );
    if (rows.length === 0) return undefined;
    const { rows: messages } = await this.#query<{ sender: MailboxMessage['from']; sealed: string; day: string }>(
      'gesprek openen',
      'SELECT sender, sealed, day FROM mailbox_messages WHERE report_id = $1 ORDER BY seq',
      [rows[0].report_id],
    );
    return {
      reportId: rows[0].report_id,
      wrappedIdentity: rows[0].wrapped_identity,
      createdDay: rows[0].created_day,
      expiresAt: Number(rows[0].expires_at),
      messages: messages.map((m) => ({ from: m.sender, sealed: m.sealed, day: m.day })),
    };
  }

  async addMessage(reportId: string, message: MailboxMessage, expiresAt: number, now = Date.now()): Promise<boolean> {
    return this.#transaction('bericht opslaan', false, async (client) => {
      const added = await this.#addMessage(client, reportId, message, expiresAt, now);
      return { commit: added, value: added };
    });
  }

  async #addMessage(client: pg.PoolClient, reportId: string, message: MailboxMessage, expiresAt: number, now: number): Promise<boolean> {
    const live = await client.query('UPDATE mailboxes SET expires_at = $1 WHERE report_id = $2 AND expires_at >= $3', [expiresAt, reportId, nowSeconds(now)]);
    if (live.rowCount === 0) return false;
    await client.query('INSERT INTO mailbox_messages (report_id, sender, sealed, day) VALUES ($1, $2, $3, $4)', [
      reportId,
      message.from,
      message.sealed,
      message.day,
    ]);
    return true;
  }

  async purgeMailboxes(now = Date.now()): Promise<number> {
    const { rowCount } = await this.#query('verlopen gesprekken wissen', 'DELETE FROM mailboxes WHERE expires_at < $1', [nowSeconds(now)]);
    return rowCount ?? 0;
  }

  async claim(limit: number, leaseMs: number, now = Date.now()): Promise<Claim[]> {
    const leaseToken = randomBytes(12).toString('hex');
    // SKIP LOCKED: rows another claimer is leasing right now are passed over, not waited for.
    // A lease committed meanwhile is re-checked against lease_until, so it is skipped too.
    const { rows } = await this.#query<OutboxRow & { seq: string }>(
      'meldingen claimen',
      `UPDATE outbox SET lease_token = $1, lease_until = $2
       WHERE id IN (
         SELECT id FROM outbox
         WHERE state = 'pending' AND next_attempt_at <= $3 AND lease_until <= $3
         ORDER BY next_attempt_at, seq
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING id, seq, payload, state, attempts, next_attempt_at, last_error`,
      claimValues(leaseToken, limit, leaseMs, now),
    );
    return claimedInOrder(rows).map((row) => ({ ...toEntry(row), leaseToken }));
  }

  async acknowledge(id: string, leaseToken: string): Promise<void> {
    // The row leaves the database's data at once (a dump no longer has it). Its bytes stay in
    // the table file until new rows reuse the space, and in the WAL (and any WAL archive or
    // standby) until segments are recycled: PostgreSQL has no secure_delete. What lingers is
    // only ciphertext once payloads are sealed to the intake's key before they are stored (DESIGN §2).
    await this.#query('aflevering vastleggen', PG.acknowledge, [id, leaseToken]);
  }

  async fail(id: string, leaseToken: string, outcome: { error: string; retryAt?: number; dead?: boolean }): Promise<void> {
    await this.#query('mislukte aflevering vastleggen', PG.fail, failValues(id, leaseToken, outcome));
  }

  async list(state?: EntryState): Promise<OutboxListing[]> {
    const { rows } = state
      ? await this.#query<OutboxRow>('wachtrij tonen', PG.listState, [state])
      : await this.#query<OutboxRow>('wachtrij tonen', PG.list, []);
    return listings(rows);
  }

  async outboxSize(): Promise<number> {
    const { rows } = await this.#query<{ n: string }>('meldingen tellen', SQL.outboxSize, []);
    return Number(rows[0].n);
  }

  async oldestPendingHour(): Promise<string | null> {
    const { rows } = await this.#query<{ hour: string | null }>(
      'wachtrij tonen',
      `SELECT MIN(payload::jsonb ->> 'timestamp') AS hour FROM outbox WHERE state = 'pending'`,
      [],
    );
    return rows[0]?.hour ?? null;
  }

  async retry(id?: string): Promise<number> {
    const result = id ? await this.#query('opnieuw proberen', PG.retryOne, [id]) : await this.#query('opnieuw proberen', PG.retryAll, []);
    return result.rowCount ?? 0;
  }

  async openReceipt(lookup: string, take: boolean, now = Date.now()): Promise<string | undefined> {
    const nowSec = nowSeconds(now);
    await this.#purge('receipts', nowSec);
    const { rows } = await this.#query<{ sealed: string }>('ontvangstbewijs openen', inPostgres(take ? SQL.takeReceipt : SQL.peekReceipt), [lookup, nowSec]);
    return rows[0]?.sealed;
  }

  async useOnce(key: string, expiresAt: number, now = Date.now()): Promise<boolean> {
    const nowSec = nowSeconds(now);
    await this.#purge('used_keys', nowSec);
    // Inserted, or an expired row taken over: a row comes back. A live row: nothing comes back.
    // The purge may have skipped an expired row another call was locking, hence the WHERE.
    const { rowCount } = await this.#query(
      'sleutel gebruiken',
      `INSERT INTO used_keys (key, expires_at) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE used_keys.expires_at < $3
       RETURNING 1`,
      [key, expiresAt, nowSec],
    );
    return rowCount === 1;
  }

  async hit(window: SlidingWindowHit, now = Date.now()): Promise<boolean> {
    const nowSec = nowSeconds(now);
    await this.#purge('rate_counts', nowSec);
    return this.#transaction('inzending tellen', false, async (client) => {
      // The upsert locks the current key's row until COMMIT or ROLLBACK, so concurrent hits on
      // one client key run one after the other, each seeing the count the previous one left.
      // An expired row (one the purge skipped) starts again at 1.
      const { rows } = await client.query<{ count: number; previous: number | null }>(
        `WITH counted AS (
           INSERT INTO rate_counts AS r (key, count, expires_at) VALUES ($1, 1, $2)
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN r.expires_at < $4 THEN 1 ELSE r.count + 1 END,
             expires_at = CASE WHEN r.expires_at < $4 THEN EXCLUDED.expires_at ELSE r.expires_at END
           RETURNING count)
         SELECT counted.count,
                (SELECT count FROM rate_counts WHERE key = $3 AND expires_at >= $4) AS previous
         FROM counted`,
        [window.current, window.expiresAt, window.previous, nowSec],
      );
      const { count, previous } = rows[0];
      const allowed = (previous ?? 0) * window.previousWeight + count <= window.limit + 1e-9;
      return { commit: allowed, value: allowed };
    });
  }

  /**
   * Forgets expired abuse state. SKIP LOCKED: rows another call holds are left for a later
   * purge instead of waited for, so concurrent purges never block or deadlock each other.
   */
  async #purge(table: 'used_keys' | 'rate_counts' | 'receipts', nowSec: number) {
    const key = table === 'receipts' ? 'lookup' : 'key';
    await this.#query(
      'verlopen gegevens wissen',
      `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE expires_at < $1 FOR UPDATE SKIP LOCKED)`,
      [nowSec],
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
