/**
 * What the desk server keeps, behind an async port so a PostgreSQL store (DESK_DATABASE_URL)
 * can take the place of the embedded SQLite one. It keeps ciphertext and the metadata the desk
 * needs (received day, status, deadlines, assignee, who read a case); never report content.
 */
export type CaseStatus = 'nieuw' | 'ontvangen' | 'in-behandeling' | 'wacht-op-melder' | 'doorgezet' | 'afgesloten';
export type Role = 'beheerder' | 'behandelaar';

export interface Member {
  id: string;
  name: string;
  role: Role;
}

export interface Credential {
  /** base64url credential id. */
  id: string;
  memberId: string;
  /** base64url COSE public key. */
  publicKey: string;
  counter: number;
  transports: string[];
  /**
   * The desk identity, AES-GCM-wrapped under a key from this passkey's PRF output; or, for a new
   * member until their first unlock, age-sealed to their transfer key; null until given.
   */
  wrappedIdentity: string | null;
  /** A new member's transfer key (age1…, from their PRF output), waiting for a colleague to seal the desk key to it. */
  recipient: string | null;
}

export interface Invitation {
  memberId: string;
  name: string;
  role: Role;
  expiresAt: number;
}

export interface MemberWithKeys extends Member {
  credentials: { id: string; hasKey: boolean; waiting: boolean; recipient: string | null }[];
}

export type RemoveResult = { removed: Member } | { refused: 'unknown' | 'last-beheerder' };

export interface Session {
  memberId: string;
  csrf: string;
  expiresAt: number;
}

export interface StoredEvent {
  webhookId: string;
  type: 'report.created' | 'report.message';
  reportId: string;
  /** The body exactly as it arrived (JSON with data.sealed). */
  body: string;
  receivedDay: string;
}

export interface Case {
  reportId: string;
  receivedDay: string;
  status: CaseStatus;
  closingReason: string | null;
  ackDue: string;
  feedbackDue: string;
  acknowledgedDay: string | null;
  assignee: string | null;
  replyRecipient: string;
  /** A reporter's answer came in after the last time someone opened the case. */
  newAnswer: boolean;
  readBy: string[];
}

/**
 * What the desk wrote in a case, sealed to the desk: a copy of a question it asked (the
 * reporter's copy it cannot read), or an internal note, which never goes to the reporter.
 */
export interface Outgoing {
  kind: 'question' | 'note';
  reportId: string;
  sealed: string;
  day: string;
  memberId: string;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  prevHash: string;
  hash: string;
}

export interface DeskStore {
  getSetting(key: string): Promise<string | undefined>;
  setSettings(values: Record<string, string>): Promise<void>;
  deleteSetting(key: string): Promise<void>;

  addMember(member: Member): Promise<void>;
  getMember(id: string): Promise<Member | undefined>;
  countMembers(): Promise<number>;
  addCredential(credential: Credential): Promise<void>;
  getCredential(id: string): Promise<Credential | undefined>;
  updateCredential(id: string, change: { counter?: number; wrappedIdentity?: string; recipient?: string }): Promise<void>;
  listMembers(): Promise<MemberWithKeys[]>;
  /**
   * Removes a member in one transaction: their sessions, their passkeys with the desk key wrapped
   * for each, their open invitation and their cases' assignment go with them. Refuses to remove
   * the last beheerder (the desk would have nobody to manage the team).
   */
  removeMember(id: string): Promise<RemoveResult>;
  addInvitation(tokenHash: string, invitation: Invitation): Promise<void>;
  /** The open, unexpired invitation for a token hash. */
  getInvitation(tokenHash: string, now: number): Promise<Invitation | undefined>;
  /** Marks it used; false when it was used already. */
  useInvitation(tokenHash: string): Promise<boolean>;

  addSession(tokenHash: string, session: Session): Promise<void>;
  getSession(tokenHash: string, now: number): Promise<Session | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(memberId: string): Promise<void>;
  /** Stores a WebAuthn challenge for one use. */
  addChallenge(challenge: string, purpose: string, expiresAt: number): Promise<void>;
  /** True once for a stored, unexpired challenge of that purpose; deletes it. */
  useChallenge(challenge: string, purpose: string, now: number): Promise<boolean>;

  /** Stores an event and creates or touches its case in one transaction; false when the webhook-id is known. */
  receive(event: StoredEvent, newCase?: Omit<Case, 'readBy' | 'newAnswer'>): Promise<boolean>;
  listCases(): Promise<Case[]>;
  getCase(reportId: string): Promise<Case | undefined>;
  events(reportId: string): Promise<StoredEvent[]>;
  /** The body of every report's report.created event by report id, in one query (the inbox and the figures list every case). */
  reportBodies(): Promise<Map<string, string>>;
  updateCase(reportId: string, change: Partial<Pick<Case, 'status' | 'closingReason' | 'acknowledgedDay' | 'assignee'>>): Promise<void>;
  markRead(reportId: string, memberId: string): Promise<void>;
  addOutgoing(outgoing: Outgoing): Promise<void>;
  outgoing(reportId: string): Promise<Outgoing[]>;

  /** Appends to the hash chain (audit.ts computes the hash from the previous row). */
  appendAudit(make: (previous: AuditRow | undefined, seq: number) => Omit<AuditRow, 'seq'>): Promise<AuditRow>;
  audit(): Promise<AuditRow[]>;
  close(): Promise<void>;
}
