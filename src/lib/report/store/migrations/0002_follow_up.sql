-- Follow-up conversations: found by the receipt code's lookup id; every message is sealed, so
-- the server cannot read them. Idempotent, like 0001.
CREATE TABLE IF NOT EXISTS mailboxes (
  lookup TEXT PRIMARY KEY,
  report_id TEXT NOT NULL UNIQUE,
  wrapped_identity TEXT NOT NULL,
  created_day TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mailboxes_expiry ON mailboxes (expires_at);
CREATE TABLE IF NOT EXISTS mailbox_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id TEXT NOT NULL REFERENCES mailboxes (report_id) ON DELETE CASCADE,
  sender TEXT NOT NULL CHECK (sender IN ('intake', 'reporter')),
  sealed TEXT NOT NULL,
  day TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mailbox_messages_report ON mailbox_messages (report_id);
