-- 'status' messages (report.status from the intake desk; the SQLite store's schema version 3).
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt with its rows and ids.
CREATE TABLE mailbox_messages_3 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id TEXT NOT NULL REFERENCES mailboxes (report_id) ON DELETE CASCADE,
  sender TEXT NOT NULL CHECK (sender IN ('intake', 'reporter', 'status')),
  sealed TEXT NOT NULL,
  day TEXT NOT NULL
);
INSERT INTO mailbox_messages_3 (seq, report_id, sender, sealed, day) SELECT seq, report_id, sender, sealed, day FROM mailbox_messages;
DROP TABLE mailbox_messages;
ALTER TABLE mailbox_messages_3 RENAME TO mailbox_messages;
CREATE INDEX IF NOT EXISTS mailbox_messages_report ON mailbox_messages (report_id);
