/**
 * The SQLite report store itself: synchronous, through node:sqlite. Its schema (./migrations/)
 * and its statements (./sql.ts) are D1's too. It runs inside a worker
 * thread (./sqlite-worker.ts), never on the thread that serves pages, so a lock held by a
 * backup or an operator's command can slow down reports but never a page.
 *
 * Durability: WAL with synchronous=FULL, so a commit survives a crash or power loss.
 * No trace: secure_delete overwrites deleted rows, and after a delivery the WAL is folded back
 * and truncated (wal_checkpoint(TRUNCATE)); a checkpoint that a reader blocks is retried until it
 * succeeds. Files are created 0600 in a 0700 folder: they hold reports.
 */
import { DatabaseSync } from 'node:sqlite';
import { immediateTransaction } from './sqlite-transaction.ts';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Claim, EnqueueExtras, EntryState, Mailbox, MailboxMessage, NewReport, OutboxListing, OutboxRow, SlidingWindowHit } from './port.ts';
import { claimedInOrder, claimValues, failValues, listings, nowSeconds, toEntry } from './port.ts';
import { SQL } from './sql.ts';

/**
 * Schema versions, applied in order: the files in ./migrations/, shared with D1. PRAGMA
 * user_version records how many a database file has had (the first two match the versions
 * written before the files were shared).
 */
const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
export const MIGRATIONS = readdirSync(MIGRATIONS_DIR)
  .filter((name) => name.endsWith('.sql'))
  .sort()
  .map((name) => readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8'));

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
    return immediateTransaction(this.#db, work);
  }

  enqueue(report: NewReport, extras: EnqueueExtras = {}): void {
    this.#transaction(() => {
      this.#db.prepare(SQL.enqueue).run(report.id, report.payload);
      const { mailbox, message, receipt } = extras;
      if (mailbox) {
        this.#db.prepare(SQL.addMailbox).run(mailbox.lookup, mailbox.reportId, mailbox.wrappedIdentity, mailbox.createdDay, mailbox.expiresAt);
      }
      if (receipt) this.#db.prepare(SQL.addReceipt).run(receipt.lookup, receipt.sealed, receipt.expiresAt);
      if (message && !this.#addMessage(message.reportId, message.message, message.expiresAt, Date.now())) {
        throw new Error('Dit gesprek bestaat niet (meer).');
      }
    });
  }

  findMailbox(lookup: string, now = Date.now()): Mailbox | undefined {
    const row = this.#db.prepare(SQL.findMailbox).get(lookup, nowSeconds(now)) as
      | { report_id: string; wrapped_identity: string; created_day: string; expires_at: number }
      | undefined;
    if (!row) return undefined;
    const messages = this.#db.prepare('SELECT sender, sealed, day FROM mailbox_messages WHERE report_id = ? ORDER BY seq').all(row.report_id) as {
      sender: MailboxMessage['from'];
      sealed: string;
      day: string;
    }[];
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
    const live = this.#db.prepare(SQL.extendMailbox).run(expiresAt, reportId, nowSeconds(now));
    if (Number(live.changes) === 0) return false;
    this.#db
      .prepare('INSERT INTO mailbox_messages (report_id, sender, sealed, day) VALUES (?, ?, ?, ?)')
      .run(reportId, message.from, message.sealed, message.day);
    return true;
  }

  purgeMailboxes(now = Date.now()): number {
    // Messages go with their mailbox (ON DELETE CASCADE); secure_delete overwrites both.
    const result = this.#db.prepare(SQL.purgeMailboxes).run(nowSeconds(now));
    if (Number(result.changes) > 0) this.needsCheckpoint = true;
    return Number(result.changes);
  }

  claim(limit: number, leaseMs: number, now = Date.now()): Claim[] {
    const leaseToken = randomBytes(12).toString('hex');
    const rows = this.#db.prepare(SQL.claim).all(...claimValues(leaseToken, limit, leaseMs, now)) as unknown as (OutboxRow & { seq: number })[];
    return claimedInOrder(rows).map((row) => ({ ...toEntry(row), leaseToken }));
  }

  acknowledge(id: string, leaseToken: string): void {
    const result = this.#db.prepare(SQL.acknowledge).run(id, leaseToken);
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
    this.#db.prepare(SQL.fail).run(...failValues(id, leaseToken, outcome));
  }

  list(state?: EntryState): OutboxListing[] {
    const rows = (state ? this.#db.prepare(SQL.listState).all(state) : this.#db.prepare(SQL.list).all()) as unknown as OutboxRow[];
    return listings(rows);
  }

  outboxSize(): number {
    return Number((this.#db.prepare(SQL.outboxSize).get() as { n: number }).n);
  }

  oldestPendingHour(): string | null {
    const row = this.#db.prepare(`SELECT MIN(json_extract(payload, '$.timestamp')) AS hour FROM outbox WHERE state = 'pending'`).get() as {
      hour: string | null;
    };
    return row.hour ?? null;
  }

  retry(id?: string): number {
    const result = id ? this.#db.prepare(SQL.retryOne).run(id) : this.#db.prepare(SQL.retryAll).run();
    return Number(result.changes);
  }

  openReceipt(lookup: string, take: boolean, now = Date.now()): string | undefined {
    return this.#transaction(() => {
      const forgotten = Number(this.#db.prepare(SQL.forgetReceipts).run(nowSeconds(now)).changes);
      const row = this.#db.prepare(take ? SQL.takeReceipt : SQL.peekReceipt).get(lookup, nowSeconds(now)) as { sealed: string } | undefined;
      // A taken receipt must leave the WAL too: the link's key would open the old page there.
      if (forgotten > 0 || (take && row)) this.needsCheckpoint = true;
      return row?.sealed;
    });
  }

  useOnce(key: string, expiresAt: number, now = Date.now()): boolean {
    return this.#transaction(() => {
      this.#db.prepare(SQL.forgetUsedKeys).run(nowSeconds(now));
      const result = this.#db.prepare('INSERT INTO used_keys (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, expiresAt);
      return Number(result.changes) === 1;
    });
  }

  hit(window: SlidingWindowHit, now = Date.now()): boolean {
    return this.#transaction(() => {
      this.#db.prepare(SQL.forgetRateCounts).run(nowSeconds(now));
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
