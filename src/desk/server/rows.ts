/**
 * Database rows to the store's types, shared by the SQLite and PostgreSQL stores (same column
 * names; SQLite gives numbers and 0/1, PostgreSQL bigint as text and booleans).
 */
import type { AuditRow, Case, CasePageQuery, Credential, ListedCase, Outgoing, ReplyTemplate, Rotation, RotationResult, StoredEvent } from './store.ts';

export type Row = Record<string, unknown>;

export const toCase = (row: Row, readBy: string[]): Case => ({
  reportId: row.report_id as string,
  receivedDay: row.received_day as string,
  status: row.status as Case['status'],
  closingReason: row.closing_reason as string | null,
  ackDue: row.ack_due as string,
  feedbackDue: row.feedback_due as string,
  acknowledgedDay: row.acknowledged_day as string | null,
  assignee: row.assignee as string | null,
  replyRecipient: row.reply_recipient as string,
  newAnswer: row.new_answer === true || row.new_answer === 1,
  readBy,
});

export const toAudit = (row: Row): AuditRow => ({
  seq: Number(row.seq),
  at: row.at as string,
  actor: row.actor as string,
  action: row.action as string,
  subject: row.subject as string,
  prevHash: row.prev_hash as string,
  hash: row.hash as string,
});

export const toEvent = (row: Row): StoredEvent => ({
  webhookId: row.webhook_id as string,
  type: row.type as StoredEvent['type'],
  reportId: row.report_id as string,
  body: row.body as string,
  receivedDay: row.received_day as string,
});

export const toOutgoing = (row: Row): Outgoing => ({
  kind: row.kind as Outgoing['kind'],
  reportId: row.report_id as string,
  sealed: row.sealed as string,
  day: row.day as string,
  memberId: row.member_id as string,
});

export const toCredential = (row: Row): Credential => ({
  id: row.id as string,
  memberId: row.member_id as string,
  publicKey: row.public_key as string,
  counter: Number(row.counter),
  transports: JSON.parse(row.transports as string) as string[],
  wrappedIdentity: row.wrapped_identity as string | null,
  recipient: row.recipient as string | null,
  label: (row.label as string | null | undefined) ?? null,
  createdDay: (row.created_day as string | null | undefined) ?? null,
});

/** A passkey as the team view shows it: has it the key, or is it waiting for a colleague to give it. */
export const credentialState = (row: Row) => ({
  id: row.id as string,
  hasKey: row.wrapped_identity !== null,
  waiting: row.wrapped_identity === null && row.recipient !== null,
  recipient: row.recipient as string | null,
});

const CASE_COLUMNS = { status: 'status', closingReason: 'closing_reason', acknowledgedDay: 'acknowledged_day', assignee: 'assignee' } as const;

/** The columns and values of a case change, for an UPDATE; `placeholder(i)` is ? or $i. */
export function caseChange(change: Partial<Pick<Case, 'status' | 'closingReason' | 'acknowledgedDay' | 'assignee'>>, placeholder: (i: number) => string) {
  const entries = Object.entries(change).filter(([, v]) => v !== undefined) as [keyof typeof CASE_COLUMNS, string | null][];
  return { set: entries.map(([k], i) => `${CASE_COLUMNS[k]} = ${placeholder(i + 1)}`).join(', '), values: entries.map(([, v]) => v), count: entries.length };
}

/**
 * What removing a member deletes, in this order, with the member's id as $1. Explicit rather than
 * left to ON DELETE CASCADE: the wrapped key copies must go even where foreign keys are off.
 * Cases they were assigned become unassigned; who read what and who wrote what stay (history).
 */
export const REMOVE_MEMBER = [
  'DELETE FROM sessions WHERE member_id = $1',
  'DELETE FROM credentials WHERE member_id = $1',
  'DELETE FROM invitations WHERE member_id = $1',
  'UPDATE cases SET assignee = NULL WHERE assignee = $1',
  'DELETE FROM members WHERE id = $1',
];

export const toTemplate = (row: Row): ReplyTemplate => ({ id: row.id as string, sealed: row.sealed as string, day: row.day as string });

/** The settings key that says the shipped default templates were stored once. */
export const TEMPLATES_SEEDED = 'templates_seeded';

/**
 * Migration steps for desks made before a column existed, as [table, column, type]: each store
 * adds what its table lacks (SQLite has no ADD COLUMN IF NOT EXISTS).
 */
export const ADDED_COLUMNS: [table: string, column: string, type: string][] = [
  ['credentials', 'label', 'TEXT'],
  ['credentials', 'created_day', 'TEXT'],
];

/** What a rotation did to the passkeys there were (`ids`): how many got a new copy, which lost theirs. */
export const rotationResult = (ids: string[], rotation: Rotation): RotationResult => ({
  rotated: { sealed: ids.filter((id) => rotation.copies[id]).length, cleared: ids.filter((id) => !rotation.copies[id]) },
});

/**
 * The indexes a case page (casePageSql) walks, newest first: one for the whole inbox and one for
 * the cases with (or without) an unread answer. Created when a store opens, so older desks get
 * them too.
 */
export const CASE_INDEXES = `
CREATE INDEX IF NOT EXISTS cases_order ON cases (received_day, report_id);
CREATE INDEX IF NOT EXISTS cases_answered ON cases (new_answer, received_day, report_id);
`;

/**
 * One page of cases with their report's body (the same SQL in both stores; `placeholder(i)` is ?
 * or $i, `flag` the engine's boolean). The cursor is a row-value comparison on the indexed
 * columns, so every page is an index seek: page 200 costs what page 1 costs, unlike OFFSET.
 */
export function casePageSql(query: CasePageQuery, placeholder: (i: number) => string, flag: (value: boolean) => unknown) {
  const values: unknown[] = [];
  const value = (v: unknown) => {
    values.push(v);
    return placeholder(values.length);
  };
  const where: string[] = [];
  if (query.newAnswer !== undefined) where.push(`c.new_answer = ${value(flag(query.newAnswer))}`);
  if (query.after) where.push(`(c.received_day, c.report_id) < (${value(query.after.receivedDay)}, ${value(query.after.reportId)})`);
  const text = `SELECT c.*, e.body FROM cases c LEFT JOIN events e ON e.report_id = c.report_id AND e.type = 'report.created'
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.received_day DESC, c.report_id DESC LIMIT ${value(query.limit)}`;
  return { text, values };
}

/** A row of casePageSql with who read it. */
export const toListedCase = (row: Row, readBy: Map<string, string[]>): ListedCase => ({
  ...toCase(row, readBy.get(row.report_id as string) ?? []),
  body: (row.body as string | null) ?? null,
});

/** Report id → the members who read it, from rows of case_reads (ordered by member). */
export function readersOf(rows: Row[]): Map<string, string[]> {
  const byCase = new Map<string, string[]>();
  for (const row of rows) byCase.set(row.report_id as string, [...(byCase.get(row.report_id as string) ?? []), row.member_id as string]);
  return byCase;
}
