/**
 * The durable outbox between intake and relay. A report is accepted only once it is committed
 * here; it leaves only when the intake endpoint confirmed delivery (acknowledge) or an operator
 * gives up on it. SQLite through node:sqlite, WAL with synchronous=FULL so a commit survives a
 * crash or power loss, and secure_delete so a delivered report is overwritten, not just unlinked.
 *
 * The Outbox interface is what intake and relay use; a PostgreSQL outbox for multi-instance
 * deployments can implement it without touching either.
 */
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface NewReport {
  /** Stable id, sent as webhook-id on every attempt. */
  id: string;
  /** Reference code shown to the reporter. */
  referenceCode: string;
  /** The JSON body forwarded to the intake endpoint, exactly as it will be sent. */
  payload: string;
}

export type EntryState = 'pending' | 'dead';

export interface OutboxEntry extends NewReport {
  state: EntryState;
  attempts: number;
  /** Unix ms before which the relay must not try again. */
  nextAttemptAt: number;
  lastError: string | null;
}

export interface Claim extends OutboxEntry {
  /** Proof of the lease: fail() and acknowledge() are ignored when another worker took over. */
  leaseToken: string;
}

export interface Outbox {
  /** Stores a report durably; resolves only after the commit is on disk. */
  enqueue(report: NewReport): void;
  /** Leases up to `limit` due entries for `leaseMs`; no other claimer gets them meanwhile. */
  claim(limit: number, leaseMs: number, now?: number): Claim[];
  /** Delivered: the entry is deleted (and overwritten on disk). */
  acknowledge(id: string, leaseToken: string): void;
  /** Not delivered: retry at `retryAt`, or move to the dead letters when `dead`. */
  fail(id: string, leaseToken: string, outcome: { error: string; retryAt?: number; dead?: boolean }): void;
  /** Entries for operators, without their content. */
  list(state?: EntryState): Omit<OutboxEntry, 'payload'>[];
  /** Puts a dead entry (or all of them) back in the queue for an immediate attempt. */
  retry(id?: string): number;
  close(): void;
}

interface Row {
  id: string;
  reference_code: string;
  payload: string;
  state: EntryState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
}

const toEntry = (row: Row): OutboxEntry => ({
  id: row.id,
  referenceCode: row.reference_code,
  payload: row.payload,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
});

export class SqliteOutbox implements Outbox {
  readonly #db: DatabaseSync;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA secure_delete = ON;
      PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS outbox (
        id TEXT PRIMARY KEY,
        reference_code TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        lease_token TEXT,
        lease_until INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      );
      CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt_at);
    `);
  }

  enqueue(report: NewReport): void {
    // next_attempt_at 0 = due now, so the row holds no precise time of receipt.
    this.#db
      .prepare('INSERT INTO outbox (id, reference_code, payload) VALUES (?, ?, ?)')
      .run(report.id, report.referenceCode, report.payload);
  }

  claim(limit: number, leaseMs: number, now = Date.now()): Claim[] {
    const leaseToken = randomBytes(12).toString('hex');
    // One UPDATE … RETURNING takes the write lock, so two processes never lease the same row.
    const rows = this.#db
      .prepare(
        `UPDATE outbox SET lease_token = ?, lease_until = ?
         WHERE id IN (
           SELECT id FROM outbox
           WHERE state = 'pending' AND next_attempt_at <= ? AND lease_until <= ?
           ORDER BY next_attempt_at LIMIT ?)
         RETURNING id, reference_code, payload, state, attempts, next_attempt_at, last_error`,
      )
      .all(leaseToken, now + leaseMs, now, now, limit) as unknown as Row[];
    return rows.map((row) => ({ ...toEntry(row), leaseToken }));
  }

  acknowledge(id: string, leaseToken: string): void {
    this.#db.prepare('DELETE FROM outbox WHERE id = ? AND lease_token = ?').run(id, leaseToken);
    // Fold the WAL back into the database so the deleted (overwritten) pages leave the log too.
    this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  fail(id: string, leaseToken: string, outcome: { error: string; retryAt?: number; dead?: boolean }): void {
    this.#db
      .prepare(
        `UPDATE outbox SET attempts = attempts + 1, last_error = ?, state = ?, next_attempt_at = ?,
           lease_token = NULL, lease_until = 0
         WHERE id = ? AND lease_token = ?`,
      )
      .run(outcome.error.slice(0, 300), outcome.dead ? 'dead' : 'pending', outcome.retryAt ?? 0, id, leaseToken);
  }

  list(state?: EntryState): Omit<OutboxEntry, 'payload'>[] {
    const rows = (
      state
        ? this.#db.prepare('SELECT * FROM outbox WHERE state = ? ORDER BY rowid').all(state)
        : this.#db.prepare('SELECT * FROM outbox ORDER BY rowid').all()
    ) as unknown as Row[];
    return rows.map((row) => {
      const { payload: _payload, ...entry } = toEntry(row);
      return entry;
    });
  }

  retry(id?: string): number {
    const result = id
      ? this.#db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = 0, attempts = 0 WHERE id = ? AND state = 'dead'`).run(id)
      : this.#db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = 0, attempts = 0 WHERE state = 'dead'`).run();
    return Number(result.changes);
  }

  close(): void {
    this.#db.close();
  }
}
