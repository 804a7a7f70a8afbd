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
  /**
   * The passkey's transfer key (age1…, from its PRF output): a colleague seals the desk key to it
   * for a new member, and a key rotation seals the new keyring to it for every member. Written
   * once: it follows from the passkey and never changes.
   */
  recipient: string | null;
  /** What the member called it ("telefoon", "beveiligingssleutel"); null for the first one. */
  label?: string | null;
  /** The day it was added; null for passkeys from before the column existed. */
  createdDay?: string | null;
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

/**
 * A key rotation, made in a beheerder's browser: the new public key and recovery copy (with any
 * new webhook secrets) as settings, and per passkey the new keyring sealed to its transfer key.
 */
export interface Rotation {
  /** The recipient the browser's keyring had as newest: the rotation is refused when another came first. */
  expected: string;
  settings: Record<string, string>;
  /** Credential id → the keyring, age-sealed to that passkey's transfer key. */
  copies: Record<string, string>;
}

/** Passkeys with a copy that got no new one (no transfer key known) lose it: `cleared` lists their ids. */
export type RotationResult = { rotated: { sealed: number; cleared: string[] } } | { refused: 'changed' };

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

/** A case as the inbox lists it: with the body of its report.created event (sealed), null when there is none. */
export interface ListedCase extends Case {
  body: string | null;
}

/**
 * Which cases `casePage` lists. Always newest first, by received day and then report id: both are
 * set when a case arrives and never change, so a case can neither move past a cursor nor come
 * back in a later page when something happens to another case.
 */
export interface CasePageQuery {
  /** Only cases after this one in that order; from the newest when undefined. */
  after?: Pick<Case, 'receivedDay' | 'reportId'>;
  /** Only cases with (true) or without (false) an unread answer of the reporter; both when undefined. */
  newAnswer?: boolean;
  limit: number;
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

/**
 * A reply template of the team: its title, language and text sealed to the desk in a beheerder's
 * browser (or, for the shipped defaults, by the server: that text is public anyway).
 */
export interface ReplyTemplate {
  id: string;
  sealed: string;
  /** The day it was added or last changed. */
  day: string;
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
  /** A member's own passkeys, by the day they were added; on one day the unnamed (first) one first. */
  credentialsOf(memberId: string): Promise<Credential[]>;
  /** Removes one of a member's passkeys with its wrapped key, never their last (one transaction). */
  removeCredential(memberId: string, credentialId: string): Promise<'removed' | 'last' | 'unknown'>;
  /**
   * Rotates the desk key in one transaction: compare-and-set on the `recipient` setting, the new
   * settings, and the copy of every passkey that had one replaced (or cleared when the rotation
   * brought none for it). A passkey still waiting for access is left waiting: a rotation must not
   * let in someone no beheerder let in.
   */
  rotateKey(rotation: Rotation): Promise<RotationResult>;
  addInvitation(tokenHash: string, invitation: Invitation): Promise<void>;
  /** The open, unexpired invitation for a token hash. */
  getInvitation(tokenHash: string, now: number): Promise<Invitation | undefined>;
  /** Marks it used; false when it was used already. */
  useInvitation(tokenHash: string): Promise<boolean>;

  addSession(tokenHash: string, session: Session): Promise<void>;
  getSession(tokenHash: string, now: number): Promise<Session | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(memberId: string): Promise<void>;
  /**
   * Marks a signed WebAuthn challenge (challenges.ts) as answered, kept until `expiresAt`; true the
   * first time, false when it was answered before (a replay). Drops expired ones.
   */
  spendChallenge(challenge: string, purpose: string, expiresAt: number, now: number): Promise<boolean>;

  /** Stores an event and creates or touches its case in one transaction; false when the webhook-id is known. */
  receive(event: StoredEvent, newCase?: Omit<Case, 'readBy' | 'newAnswer'>): Promise<boolean>;
  /** Every case, unread answers first, then newest first (the digest and the figures count them all). */
  listCases(): Promise<Case[]>;
  /**
   * One page of the inbox (inbox-pages.ts): at most `limit` cases with their sealed report, in two
   * indexed queries whatever the page's position (no offset to skip), with who read each case.
   */
  casePage(query: CasePageQuery): Promise<ListedCase[]>;
  countCases(): Promise<number>;
  getCase(reportId: string): Promise<Case | undefined>;
  events(reportId: string): Promise<StoredEvent[]>;
  updateCase(reportId: string, change: Partial<Pick<Case, 'status' | 'closingReason' | 'acknowledgedDay' | 'assignee'>>): Promise<void>;
  markRead(reportId: string, memberId: string): Promise<void>;
  addOutgoing(outgoing: Outgoing): Promise<void>;
  outgoing(reportId: string): Promise<Outgoing[]>;

  listTemplates(): Promise<ReplyTemplate[]>;
  addTemplate(template: ReplyTemplate): Promise<void>;
  /** False when there is no such template (removed meanwhile). */
  updateTemplate(template: ReplyTemplate): Promise<boolean>;
  deleteTemplate(id: string): Promise<boolean>;
  /**
   * Stores the shipped default templates once in the store's life (a settings flag, set in the same
   * transaction): false, storing nothing, when that happened before, even if the team removed them all.
   */
  seedTemplates(templates: ReplyTemplate[]): Promise<boolean>;

  /** Appends to the hash chain (audit.ts computes the hash from the previous row). */
  appendAudit(make: (previous: AuditRow | undefined, seq: number) => Omit<AuditRow, 'seq'>): Promise<AuditRow>;
  audit(): Promise<AuditRow[]>;
  close(): Promise<void>;
}
