/**
 * The desk store in PostgreSQL (DESK_DATABASE_URL), for a desk with several replicas: the same
 * port and tables as the SQLite store, in a database of its own. Sessions, answered challenges,
 * the challenge key and invitations are shared by all replicas; the audit chain is appended under a table lock so
 * two replicas never link to the same previous row.
 */
import pg from 'pg';
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
CREATE TABLE IF NOT EXISTS settings (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS members (id text PRIMARY KEY, name text NOT NULL, role text NOT NULL CHECK (role IN ('beheerder', 'behandelaar')));
CREATE TABLE IF NOT EXISTS credentials (
  id text PRIMARY KEY, member_id text NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  public_key text NOT NULL, counter bigint NOT NULL, transports text NOT NULL, wrapped_identity text, recipient text);
CREATE TABLE IF NOT EXISTS invitations (
  token_hash text PRIMARY KEY, member_id text NOT NULL, name text NOT NULL,
  role text NOT NULL CHECK (role IN ('beheerder', 'behandelaar')), expires_at bigint NOT NULL, used boolean NOT NULL DEFAULT false);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash text PRIMARY KEY, member_id text NOT NULL REFERENCES members (id) ON DELETE CASCADE, csrf text NOT NULL, expires_at bigint NOT NULL);
CREATE TABLE IF NOT EXISTS challenges (challenge text PRIMARY KEY, purpose text NOT NULL, expires_at bigint NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE, webhook_id text PRIMARY KEY, type text NOT NULL, report_id text NOT NULL, body text NOT NULL, received_day text NOT NULL);
CREATE INDEX IF NOT EXISTS events_report ON events (report_id);
CREATE TABLE IF NOT EXISTS cases (
  report_id text PRIMARY KEY, received_day text NOT NULL,
  status text NOT NULL CHECK (status IN ('nieuw', 'ontvangen', 'in-behandeling', 'wacht-op-melder', 'doorgezet', 'afgesloten')),
  closing_reason text, ack_due text NOT NULL, feedback_due text NOT NULL, acknowledged_day text,
  assignee text, reply_recipient text NOT NULL, new_answer boolean NOT NULL DEFAULT false);
CREATE TABLE IF NOT EXISTS case_reads (report_id text NOT NULL, member_id text NOT NULL, PRIMARY KEY (report_id, member_id));
CREATE TABLE IF NOT EXISTS outgoing (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('question', 'note')),
  report_id text NOT NULL, sealed text NOT NULL, day text NOT NULL, member_id text NOT NULL);
CREATE TABLE IF NOT EXISTS templates (seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE, id text PRIMARY KEY, sealed text NOT NULL, day text NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  seq bigint PRIMARY KEY, at text NOT NULL, actor text NOT NULL, action text NOT NULL, subject text NOT NULL, prev_hash text NOT NULL, hash text NOT NULL);
-- Append-only: the database itself refuses to change or remove a row of the log.
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'het logboek kan alleen groeien'; END $$;
DROP TRIGGER IF EXISTS audit_no_change ON audit;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
`;

/** Key of the advisory lock under which replicas create the schema ("mbalie" in ASCII). */
const SCHEMA_LOCK = '120556846549349';

const seconds = (ms: number) => Math.floor(ms / 1000);

export class PostgresDeskStore implements DeskStore {
  readonly #pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  static async open(url: string): Promise<PostgresDeskStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: 5,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 10_000,
      application_name: 'meldbalie',
      allowExitOnIdle: true,
    });
    pool.on('error', () => undefined);
    const store = new PostgresDeskStore(pool);
    try {
      await store.#transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        await client.query(SCHEMA);
        await client.query(CASE_INDEXES);
        await client.query("INSERT INTO settings (key, value) VALUES ('challenge_key', $1) ON CONFLICT (key) DO NOTHING", [newChallengeKey()]);
        // Columns added since the first release, for a desk database made before them.
        for (const [table, column, type] of ADDED_COLUMNS) await client.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${column} ${type.toLowerCase()}`);
      });
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(`DESK_DATABASE_URL: de database kon niet openen (${(error as Error).message}). Controleer of PostgreSQL draait en het adres klopt.`);
    }
    return store;
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async #rows(text: string, values: unknown[] = []): Promise<Row[]> {
    return (await this.#pool.query(text, values)).rows;
  }

  async getSetting(key: string) {
    return (await this.#rows('SELECT value FROM settings WHERE key = $1', [key]))[0]?.value as string | undefined;
  }
  async setSettings(values: Record<string, string>) {
    await this.#transaction(async (client) => {
      for (const [key, value] of Object.entries(values)) {
        await client.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
      }
    });
  }
  async deleteSetting(key: string) {
    await this.#pool.query('DELETE FROM settings WHERE key = $1', [key]);
  }

  async addMember(member: Member) {
    await this.#pool.query('INSERT INTO members (id, name, role) VALUES ($1, $2, $3)', [member.id, member.name, member.role]);
  }
  async getMember(id: string) {
    const row = (await this.#rows('SELECT id, name, role FROM members WHERE id = $1', [id]))[0];
    return row && { id: row.id as string, name: row.name as string, role: row.role as Member['role'] };
  }
  async addCredential(c: Credential) {
    await this.#pool.query(
      'INSERT INTO credentials (id, member_id, public_key, counter, transports, wrapped_identity, recipient, label, created_day) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [c.id, c.memberId, c.publicKey, c.counter, JSON.stringify(c.transports), c.wrappedIdentity, c.recipient, c.label ?? null, c.createdDay ?? null],
    );
  }
  async getCredential(id: string) {
    const row = (await this.#rows('SELECT * FROM credentials WHERE id = $1', [id]))[0];
    return row && toCredential(row);
  }
  async updateCredential(id: string, change: { counter?: number; wrappedIdentity?: string; recipient?: string }) {
    if (change.counter !== undefined) await this.#pool.query('UPDATE credentials SET counter = $1 WHERE id = $2', [change.counter, id]);
    if (change.wrappedIdentity !== undefined)
      await this.#pool.query('UPDATE credentials SET wrapped_identity = $1 WHERE id = $2', [change.wrappedIdentity, id]);
    if (change.recipient !== undefined) await this.#pool.query('UPDATE credentials SET recipient = $1 WHERE id = $2', [change.recipient, id]);
  }
  async listMembers(): Promise<MemberWithKeys[]> {
    const members = await this.#rows('SELECT id, name, role FROM members ORDER BY name');
    const credentials = await this.#rows('SELECT id, member_id, wrapped_identity, recipient FROM credentials ORDER BY id');
    return members.map((m) => ({
      id: m.id as string,
      name: m.name as string,
      role: m.role as Member['role'],
      credentials: credentials.filter((c) => c.member_id === m.id).map(credentialState),
    }));
  }
  async removeMember(id: string): Promise<RemoveResult> {
    return this.#transaction(async (client) => {
      // Two beheerders removing each other on two replicas at once must not leave none.
      await client.query('LOCK TABLE members IN SHARE ROW EXCLUSIVE MODE');
      const member = (await client.query('SELECT id, name, role FROM members WHERE id = $1', [id])).rows[0] as Member | undefined;
      if (!member) return { refused: 'unknown' as const };
      const beheerders = Number((await client.query("SELECT count(*) AS n FROM members WHERE role = 'beheerder'")).rows[0].n);
      if (member.role === 'beheerder' && beheerders <= 1) return { refused: 'last-beheerder' as const };
      for (const sql of REMOVE_MEMBER) await client.query(sql, [id]);
      return { removed: { id: member.id, name: member.name, role: member.role } };
    });
  }
  async credentialsOf(memberId: string) {
    return (await this.#rows('SELECT * FROM credentials WHERE member_id = $1 ORDER BY created_day NULLS FIRST, label NULLS FIRST, id', [memberId])).map(
      toCredential,
    );
  }
  async removeCredential(memberId: string, credentialId: string) {
    return this.#transaction(async (client) => {
      // Two replicas removing a member's last two passkeys at once must not leave none.
      const mine = (await client.query('SELECT id FROM credentials WHERE member_id = $1 FOR UPDATE', [memberId])).rows.map((r) => r.id as string);
      if (!mine.includes(credentialId)) return 'unknown' as const;
      if (mine.length <= 1) return 'last' as const;
      await client.query('DELETE FROM credentials WHERE id = $1 AND member_id = $2', [credentialId, memberId]);
      return 'removed' as const;
    });
  }
  async rotateKey(rotation: Rotation): Promise<RotationResult> {
    return this.#transaction(async (client) => {
      // Two beheerders rotating at once on two replicas: the second sees the first one's key and is refused.
      await client.query('LOCK TABLE settings, credentials IN SHARE ROW EXCLUSIVE MODE');
      const current = (await client.query("SELECT value FROM settings WHERE key = 'recipient'")).rows[0]?.value;
      if (current !== rotation.expected) return { refused: 'changed' as const };
      for (const [key, value] of Object.entries(rotation.settings)) {
        await client.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
      }
      // Only passkeys that had a copy: one still waiting for access gets it from a beheerder, not from a rotation.
      const ids = (await client.query('SELECT id FROM credentials WHERE wrapped_identity IS NOT NULL')).rows.map((r) => r.id as string);
      for (const id of ids) await client.query('UPDATE credentials SET wrapped_identity = $1 WHERE id = $2', [rotation.copies[id] ?? null, id]);
      return rotationResult(ids, rotation);
    });
  }
  async addInvitation(tokenHash: string, i: Invitation) {
    await this.#pool.query('INSERT INTO invitations (token_hash, member_id, name, role, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      tokenHash,
      i.memberId,
      i.name,
      i.role,
      i.expiresAt,
    ]);
  }
  async getInvitation(tokenHash: string, now: number) {
    const row = (await this.#rows('SELECT * FROM invitations WHERE token_hash = $1 AND NOT used AND expires_at >= $2', [tokenHash, seconds(now)]))[0];
    return row && { memberId: row.member_id as string, name: row.name as string, role: row.role as Member['role'], expiresAt: Number(row.expires_at) };
  }
  async useInvitation(tokenHash: string) {
    return (await this.#pool.query('UPDATE invitations SET used = true WHERE token_hash = $1 AND NOT used', [tokenHash])).rowCount === 1;
  }

  async addSession(tokenHash: string, s: Session) {
    await this.#pool.query('DELETE FROM sessions WHERE expires_at < $1', [seconds(Date.now())]);
    await this.#pool.query('INSERT INTO sessions (token_hash, member_id, csrf, expires_at) VALUES ($1, $2, $3, $4)', [
      tokenHash,
      s.memberId,
      s.csrf,
      s.expiresAt,
    ]);
  }
  async getSession(tokenHash: string, now: number) {
    const row = (await this.#rows('SELECT member_id, csrf, expires_at FROM sessions WHERE token_hash = $1 AND expires_at >= $2', [tokenHash, seconds(now)]))[0];
    return row && { memberId: row.member_id as string, csrf: row.csrf as string, expiresAt: Number(row.expires_at) };
  }
  async deleteSession(tokenHash: string) {
    await this.#pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }
  async deleteSessionsOf(memberId: string) {
    await this.#pool.query('DELETE FROM sessions WHERE member_id = $1', [memberId]);
  }
  async spendChallenge(challenge: string, purpose: string, expiresAt: number, now: number) {
    await this.#pool.query('DELETE FROM challenges WHERE expires_at < $1', [seconds(now)]);
    const inserted = await this.#pool.query('INSERT INTO challenges (challenge, purpose, expires_at) VALUES ($1, $2, $3) ON CONFLICT (challenge) DO NOTHING', [
      challenge,
      purpose,
      expiresAt,
    ]);
    return inserted.rowCount === 1;
  }

  async receive(event: StoredEvent, newCase?: Omit<Case, 'readBy' | 'newAnswer'>) {
    return this.#transaction(async (client) => {
      const inserted = await client.query(
        'INSERT INTO events (webhook_id, type, report_id, body, received_day) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (webhook_id) DO NOTHING',
        [event.webhookId, event.type, event.reportId, event.body, event.receivedDay],
      );
      if (inserted.rowCount === 0) return false;
      if (newCase) {
        await client.query(
          `INSERT INTO cases (report_id, received_day, status, closing_reason, ack_due, feedback_due, acknowledged_day, assignee, reply_recipient)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (report_id) DO NOTHING`,
          [
            newCase.reportId,
            newCase.receivedDay,
            newCase.status,
            newCase.closingReason,
            newCase.ackDue,
            newCase.feedbackDue,
            newCase.acknowledgedDay,
            newCase.assignee,
            newCase.replyRecipient,
          ],
        );
      } else {
        await client.query('UPDATE cases SET new_answer = true WHERE report_id = $1', [event.reportId]);
      }
      return true;
    });
  }
  async #readBy(reportIds: string[]): Promise<Map<string, string[]>> {
    return readersOf(await this.#rows('SELECT report_id, member_id FROM case_reads WHERE report_id = ANY($1) ORDER BY member_id', [reportIds]));
  }
  async listCases() {
    const rows = await this.#rows('SELECT * FROM cases ORDER BY new_answer DESC, received_day DESC, report_id');
    const readBy = await this.#readBy(rows.map((r) => r.report_id as string));
    return rows.map((row) => toCase(row, readBy.get(row.report_id as string) ?? []));
  }
  async getCase(reportId: string) {
    const row = (await this.#rows('SELECT * FROM cases WHERE report_id = $1', [reportId]))[0];
    return row && toCase(row, (await this.#readBy([reportId])).get(reportId) ?? []);
  }
  async events(reportId: string) {
    return (await this.#rows('SELECT * FROM events WHERE report_id = $1 ORDER BY seq', [reportId])).map(toEvent);
  }
  async casePage(query: CasePageQuery) {
    const { text, values } = casePageSql(
      query,
      (i) => `$${i}`,
      (answered) => answered,
    );
    const rows = await this.#rows(text, values);
    const readBy = await this.#readBy(rows.map((r) => r.report_id as string));
    return rows.map((row) => toListedCase(row, readBy));
  }
  async countCases() {
    return Number((await this.#rows('SELECT count(*) AS n FROM cases'))[0].n);
  }
  async updateCase(reportId: string, change: Partial<Pick<Case, 'status' | 'closingReason' | 'acknowledgedDay' | 'assignee'>>) {
    const { set, values, count } = caseChange(change, (i) => `$${i}`);
    if (count > 0) await this.#pool.query(`UPDATE cases SET ${set} WHERE report_id = $${count + 1}`, [...values, reportId]);
  }
  async markRead(reportId: string, memberId: string) {
    await this.#transaction(async (client) => {
      await client.query('INSERT INTO case_reads (report_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [reportId, memberId]);
      await client.query('UPDATE cases SET new_answer = false WHERE report_id = $1', [reportId]);
    });
  }
  async addOutgoing(o: Outgoing) {
    await this.#pool.query('INSERT INTO outgoing (kind, report_id, sealed, day, member_id) VALUES ($1, $2, $3, $4, $5)', [
      o.kind,
      o.reportId,
      o.sealed,
      o.day,
      o.memberId,
    ]);
  }
  async outgoing(reportId: string) {
    return (await this.#rows('SELECT * FROM outgoing WHERE report_id = $1 ORDER BY seq', [reportId])).map(toOutgoing);
  }

  async listTemplates() {
    return (await this.#rows('SELECT id, sealed, day FROM templates ORDER BY seq')).map(toTemplate);
  }
  async addTemplate(t: ReplyTemplate) {
    await this.#pool.query('INSERT INTO templates (id, sealed, day) VALUES ($1, $2, $3)', [t.id, t.sealed, t.day]);
  }
  async updateTemplate(t: ReplyTemplate) {
    return (await this.#pool.query('UPDATE templates SET sealed = $1, day = $2 WHERE id = $3', [t.sealed, t.day, t.id])).rowCount === 1;
  }
  async deleteTemplate(id: string) {
    return (await this.#pool.query('DELETE FROM templates WHERE id = $1', [id])).rowCount === 1;
  }
  async seedTemplates(templates: ReplyTemplate[]) {
    // A second replica seeding at the same moment waits on the flag's row and then inserts nothing.
    return this.#transaction(async (client) => {
      if ((await client.query(`INSERT INTO settings (key, value) VALUES ('${TEMPLATES_SEEDED}', '1') ON CONFLICT DO NOTHING`)).rowCount === 0) return false;
      for (const t of templates) await client.query('INSERT INTO templates (id, sealed, day) VALUES ($1, $2, $3)', [t.id, t.sealed, t.day]);
      return true;
    });
  }

  async appendAudit(make: (previous: AuditRow | undefined, seq: number) => Omit<AuditRow, 'seq'>) {
    return this.#transaction(async (client) => {
      // One writer at a time across replicas: each row must link to the one truly before it.
      await client.query('LOCK TABLE audit IN SHARE ROW EXCLUSIVE MODE');
      const last = (await client.query('SELECT * FROM audit ORDER BY seq DESC LIMIT 1')).rows[0];
      const previous = last && toAudit(last);
      const seq = (previous?.seq ?? 0) + 1;
      const row = { seq, ...make(previous, seq) };
      await client.query('INSERT INTO audit (seq, at, actor, action, subject, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        row.seq,
        row.at,
        row.actor,
        row.action,
        row.subject,
        row.prevHash,
        row.hash,
      ]);
      return row;
    });
  }
  async audit() {
    return (await this.#rows('SELECT * FROM audit ORDER BY seq')).map(toAudit);
  }
  async close() {
    await this.#pool.end();
  }
}
