/**
 * The statements both SQLite stores run word for word: the embedded one (sqlite-database.ts,
 * node:sqlite) and D1 (d1.ts). Parameters are numbered (?1, ?2 …), which both bind in order.
 * What only one of them needs (SQLite's transactions, D1's batches with a LIVE condition)
 * stays in its own file. The schema is in ./migrations/*.sql, read by both.
 *
 * PostgreSQL runs the operator statements (acknowledge, fail, list, retry) too, through
 * inPostgres(): $1 for ?1, and its `seq` column for SQLite's rowid.
 */
export const SQL = {
  /** next_attempt_at 0 = due now, so the row holds no time of receipt. */
  enqueue: 'INSERT INTO outbox (id, payload) VALUES (?1, ?2)',
  addMailbox: 'INSERT INTO mailboxes (lookup, report_id, wrapped_identity, created_day, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)',
  /** A live conversation by its lookup id (?1) at unix second ?2. */
  findMailbox: 'SELECT report_id, wrapped_identity, created_day, expires_at FROM mailboxes WHERE lookup = ?1 AND expires_at >= ?2',
  /** Moves the expiry (?1) of report ?2's conversation while it is live at unix second ?3. */
  extendMailbox: 'UPDATE mailboxes SET expires_at = ?1 WHERE report_id = ?2 AND expires_at >= ?3',
  purgeMailboxes: 'DELETE FROM mailboxes WHERE expires_at < ?1',
  /**
   * One UPDATE … RETURNING takes the write lock, so two claimers never lease the same row.
   * RETURNING has no order: claimedInOrder() (port.ts) sorts what comes back as the subquery chose it.
   */
  claim: `UPDATE outbox SET lease_token = ?1, lease_until = ?2
          WHERE id IN (
            SELECT id FROM outbox
            WHERE state = 'pending' AND next_attempt_at <= ?3 AND lease_until <= ?3
            ORDER BY next_attempt_at, rowid LIMIT ?4)
          RETURNING rowid AS seq, id, payload, state, attempts, next_attempt_at, last_error`,
  acknowledge: 'DELETE FROM outbox WHERE id = ?1 AND lease_token = ?2',
  fail: `UPDATE outbox SET attempts = attempts + 1, last_error = ?1, state = ?2, next_attempt_at = ?3,
           lease_token = NULL, lease_until = 0
         WHERE id = ?4 AND lease_token = ?5`,
  list: 'SELECT id, state, attempts, next_attempt_at, last_error FROM outbox ORDER BY rowid',
  listState: 'SELECT id, state, attempts, next_attempt_at, last_error FROM outbox WHERE state = ?1 ORDER BY rowid',
  retryOne: `UPDATE outbox SET state = 'pending', next_attempt_at = 0, attempts = 0 WHERE id = ?1 AND state = 'dead'`,
  retryAll: `UPDATE outbox SET state = 'pending', next_attempt_at = 0, attempts = 0 WHERE state = 'dead'`,
  forgetUsedKeys: 'DELETE FROM used_keys WHERE expires_at < ?1',
  forgetRateCounts: 'DELETE FROM rate_counts WHERE expires_at < ?1',
} as const;

/** A statement of SQL for PostgreSQL: numbered parameters as $n, and the outbox's seq column for rowid. */
export const inPostgres = (statement: string) => statement.replace(/\?(\d+)/g, '$$$1').replace(/\browid\b/g, 'seq');
