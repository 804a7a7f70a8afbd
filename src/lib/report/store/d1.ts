/**
 * The report store on a Worker: Cloudflare D1, the platform's SQLite database
 * (https://developers.cloudflare.com/d1/). The same tables (./migrations/), statements (./sql.ts)
 * and semantics as the embedded SQLite store (./sqlite-database.ts); what differs is how each
 * promise is kept:
 * - D1 runs the statements of one database one at a time, each in its own transaction, and a
 *   `batch()` as one transaction (https://developers.cloudflare.com/d1/worker-api/d1-database/#batch).
 *   So every write that must be atomic is one statement or one batch: claim is a single
 *   `UPDATE … WHERE id IN (SELECT … LIMIT ?) RETURNING`, useOnce a single upsert, and the
 *   sliding-window hit a single `INSERT … SELECT … WHERE <under the limit> ON CONFLICT … DO UPDATE`
 *   whose RETURNING says whether it counted.
 * - A write resolves once D1 has committed it to durable storage, so a receipt still means stored.
 * - The schema comes from ./migrations/*.sql (shared with the SQLite store): applied by `wrangler d1 migrations apply`, or
 *   here at first use (recorded in the same d1_migrations table), so a fresh local database works.
 *
 * Errors never carry request data: a failure is reported by its SQLite result code only.
 * Nothing is logged.
 */
import { randomBytes } from 'node:crypto';
import type { Claim, EnqueueExtras, EntryState, Mailbox, MailboxMessage, NewReport, OutboxListing, OutboxRow, ReportStore, SlidingWindowHit } from './port.ts';
import { claimedInOrder, claimValues, failValues, listings, nowSeconds, StoreUnavailableError, toEntry } from './port.ts';
import { SQL } from './sql.ts';

/** The parts of the D1 binding this store uses (@cloudflare/workers-types has the full type). */
export interface D1Result<T = Record<string, unknown>> {
  results: T[];
  meta: { changes?: number };
}
export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  run<T = Record<string, unknown>>(): Promise<D1Result<T>>;
  all<T = Record<string, unknown>>(): Promise<D1Result<T>>;
}
export interface D1Database {
  prepare(query: string): D1PreparedStatement;
  batch<T = Record<string, unknown>>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
}

/** The migration files by name, in order; the same names `wrangler d1 migrations apply` records. */
const MIGRATIONS: [name: string, sql: string][] = Object.entries(
  import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }),
)
  .map(([path, sql]): [string, string] => [path.split('/').pop()!, sql])
  .sort(([a], [b]) => a.localeCompare(b));

/** A live conversation for report ?4 at unix second ?5 (bound by every statement that uses it). */
const LIVE = 'EXISTS (SELECT 1 FROM mailboxes WHERE report_id = ?4 AND expires_at >= ?5)';

/** wrangler's own bookkeeping table (wrangler d1 migrations), created the way wrangler does. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;

/** The statements of a migration file: comments dropped, split at the semicolons ending a line. */
const statements = (sql: string) =>
  sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Rewrites any failure into an error that says what failed, never what was stored. */
function unavailable(what: string, error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  const code = /\bSQLITE_[A-Z_]+/.exec(error instanceof Error ? error.message : String(error))?.[0];
  return code
    ? new StoreUnavailableError(`D1 weigerde ${what} (${code}).`, code)
    : new StoreUnavailableError(`D1 is niet bereikbaar (${what}). Controleer de binding DB in wrangler.jsonc en de status van D1.`);
}

export class D1Store implements ReportStore {
  readonly #db: D1Database;
  #ready: Promise<void> | undefined;
  #closed = false;

  /** @param db the D1 binding (env.DB on the Worker) */
  constructor(db: D1Database) {
    this.#db = db;
  }

  /** Applies the migrations this database has not had yet; once per store, retried after a failure. */
  #migrate(): Promise<void> {
    this.#ready ??= (async () => {
      await this.#db.prepare(MIGRATIONS_TABLE).run();
      const applied = async () => new Set((await this.#db.prepare('SELECT name FROM d1_migrations').all<{ name: string }>()).results.map((r) => r.name));
      const done = await applied();
      for (const [name, sql] of MIGRATIONS) {
        if (done.has(name)) continue;
        // One batch, one transaction: the record and the schema, or neither. When another
        // isolate got there first, the record's UNIQUE name fails the batch and nothing changes.
        try {
          await this.#db.batch([
            this.#db.prepare('INSERT INTO d1_migrations (name) VALUES (?1)').bind(name),
            ...statements(sql).map((statement) => this.#db.prepare(statement)),
          ]);
        } catch (error) {
          if (!(await applied()).has(name)) throw error;
        }
      }
    })().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #run<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new StoreUnavailableError('De meldingenopslag is gesloten.');
    try {
      await this.#migrate();
      return await work();
    } catch (error) {
      throw unavailable(what, error);
    }
  }

  enqueue(report: NewReport, extras: EnqueueExtras = {}): Promise<void> {
    const { mailbox, message, receipt } = extras;
    return this.#run('melding opslaan', async () => {
      const values = [report.id, report.payload];
      if (!mailbox && !message && !receipt) {
        await this.#db
          .prepare(SQL.enqueue)
          .bind(...values)
          .run();
        return;
      }
      // One batch, one transaction: the report with its conversation or message, or nothing.
      const statements: D1PreparedStatement[] = [];
      if (mailbox) {
        statements.push(
          this.#db.prepare(SQL.addMailbox).bind(mailbox.lookup, mailbox.reportId, mailbox.wrappedIdentity, mailbox.createdDay, mailbox.expiresAt),
        );
      }
      if (receipt) statements.push(this.#db.prepare(SQL.addReceipt).bind(receipt.lookup, receipt.sealed, receipt.expiresAt));
      if (!message) {
        statements.push(this.#db.prepare(SQL.enqueue).bind(...values));
        await this.#db.batch(statements);
        return;
      }
      // A message only for a live conversation: every statement carries the same condition,
      // which cannot change within the batch, so either all of them act or none does.
      const nowSec = nowSeconds();
      statements.push(
        // ?3 is unused: LIVE takes ?4 and ?5 in every statement of the batch.
        this.#db.prepare(`INSERT INTO outbox (id, payload) SELECT ?1, ?2 WHERE ${LIVE}`).bind(...values, null, message.reportId, nowSec),
        ...this.#messageStatements(message.reportId, message.message, message.expiresAt, nowSec),
      );
      const results = await this.#db.batch(statements);
      if (Number(results[(mailbox ? 1 : 0) + (receipt ? 1 : 0)].meta.changes ?? 0) !== 1) throw new StoreUnavailableError('Dit gesprek bestaat niet (meer).');
    });
  }

  /** Adds the message and moves the expiry, both only while the conversation is live (LIVE, ?4 and ?5). */
  #messageStatements(reportId: string, message: MailboxMessage, expiresAt: number, nowSec: number): D1PreparedStatement[] {
    return [
      this.#db
        .prepare(`INSERT INTO mailbox_messages (report_id, sender, sealed, day) SELECT ?1, ?2, ?3, ?6 WHERE ${LIVE}`)
        .bind(reportId, message.from, message.sealed, reportId, nowSec, message.day),
      this.#db.prepare(SQL.extendMailbox).bind(expiresAt, reportId, nowSec),
    ];
  }

  findMailbox(lookup: string, now = Date.now()): Promise<Mailbox | undefined> {
    const nowSec = nowSeconds(now);
    return this.#run('gesprek lezen', async () => {
      // Both reads in one batch, so the messages belong to the conversation as it was read.
      const [boxes, messages] = await this.#db.batch([
        this.#db.prepare(SQL.findMailbox).bind(lookup, nowSec),
        this.#db
          .prepare(
            `SELECT sender, sealed, day FROM mailbox_messages
             WHERE report_id = (SELECT report_id FROM mailboxes WHERE lookup = ?1 AND expires_at >= ?2) ORDER BY seq`,
          )
          .bind(lookup, nowSec),
      ]);
      const box = boxes.results[0] as { report_id: string; wrapped_identity: string; created_day: string; expires_at: number } | undefined;
      if (!box) return undefined;
      return {
        reportId: box.report_id,
        wrappedIdentity: box.wrapped_identity,
        createdDay: box.created_day,
        expiresAt: Number(box.expires_at),
        messages: (messages.results as { sender: MailboxMessage['from']; sealed: string; day: string }[]).map((m) => ({
          from: m.sender,
          sealed: m.sealed,
          day: m.day,
        })),
      };
    });
  }

  addMessage(reportId: string, message: MailboxMessage, expiresAt: number, now = Date.now()): Promise<boolean> {
    return this.#run('bericht opslaan', async () => {
      const [added] = await this.#db.batch(this.#messageStatements(reportId, message, expiresAt, nowSeconds(now)));
      return Number(added.meta.changes ?? 0) === 1;
    });
  }

  purgeMailboxes(now = Date.now()): Promise<number> {
    const nowSec = nowSeconds(now);
    return this.#run('verlopen gesprekken wissen', async () => {
      // The messages first (D1 enforces the ON DELETE CASCADE too), then the conversations.
      const [, removed] = await this.#db.batch([
        this.#db.prepare('DELETE FROM mailbox_messages WHERE report_id IN (SELECT report_id FROM mailboxes WHERE expires_at < ?1)').bind(nowSec),
        this.#db.prepare(SQL.purgeMailboxes).bind(nowSec),
      ]);
      return Number(removed.meta.changes ?? 0);
    });
  }

  claim(limit: number, leaseMs: number, now = Date.now()): Promise<Claim[]> {
    const leaseToken = randomBytes(12).toString('hex');
    return this.#run('meldingen claimen', async () => {
      // One statement, so one transaction: two claimers never lease the same row.
      const { results } = await this.#db
        .prepare(SQL.claim)
        .bind(...claimValues(leaseToken, limit, leaseMs, now))
        .all<OutboxRow & { seq: number }>();
      return claimedInOrder(results).map((row) => ({ ...toEntry(row), leaseToken }));
    });
  }

  acknowledge(id: string, leaseToken: string): Promise<void> {
    // The row leaves the database at once. D1 keeps its own history for point-in-time recovery
    // (Time Travel, up to 30 days): see docs/DEPLOY.md, and sealing (DESIGN §2) for what lingers.
    return this.#run('aflevering vastleggen', async () => {
      await this.#db.prepare(SQL.acknowledge).bind(id, leaseToken).run();
    });
  }

  fail(id: string, leaseToken: string, outcome: { error: string; retryAt?: number; dead?: boolean }): Promise<void> {
    return this.#run('mislukte aflevering vastleggen', async () => {
      await this.#db
        .prepare(SQL.fail)
        .bind(...failValues(id, leaseToken, outcome))
        .run();
    });
  }

  oldestPendingHour(): Promise<string | null> {
    return this.#run('wachtrij tonen', async () => {
      const { results } = await this.#db
        .prepare(`SELECT MIN(json_extract(payload, '$.timestamp')) AS hour FROM outbox WHERE state = 'pending'`)
        .all<{ hour: string | null }>();
      return results[0]?.hour ?? null;
    });
  }

  list(state?: EntryState): Promise<OutboxListing[]> {
    return this.#run('wachtrij tonen', async () => {
      const { results } = await (state ? this.#db.prepare(SQL.listState).bind(state) : this.#db.prepare(SQL.list)).all<OutboxRow>();
      return listings(results);
    });
  }

  outboxSize(): Promise<number> {
    return this.#run('meldingen tellen', async () => Number((await this.#db.prepare(SQL.outboxSize).all<{ n: number }>()).results[0]?.n ?? 0));
  }

  retry(id?: string): Promise<number> {
    return this.#run('opnieuw proberen', async () => {
      const result = await (id ? this.#db.prepare(SQL.retryOne).bind(id) : this.#db.prepare(SQL.retryAll)).run();
      return Number(result.meta.changes ?? 0);
    });
  }

  openReceipt(lookup: string, take: boolean, now = Date.now()): Promise<string | undefined> {
    const nowSec = nowSeconds(now);
    return this.#run('ontvangstbewijs openen', async () => {
      const [, found] = await this.#db.batch<{ sealed: string }>([
        this.#db.prepare(SQL.forgetReceipts).bind(nowSec),
        this.#db.prepare(take ? SQL.takeReceipt : SQL.peekReceipt).bind(lookup, nowSec),
      ]);
      return found.results[0]?.sealed;
    });
  }

  useOnce(key: string, expiresAt: number, now = Date.now()): Promise<boolean> {
    const nowSec = nowSeconds(now);
    return this.#run('sleutel gebruiken', async () => {
      // Forget expired keys, then insert: a row comes back when the key was new (or had expired).
      const [, used] = await this.#db.batch<{ one: number }>([
        this.#db.prepare(SQL.forgetUsedKeys).bind(nowSec),
        this.#db
          .prepare(
            `INSERT INTO used_keys (key, expires_at) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE used_keys.expires_at < ?3
             RETURNING 1 AS one`,
          )
          .bind(key, expiresAt, nowSec),
      ]);
      return used.results.length === 1;
    });
  }

  hit(window: SlidingWindowHit, now = Date.now()): Promise<boolean> {
    const nowSec = nowSeconds(now);
    return this.#run('inzending tellen', async () => {
      // The check and the count are one statement: nothing can count in between. The SELECT
      // yields a row only while previous × weight + current + 1 stays within the limit; without
      // a row nothing is inserted or updated, and nothing comes back.
      const [, counted] = await this.#db.batch<{ count: number }>([
        this.#db.prepare(SQL.forgetRateCounts).bind(nowSec),
        this.#db
          .prepare(
            `INSERT INTO rate_counts (key, count, expires_at)
             SELECT ?1, 1, ?2
             WHERE coalesce((SELECT count FROM rate_counts WHERE key = ?3 AND expires_at >= ?4), 0) * ?5
                 + coalesce((SELECT count FROM rate_counts WHERE key = ?1 AND expires_at >= ?4), 0) + 1 <= ?6 + 1e-9
             ON CONFLICT (key) DO UPDATE SET
               count = CASE WHEN rate_counts.expires_at < ?4 THEN 1 ELSE rate_counts.count + 1 END,
               expires_at = CASE WHEN rate_counts.expires_at < ?4 THEN excluded.expires_at ELSE rate_counts.expires_at END
             RETURNING count`,
          )
          .bind(window.current, window.expiresAt, window.previous, nowSec, window.previousWeight, window.limit),
      ]);
      return counted.results.length === 1;
    });
  }

  async close(): Promise<void> {
    // The binding belongs to the Worker; there is nothing to release.
    this.#closed = true;
  }
}
