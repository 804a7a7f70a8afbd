/**
 * The embedded desk store: one SQLite file (node:sqlite) in DESK_DATA_DIR, folder 0700 and files
 * 0600, WAL with synchronous=FULL and secure_delete. Volumes are small (tens of reports a year),
 * so the synchronous driver on the serving thread is fine here.
 */
import { DatabaseSync } from 'node:sqlite';
import { immediateTransaction } from '../../lib/report/store/sqlite-transaction.ts';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AuditRow,
  Case,
  CasePageQuery,
  Credential,
  DeskStore,
  Invitation,
  Member,
  MemberWithKeys,
  Outgoing,
  RemoveResult,
  ReplyTemplate,
  Rotation,
  RotationResult,
  Session,
  StoredEvent,
} from './store.ts';
import { newChallengeKey } from './challenges.ts';
import {
  ADDED_COLUMNS,
  CASE_INDEXES,
  caseChange,
  casePageSql,
  credentialState,
  readersOf,
  REMOVE_MEMBER,
  rotationResult,
  toAudit,
  toCase,
  toCredential,
  toEvent,
  toListedCase,
  toOutgoing,
  toTemplate,
  TEMPLATES_SEEDED,
  type Row,
} from './rows.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS members (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('beheerder', 'behandelaar')));
CREATE TABLE IF NOT EXISTS credentials (
  id TEXT PRIMARY KEY, member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  public_key TEXT NOT NULL, counter INTEGER NOT NULL, transports TEXT NOT NULL, wrapped_identity TEXT, recipient TEXT);
CREATE TABLE IF NOT EXISTS invitations (
  token_hash TEXT PRIMARY KEY, member_id TEXT NOT NULL, name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('beheerder', 'behandelaar')), expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS challenges (challenge TEXT PRIMARY KEY, purpose TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  webhook_id TEXT PRIMARY KEY, type TEXT NOT NULL, report_id TEXT NOT NULL, body TEXT NOT NULL, received_day TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_report ON events (report_id);
CREATE TABLE IF NOT EXISTS cases (
  report_id TEXT PRIMARY KEY, received_day TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('nieuw', 'ontvangen', 'in-behandeling', 'wacht-op-melder', 'doorgezet', 'afgesloten')),
  closing_reason TEXT, ack_due TEXT NOT NULL, feedback_due TEXT NOT NULL, acknowledged_day TEXT,
  assignee TEXT, reply_recipient TEXT NOT NULL, new_answer INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS case_reads (report_id TEXT NOT NULL, member_id TEXT NOT NULL, PRIMARY KEY (report_id, member_id));
CREATE TABLE IF NOT EXISTS outgoing (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL CHECK (kind IN ('question', 'note')),
  report_id TEXT NOT NULL, sealed TEXT NOT NULL, day TEXT NOT NULL, member_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS templates (id TEXT PRIMARY KEY, sealed TEXT NOT NULL, day TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
-- Append-only: the database itself refuses to change or remove a row of the log.
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'het logboek kan alleen groeien'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'het logboek kan alleen groeien'); END;
`;

export class SqliteDeskStore implements DeskStore {
  readonly #db: DatabaseSync;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    const file = join(dataDir, 'desk.sqlite');
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    this.#db = new DatabaseSync(file);
    this.#db.exec(`PRAGMA busy_timeout = 2000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;`);
    this.#db.exec(SCHEMA);
    this.#db.exec(CASE_INDEXES);
    this.#db.prepare("INSERT INTO settings (key, value) VALUES ('challenge_key', ?) ON CONFLICT (key) DO NOTHING").run(newChallengeKey());
    this.#migrate();
    for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
  }

  /** Columns added since the first release, for a desk file made before them. */
  #migrate() {
    for (const [table, column, type] of ADDED_COLUMNS) {
      const columns = (this.#db.prepare(`PRAGMA table_info(${table})`).all() as Row[]).map((c) => c.name);
      if (!columns.includes(column)) this.#db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }
  }

  #transaction<T>(work: () => T): T {
    return immediateTransaction(this.#db, work);
  }

  async getSetting(key: string) {
    return (this.#db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined)?.value as string | undefined;
  }
  async setSettings(values: Record<string, string>) {
    this.#transaction(() => {
      const insert = this.#db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      for (const [key, value] of Object.entries(values)) insert.run(key, value);
    });
  }
  async deleteSetting(key: string) {
    this.#db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }

  async addMember(member: Member) {
    this.#db.prepare('INSERT INTO members (id, name, role) VALUES (?, ?, ?)').run(member.id, member.name, member.role);
  }
  async getMember(id: string) {
    const row = this.#db.prepare('SELECT id, name, role FROM members WHERE id = ?').get(id) as Row | undefined;
    return row && { id: row.id as string, name: row.name as string, role: row.role as Member['role'] };
  }
  async addCredential(c: Credential) {
    this.#db
      .prepare(
        'INSERT INTO credentials (id, member_id, public_key, counter, transports, wrapped_identity, recipient, label, created_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(c.id, c.memberId, c.publicKey, c.counter, JSON.stringify(c.transports), c.wrappedIdentity, c.recipient, c.label ?? null, c.createdDay ?? null);
  }
  async getCredential(id: string) {
    const row = this.#db.prepare('SELECT * FROM credentials WHERE id = ?').get(id) as Row | undefined;
    return row && toCredential(row);
  }
  async updateCredential(id: string, change: { counter?: number; wrappedIdentity?: string; recipient?: string }) {
    if (change.counter !== undefined) this.#db.prepare('UPDATE credentials SET counter = ? WHERE id = ?').run(change.counter, id);
    if (change.wrappedIdentity !== undefined) this.#db.prepare('UPDATE credentials SET wrapped_identity = ? WHERE id = ?').run(change.wrappedIdentity, id);
    if (change.recipient !== undefined) this.#db.prepare('UPDATE credentials SET recipient = ? WHERE id = ?').run(change.recipient, id);
  }
  async listMembers(): Promise<MemberWithKeys[]> {
    const members = this.#db.prepare('SELECT id, name, role FROM members ORDER BY name').all() as Row[];
    return members.map((m) => ({
      id: m.id as string,
      name: m.name as string,
      role: m.role as Member['role'],
      credentials: (this.#db.prepare('SELECT id, wrapped_identity, recipient FROM credentials WHERE member_id = ?').all(m.id as string) as Row[]).map(
        credentialState,
      ),
    }));
  }
  async removeMember(id: string): Promise<RemoveResult> {
    return this.#transaction(() => {
      const member = this.#db.prepare('SELECT id, name, role FROM members WHERE id = ?').get(id) as Member | undefined;
      if (!member) return { refused: 'unknown' as const };
      const beheerders = (this.#db.prepare("SELECT count(*) AS n FROM members WHERE role = 'beheerder'").get() as { n: number }).n;
      if (member.role === 'beheerder' && beheerders <= 1) return { refused: 'last-beheerder' as const };
      for (const sql of REMOVE_MEMBER) this.#db.prepare(sql.replaceAll('$1', '?')).run(id);
      return { removed: { id: member.id, name: member.name, role: member.role } };
    });
  }
  async credentialsOf(memberId: string) {
    return (
      this.#db
        .prepare('SELECT * FROM credentials WHERE member_id = ? ORDER BY created_day IS NOT NULL, created_day, label IS NOT NULL, rowid')
        .all(memberId) as Row[]
    ).map(toCredential);
  }
  async removeCredential(memberId: string, credentialId: string) {
    return this.#transaction(() => {
      const mine = (this.#db.prepare('SELECT id FROM credentials WHERE member_id = ?').all(memberId) as Row[]).map((r) => r.id);
      if (!mine.includes(credentialId)) return 'unknown' as const;
      if (mine.length <= 1) return 'last' as const;
      this.#db.prepare('DELETE FROM credentials WHERE id = ? AND member_id = ?').run(credentialId, memberId);
      return 'removed' as const;
    });
  }
  async rotateKey(rotation: Rotation): Promise<RotationResult> {
    return this.#transaction(() => {
      const current = (this.#db.prepare("SELECT value FROM settings WHERE key = 'recipient'").get() as Row | undefined)?.value;
      if (current !== rotation.expected) return { refused: 'changed' as const };
      const setting = this.#db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      for (const [key, value] of Object.entries(rotation.settings)) setting.run(key, value);
      // Only passkeys that had a copy: one still waiting for access gets it from a beheerder, not from a rotation.
      const ids = (this.#db.prepare('SELECT id FROM credentials WHERE wrapped_identity IS NOT NULL').all() as Row[]).map((r) => r.id as string);
      for (const id of ids) this.#db.prepare('UPDATE credentials SET wrapped_identity = ? WHERE id = ?').run(rotation.copies[id] ?? null, id);
      return rotationResult(ids, rotation);
    });
  }
  async addInvitation(tokenHash: string, i: Invitation) {
    this.#db
      .prepare('INSERT INTO invitations (token_hash, member_id, name, role, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenHash, i.memberId, i.name, i.role, i.expiresAt);
  }
  async getInvitation(tokenHash: string, now: number) {
    const row = this.#db.prepare('SELECT * FROM invitations WHERE token_hash = ? AND used = 0 AND expires_at >= ?').get(tokenHash, Math.floor(now / 1000)) as
      | Row
      | undefined;
    return row && { memberId: row.member_id as string, name: row.name as string, role: row.role as Member['role'], expiresAt: row.expires_at as number };
  }
  async useInvitation(tokenHash: string) {
    return this.#db.prepare('UPDATE invitations SET used = 1 WHERE token_hash = ? AND used = 0').run(tokenHash).changes === 1;
  }

  async addSession(tokenHash: string, s: Session) {
    this.#db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(Math.floor(Date.now() / 1000));
    this.#db.prepare('INSERT INTO sessions (token_hash, member_id, csrf, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, s.memberId, s.csrf, s.expiresAt);
  }
  async getSession(tokenHash: string, now: number) {
    const row = this.#db
      .prepare('SELECT member_id, csrf, expires_at FROM sessions WHERE token_hash = ? AND expires_at >= ?')
      .get(tokenHash, Math.floor(now / 1000)) as Row | undefined;
    return row && { memberId: row.member_id as string, csrf: row.csrf as string, expiresAt: row.expires_at as number };
  }
  async deleteSession(tokenHash: string) {
    this.#db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }
  async deleteSessionsOf(memberId: string) {
    this.#db.prepare('DELETE FROM sessions WHERE member_id = ?').run(memberId);
  }
  async spendChallenge(challenge: string, purpose: string, expiresAt: number, now: number) {
    this.#db.prepare('DELETE FROM challenges WHERE expires_at < ?').run(Math.floor(now / 1000));
    return (
      this.#db
        .prepare('INSERT INTO challenges (challenge, purpose, expires_at) VALUES (?, ?, ?) ON CONFLICT (challenge) DO NOTHING')
        .run(challenge, purpose, expiresAt).changes === 1
    );
  }

  async receive(event: StoredEvent, newCase?: Omit<Case, 'readBy' | 'newAnswer'>) {
    return this.#transaction(() => {
      const inserted = this.#db
        .prepare('INSERT INTO events (webhook_id, type, report_id, body, received_day) VALUES (?, ?, ?, ?, ?) ON CONFLICT (webhook_id) DO NOTHING')
        .run(event.webhookId, event.type, event.reportId, event.body, event.receivedDay);
      if (inserted.changes === 0) return false;
      if (newCase) {
        this.#db
          .prepare(
            `INSERT INTO cases (report_id, received_day, status, closing_reason, ack_due, feedback_due, acknowledged_day, assignee, reply_recipient)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (report_id) DO NOTHING`,
          )
          .run(
            newCase.reportId,
            newCase.receivedDay,
            newCase.status,
            newCase.closingReason,
            newCase.ackDue,
            newCase.feedbackDue,
            newCase.acknowledgedDay,
            newCase.assignee,
            newCase.replyRecipient,
          );
      } else {
        this.#db.prepare('UPDATE cases SET new_answer = 1 WHERE report_id = ?').run(event.reportId);
      }
      return true;
    });
  }
  #readBy(reportId: string) {
    return (this.#db.prepare('SELECT member_id FROM case_reads WHERE report_id = ? ORDER BY member_id').all(reportId) as Row[]).map(
      (r) => r.member_id as string,
    );
  }
  async listCases() {
    // Who read what in one query for every case, not one per case.
    const readBy = readersOf(this.#db.prepare('SELECT report_id, member_id FROM case_reads ORDER BY member_id').all() as Row[]);
    return (this.#db.prepare('SELECT * FROM cases ORDER BY new_answer DESC, received_day DESC, report_id').all() as Row[]).map((row) =>
      toCase(row, readBy.get(row.report_id as string) ?? []),
    );
  }
  async getCase(reportId: string) {
    const row = this.#db.prepare('SELECT * FROM cases WHERE report_id = ?').get(reportId) as Row | undefined;
    return row && toCase(row, this.#readBy(reportId));
  }
  async events(reportId: string) {
    return (this.#db.prepare('SELECT * FROM events WHERE report_id = ? ORDER BY rowid').all(reportId) as Row[]).map(toEvent);
  }
  async casePage(query: CasePageQuery) {
    const { text, values } = casePageSql(
      query,
      () => '?',
      (answered) => (answered ? 1 : 0),
    );
    const rows = this.#db.prepare(text).all(...(values as (string | number)[])) as Row[];
    const readBy = readersOf(
      this.#db
        .prepare('SELECT report_id, member_id FROM case_reads WHERE report_id IN (SELECT value FROM json_each(?)) ORDER BY member_id')
        .all(JSON.stringify(rows.map((r) => r.report_id))) as Row[],
    );
    return rows.map((row) => toListedCase(row, readBy));
  }
  async countCases() {
    return (this.#db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  }
  async updateCase(reportId: string, change: Partial<Pick<Case, 'status' | 'closingReason' | 'acknowledgedDay' | 'assignee'>>) {
    const { set, values, count } = caseChange(change, () => '?');
    if (count > 0) this.#db.prepare(`UPDATE cases SET ${set} WHERE report_id = ?`).run(...values, reportId);
  }
  async markRead(reportId: string, memberId: string) {
    this.#transaction(() => {
      this.#db.prepare('INSERT INTO case_reads (report_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(reportId, memberId);
      this.#db.prepare('UPDATE cases SET new_answer = 0 WHERE report_id = ?').run(reportId);
    });
  }
  async addOutgoing(o: Outgoing) {
    this.#db
      .prepare('INSERT INTO outgoing (kind, report_id, sealed, day, member_id) VALUES (?, ?, ?, ?, ?)')
      .run(o.kind, o.reportId, o.sealed, o.day, o.memberId);
  }
  async outgoing(reportId: string) {
    return (this.#db.prepare('SELECT * FROM outgoing WHERE report_id = ? ORDER BY seq').all(reportId) as Row[]).map(toOutgoing);
  }

  async listTemplates() {
    return (this.#db.prepare('SELECT id, sealed, day FROM templates ORDER BY rowid').all() as Row[]).map(toTemplate);
  }
  async addTemplate(t: ReplyTemplate) {
    this.#db.prepare('INSERT INTO templates (id, sealed, day) VALUES (?, ?, ?)').run(t.id, t.sealed, t.day);
  }
  async updateTemplate(t: ReplyTemplate) {
    return this.#db.prepare('UPDATE templates SET sealed = ?, day = ? WHERE id = ?').run(t.sealed, t.day, t.id).changes === 1;
  }
  async deleteTemplate(id: string) {
    return this.#db.prepare('DELETE FROM templates WHERE id = ?').run(id).changes === 1;
  }
  async seedTemplates(templates: ReplyTemplate[]) {
    return this.#transaction(() => {
      if (this.#db.prepare(`INSERT INTO settings (key, value) VALUES ('${TEMPLATES_SEEDED}', '1') ON CONFLICT DO NOTHING`).run().changes === 0) return false;
      const insert = this.#db.prepare('INSERT INTO templates (id, sealed, day) VALUES (?, ?, ?)');
      for (const t of templates) insert.run(t.id, t.sealed, t.day);
      return true;
    });
  }

  async appendAudit(make: (previous: AuditRow | undefined, seq: number) => Omit<AuditRow, 'seq'>) {
    return this.#transaction(() => {
      const last = this.#db.prepare('SELECT * FROM audit ORDER BY seq DESC LIMIT 1').get() as Row | undefined;
      const previous = last && toAudit(last);
      const seq = (previous?.seq ?? 0) + 1;
      const row = { seq, ...make(previous, seq) };
      this.#db
        .prepare('INSERT INTO audit (seq, at, actor, action, subject, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(row.seq, row.at, row.actor, row.action, row.subject, row.prevHash, row.hash);
      return row;
    });
  }
  async audit() {
    return (this.#db.prepare('SELECT * FROM audit ORDER BY seq').all() as Row[]).map(toAudit);
  }
  async close() {
    this.#db.close();
  }
}
