-- One-time receipts: the receipt code sealed under a random key that only the reporter's link
-- holds, deleted (secure_delete overwrites it) the first time the page shows it. Found by a
-- keyed hash of the link's id; expires_at is a whole hour. Idempotent, like 0001.
CREATE TABLE IF NOT EXISTS receipts (
  lookup TEXT PRIMARY KEY,
  sealed TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS receipts_expiry ON receipts (expires_at);
