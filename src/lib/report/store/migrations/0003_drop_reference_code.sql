-- The outbox without reference_code, a column from before receipt codes were secret (it held
-- the report id a second time). SQLite cannot drop a UNIQUE column, so the table is rebuilt
-- (https://www.sqlite.org/lang_altertable.html#otheralter): a database that never had the
-- column is copied as it is. The rows keep their order, which the operator listing follows.
CREATE TABLE outbox_next (
  id TEXT PRIMARY KEY,
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  lease_token TEXT,
  lease_until INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
INSERT INTO outbox_next (id, payload, state, attempts, next_attempt_at, lease_token, lease_until, last_error)
  SELECT id, payload, state, attempts, next_attempt_at, lease_token, lease_until, last_error FROM outbox ORDER BY rowid;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
