-- 'status' messages: report.status from the intake desk (the handling status the reporter sees).
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt with its rows and their seq
-- (https://www.sqlite.org/lang_altertable.html#otheralter).
CREATE TABLE mailbox_messages_next (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id TEXT NOT NULL REFERENCES mailboxes (report_id) ON DELETE CASCADE,
  sender TEXT NOT NULL CHECK (sender IN ('intake', 'reporter', 'status')),
  sealed TEXT NOT NULL,
  day TEXT NOT NULL
);
INSERT INTO mailbox_messages_next (seq, report_id, sender, sealed, day)
  SELECT seq, report_id, sender, sealed, day FROM mailbox_messages;
DROP TABLE mailbox_messages;
ALTER TABLE mailbox_messages_next RENAME TO mailbox_messages;
CREATE INDEX mailbox_messages_report ON mailbox_messages (report_id);
