/**
 * The SQLite report store itself: synchronous, through node:sqlite. It runs inside a worker
 * thread (./sqlite-worker.ts), never on the thread that serves pages, so a lock held by a
 * backup or an operator's command can slow down reports but never a page.
 *
 * Durability: WAL with synchronous=FULL, so a commit survives a crash or power loss.
 * No trace: secure_delete overwrites deleted rows, and after a delivery the WAL is folded back
 * and truncated (wal_checkpoint(TRUNCATE)); a checkpoint that a reader blocks is retried until it
 * succeeds. Files are created 0600 in a 0700 folder: they hold reports.
 */
import { DatabaseSync } from 'node:sqlite';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Claim, EnqueueExtras, EntryState, Mailbox, MailboxMessage, NewReport, OutboxListing, OutboxRow, SlidingWindowHit } from './port.ts';
import { nowSeconds, toEntry } from './port.ts';

/** Schema versions, applied in order; PRAGMA user_version records how far a file is. */
const MIGRATIONS = [
  // 1: the outbox (compatible with files written before versioning) and the shared abuse state.
  `CREATE TABLE IF NOT EXISTS outbox (
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
   CREATE TABLE used_keys (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE INDEX used_keys_expiry ON used_keys (expires_at);
   CREATE TABLE rate_counts (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE INDEX rate_counts_expiry ON rate_counts (expires_at);`,
  // 2: follow-up conversations, found by the receipt code's lookup id; messages are sealed.
  `CREATE TABLE mailboxes (
     lookup TEXT PRIMARY KEY,
     report_id TEXT NOT NULL UNIQUE,
     wrapped_identity TEXT NOT NULL,
     created_day TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX mailboxes_expiry ON mailboxes (expires_at);
   CREATE TABLE mailbox_messages (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     report_id TEXT NOT NULL REFERENCES mailboxes (report_id) ON DELETE CASCADE,
     sender TEXT NOT NULL CHECK (sender IN ('intake', 'reporter')),
     sealed TEXT NOT NULL,
     day TEXT NOT NULL
   );
   CREATE INDEX mailbox_messages_report ON mailbox_messages (report_id);`,
  // 3: 'status' messages (report.status from the intake desk); SQLite cannot alter a CHECK, so the table is rebuilt.
  `CREATE TABLE mailbox_messages_3 (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     report_id TEXT NOT NULL REFERENCES mailboxes (report_id) ON DELETE CASCADE,
     sender TEXT NOT NULL CHECK (sender IN ('intake', 'reporter', 'status')),
     sealed TEXT NOT NULL,
     day TEXT NOT NULL
   );
   INSERT INTO mailbox_messages_3 (seq, report_id, sender, sealed, day) SELECT seq, report_id, sender, sealed, day FROM mailbox_messages;
   DROP TABLE mailbox_messages;
   ALTER TABLE mailbox_messages_3 RENAME TO mailbox_messages;
   CREATE INDEX mailbox_messages_report ON mailbox_messages (report_id);`,
];


/** Creates the folder (0700) and the database files (0600) before SQLite does, or tightens them. */
export function prepareFiles(file: string) {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  // SQLite gives -wal and -shm the mode of the database file; older files may be 0644.
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
}

export class SqliteReportDatabase {
  readonly #db: DatabaseSync;
  /** A delivery left pages in the WAL that a checkpoint has not removed yet. */
  needsCheckpoint = false;

  constructor(file: string, { busyTimeoutMs = 1000 } = {}) {
    prepareFiles(file);
    this.#db = new DatabaseSync(file);
    // The busy timeout first: switching to WAL briefly needs a lock another process may hold.
    this.#db.exec(`
      PRAGMA busy_timeout = ${Math.floor(busyTimeoutMs)};
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA secure_delete = ON;
      PRAGMA foreign_keys = ON;
    `);
    this.#migrate();
  }

  #migrate() {
    // Read and raise the version under the write lock: replicas may start at the same moment.
    this.#transaction(() => {
      const version = (this.#db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
      for (let v = version; v < MIGRATIONS.length; v++) this.#db.exec(MIGRATIONS[v]);
      if (version < MIGRATIONS.length) this.#db.exec(`PRAGMA user_version = ${MIGRATIONS.length}`);
    });
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  enqueue(report: NewReport, extras: EnqueueExtras = {}): void {
    this.#transaction(() => {
      // next_attempt_at 0 = due now, so the row holds no time of receipt.
      // reference_code is a column from before receipt codes were secret: it holds the id.
      this.#db.prepare('INSERT INTO outbox (id, reference_code, payload) VALUES (?, ?, ?)').run(report.id, report.id, report.payload);
      const { mailbox, message } = extras;
      if (mailbox) {
        this.#db
          .prepare('INSERT INTO mailboxes (lookup, report_id, wrapped_identity, created_day, expires_at) VALUES (?, ?, ?, ?, ?)')
          .run(mailbox.lookup, mailbox.reportId, mailbox.wrappedIdentity, mailbox.createdDay, mailbox.expiresAt);
      }
      if (message && !this.#addMessage(message.reportId, message.message, message.expiresAt, Date.now())) {
        throw new Error('Dit gesprek bestaat niet (meer).');
      }
    });
  }

  findMailbox(lookup: string, now = Date.now()): Mailbox | undefined {
    const row = this.#db
      .prepare('SELECT report_id, wrapped_identity, created_day, expires_at FROM mailboxes WHERE lookup = ? AND expires_at >= ?')
      .get(lookup, nowSeconds(now)) as { report_id: string; wrapped_identity: string; created_day: string; expires_at: number } | undefined;
    if (!row) return undefined;
    const messages = this.#db
      .prepare('SELECT sender, sealed, day FROM mailbox_messages WHERE report_id = ? ORDER BY seq')
      .all(row.report_id) as { sender: MailboxMessage['from']; sealed: string; day: string }[];
    return {
      reportId: row.report_id,
      wrappedIdentity: row.wrapped_identity,
      createdDay: row.created_day,
      expiresAt: row.expires_at,
      messages: messages.map((m) => ({ from: m.sender, sealed: m.sealed, day: m.day })),
    };
  }

  addMessage(reportId: string, message: MailboxMessage, expiresAt: number, now = Date.now()): boolean {
    return this.#transaction(() => this.#addMessage(reportId, message, expiresAt, now));
  }

  #addMessage(reportId: string, message: MailboxMessage, expiresAt: number, now: number): boolean {
    const live = this.#db.prepare('UPDATE mailboxes SET expires_at = ? WHERE report_id = ? AND expires_at >= ?').run(expiresAt, reportId, nowSeconds(now));
    if (Number(live.changes) === 0) return false;
    this.#db.prepare('INSERT INTO mailbox_messages (report_id, sender, sealed, day) VALUES (?, ?, ?, ?)').run(reportId, message.from, message.sealed, message.day);
    return true;
  }

  purgeMailboxes(now = Date.now()): number {
    // Messages go with their mailbox (ON DELETE CASCADE); secure_delete overwrites both.
    const result = this.#db.prepare('DELETE FROM mailboxes WHERE expires_at < ?').run(nowSeconds(now));
    if (Number(result.changes) > 0) this.needsCheckpoint = true;
    return Number(result.changes);
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
         RETURNING id, payload, state, attempts, next_attempt_at, last_error`,
      )
      .all(leaseToken, now + leaseMs, now, now, limit) as unknown as OutboxRow[];
    return rows.map((row) => ({ ...toEntry(row), leaseToken }));
  }

  acknowledge(id: string, leaseToken: string): void {
    const result = this.#db.prepare('DELETE FROM outbox WHERE id = ? AND lease_token = ?').run(id, leaseToken);
    if (Number(result.changes) > 0) this.needsCheckpoint = true;
  }

  /**
   * Folds the WAL back into the database and truncates it, so the overwritten pages of a
   * delivered report leave the log too. Returns false when a reader blocked it (try again later).
   */
  checkpoint(): boolean {
    const result = this.#db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get() as { busy: number };
    this.needsCheckpoint = result.busy !== 0;
    return !this.needsCheckpoint;
  }

  fail(id: string, leaseToken: string, outcome: { error: string; retryAt?: number; dead?: boolean }): void {
    this.#db
      .prepare(
        `UPDATE outbox SET attempts = attempts + 1, last_error = ?, state = ?, next_attempt_at = ?,
           lease_token = NULL, lease_until = 0
         WHERE id = ? AND lease_token = ?`,
      )
      .run(outcome.error.slice(0, 300), outcome.dead ? 'dead' : 'pending', outcome.dead ? 0 : (outcome.retryAt ?? 0), id, leaseToken);
  }

  list(state?: EntryState): OutboxListing[] {
    const columns = 'id, state, attempts, next_attempt_at, last_error';
    const rows = (
      state
        ? this.#db.prepare(`SELECT ${columns} FROM outbox WHERE state = ? ORDER BY rowid`).all(state)
        : this.#db.prepare(`SELECT ${columns} FROM outbox ORDER BY rowid`).all()
    ) as unknown as OutboxRow[];
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

  useOnce(key: string, expiresAt: number, now = Date.now()): boolean {
    return this.#transaction(() => {
      this.#db.prepare('DELETE FROM used_keys WHERE expires_at < ?').run(nowSeconds(now));
      const result = this.#db.prepare('INSERT INTO used_keys (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, expiresAt);
      return Number(result.changes) === 1;
    });
  }

  hit(window: SlidingWindowHit, now = Date.now()): boolean {
    return this.#transaction(() => {
      this.#db.prepare('DELETE FROM rate_counts WHERE expires_at < ?').run(nowSeconds(now));
      const count = (key: string) => (this.#db.prepare('SELECT count FROM rate_counts WHERE key = ?').get(key) as { count: number } | undefined)?.count ?? 0;
      if (count(window.previous) * window.previousWeight + count(window.current) + 1 > window.limit + 1e-9) return false;
      this.#db
        .prepare('INSERT INTO rate_counts (key, count, expires_at) VALUES (?, 1, ?) ON CONFLICT (key) DO UPDATE SET count = count + 1')
        .run(window.current, window.expiresAt);
      return true;
    });
  }

  close(): void {
    if (this.needsCheckpoint) {
      try {
        this.checkpoint();
      } catch {
        // Closing anyway; the next start retries the checkpoint.
      }
    }
    this.#db.close();
  }
}
