-- The report store's schema in SQLite's dialect, one file per version, read by both SQLite
-- stores: the embedded one (sqlite-database.ts; PRAGMA user_version counts the files applied)
-- and Cloudflare D1 (d1.ts; applied by `wrangler d1 migrations apply` or by the Worker at first
-- use, both recorded in d1_migrations). PostgreSQL keeps its own DDL (postgres.ts); a test
-- fails when its tables or columns drift from these (tests/integration/postgres-store.test.ts).
-- Every statement here is idempotent, and files written before schema versions existed (an outbox
-- table only) pass through it unchanged.
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY,
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
