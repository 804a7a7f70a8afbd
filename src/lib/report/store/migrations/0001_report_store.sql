-- The report store on Cloudflare D1 (src/lib/report/store/d1.ts): the same tables as the
-- embedded SQLite store (sqlite-database.ts, schema version 1). Applied by
-- `wrangler d1 migrations apply`, or by the Worker itself at first use; both record it in
-- d1_migrations, and every statement is idempotent, so applying it twice changes nothing.
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
CREATE TABLE IF NOT EXISTS used_keys (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS used_keys_expiry ON used_keys (expires_at);
CREATE TABLE IF NOT EXISTS rate_counts (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rate_counts_expiry ON rate_counts (expires_at);
