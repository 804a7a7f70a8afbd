/**
 * The one port for everything the report path keeps: the outbox between intake and relay, and
 * the abuse state that every replica must share (single-use fill tokens and proof-of-work
 * challenges, sliding-window submission counts). Intake, relay and the operator CLI know only
 * this interface; `openReportStore()` (./index.ts) picks SQLite or PostgreSQL from configuration.
 *
 * Every method is async, so no store ever blocks the event loop that serves pages.
 * Privacy rules every implementation keeps (tests/support/store-contract.ts, run for every store):
 * - a delivered report leaves the store (acknowledge deletes it);
 * - abuse state holds only keyed hashes and expiry times the caller has rounded to the hour.
 */

export interface NewReport {
  /** Stable id, sent as webhook-id on every attempt. */
  id: string;
  /** The JSON body forwarded to the intake endpoint, exactly as it will be sent. */
  payload: string;
}

export type EntryState = 'pending' | 'dead';

export interface OutboxEntry extends NewReport {
  state: EntryState;
  attempts: number;
  /** Unix ms (a whole second) before which the relay must not try again (0: due now). */
  nextAttemptAt: number;
  lastError: string | null;
}

export interface Claim extends OutboxEntry {
  /** Proof of the lease: fail() and acknowledge() are ignored when another worker took over. */
  leaseToken: string;
}

/** What an operator may see of an entry: never its content. */
export type OutboxListing = Omit<OutboxEntry, 'payload'>;

export interface SlidingWindowHit {
  /** Keyed hash of the client for the current window slot (caller includes the slot in it). */
  current: string;
  /** The same client's key for the previous slot. */
  previous: string;
  /** Share of the previous slot still inside the window (1 at the start of a slot, 0 at its end). */
  previousWeight: number;
  /** Most submissions allowed in one window. */
  limit: number;
  /** Unix seconds after which the current slot's count may be forgotten (rounded to the hour). */
  expiresAt: number;
}

/** One message of a follow-up conversation, sealed to the report's own key (see follow-up.ts). */
export interface MailboxMessage {
  /**
   * 'intake': a question from the intake desk; 'reporter': information the reporter added;
   * 'status': the handling status the desk set (report.status, sealed JSON {"status": …}).
   */
  from: 'intake' | 'reporter' | 'status';
  /** age-encrypted (armored) to the report's reply key: the server cannot read it. */
  sealed: string;
  /** The day it was written (YYYY-MM-DD, UTC): no finer time is kept. */
  day: string;
}

export interface NewMailbox {
  /** Found by the receipt code: the Argon2id-derived lookup id (receipt-code.ts). */
  lookup: string;
  reportId: string;
  /** The report's private key, encrypted under a key only the receipt code gives. */
  wrappedIdentity: string;
  /** The day the report was made (YYYY-MM-DD). */
  createdDay: string;
  /** Unix seconds (a whole day) after which the conversation is deleted. */
  expiresAt: number;
}

export interface Mailbox extends Omit<NewMailbox, 'lookup'> {
  messages: MailboxMessage[];
}

/** What must be committed in the same transaction as an outbox entry. */
export interface EnqueueExtras {
  /** The follow-up conversation of a new report. */
  mailbox?: NewMailbox;
  /** A reporter's added information, kept (sealed) in their conversation too. */
  message?: { reportId: string; message: MailboxMessage; expiresAt: number };
  /** The one-time receipt of a new report (core/receipt-link.ts). */
  receipt?: NewReceipt;
}

/** A receipt code sealed under a key only the reporter's link holds, until its page shows it. */
export interface NewReceipt {
  /** Keyed hash of the link's id. */
  lookup: string;
  /** The code, in a sealed box under the link's own random key. */
  sealed: string;
  /** Unix seconds, a whole hour. */
  expiresAt: number;
}

export interface ReportStore {
  /**
   * Stores a report (and its extras) durably, in one transaction; resolves only after the
   * commit is on disk. Rejects on a duplicate id, or when `extras.message` names no live
   * conversation (then nothing is stored).
   */
  enqueue(report: NewReport, extras?: EnqueueExtras): Promise<void>;
  /** Leases up to `limit` due entries for `leaseMs`; no other claimer gets them meanwhile. */
  claim(limit: number, leaseMs: number, now?: number): Promise<Claim[]>;
  /** Delivered: the entry is deleted, and overwritten where the store allows. */
  acknowledge(id: string, leaseToken: string): Promise<void>;
  /** Not delivered: retry at `retryAt`, or move to the dead letters when `dead`. */
  fail(id: string, leaseToken: string, outcome: { error: string; retryAt?: number; dead?: boolean }): Promise<void>;
  /** Entries for operators, without their content. */
  list(state?: EntryState): Promise<OutboxListing[]>;
  /** How many reports the outbox holds, pending and dead. */
  outboxSize(): Promise<number>;
  /**
   * The hour (ISO 8601, the payload's `timestamp`) in which the oldest report still waiting for
   * delivery arrived, or null when none waits: for the operator's metrics, never finer than the hour.
   */
  oldestPendingHour(): Promise<string | null>;
  /** Puts a dead entry (or all of them) back in the queue for an immediate attempt; returns how many. */
  retry(id?: string): Promise<number>;

  /**
   * Marks `key` (a keyed hash, never a raw token) as used until `expiresAt` (unix seconds).
   * Resolves true the first time, false for every later use, across all processes.
   */
  useOnce(key: string, expiresAt: number, now?: number): Promise<boolean>;
  /**
   * Counts one submission in a sliding window unless that would exceed the limit: the
   * estimate is previous × previousWeight + current (two fixed slots, weighted). Atomic across
   * processes. Resolves false, counting nothing, when the client is over the limit.
   */
  hit(window: SlidingWindowHit, now?: number): Promise<boolean>;

  /**
   * The sealed receipt with this lookup id, unless it expired. `take`: deleted in the same
   * statement, so it is handed out once across all processes; without it (HEAD) it stays.
   */
  openReceipt(lookup: string, take: boolean, now?: number): Promise<string | undefined>;

  /** The conversation with this lookup id, unless it expired (then: undefined). */
  findMailbox(lookup: string, now?: number): Promise<Mailbox | undefined>;
  /**
   * Adds a message to a live conversation and moves its expiry to `expiresAt`; false when the
   * report has no conversation (any more).
   */
  addMessage(reportId: string, message: MailboxMessage, expiresAt: number, now?: number): Promise<boolean>;
  /** Deletes every expired conversation with its messages; returns how many. */
  purgeMailboxes(now?: number): Promise<number>;

  close(): Promise<void>;
}

/** An outbox row as every SQL store keeps it (PostgreSQL hands bigints over as strings). */
export interface OutboxRow {
  id: string;
  payload: string;
  state: EntryState;
  attempts: number | string;
  next_attempt_at: number | string;
  last_error: string | null;
}

/**
 * The store keeps the times of a report (next_attempt_at, lease_until) in whole unix seconds:
 * nothing finer than a second is written about when a report was tried. The port speaks ms; a
 * time to wait for is rounded up, so nothing happens early.
 */
export const toStoredSeconds = (ms: number) => Math.ceil(ms / 1000);

export const toEntry = (row: OutboxRow): OutboxEntry => ({
  id: row.id,
  payload: row.payload,
  state: row.state,
  attempts: Number(row.attempts),
  nextAttemptAt: Number(row.next_attempt_at) * 1000,
  lastError: row.last_error,
});

/** The values of a claim's UPDATE, in order (lease_token, lease_until, now, limit), in whole seconds. */
export function claimValues(leaseToken: string, limit: number, leaseMs: number, now: number): [string, number, number, number] {
  return [leaseToken, toStoredSeconds(now + leaseMs), Math.floor(now / 1000), limit];
}

/** The values of a failed delivery's UPDATE, in order (last_error, state, next_attempt_at, id, lease_token). */
export function failValues(
  id: string,
  leaseToken: string,
  outcome: { error: string; retryAt?: number; dead?: boolean },
): [string, EntryState, number, string, string] {
  return [outcome.error.slice(0, 300), outcome.dead ? 'dead' : 'pending', outcome.dead ? 0 : toStoredSeconds(outcome.retryAt ?? 0), id, leaseToken];
}

/** Claimed rows (UPDATE … RETURNING, which has no order) in the order the subquery chose them, without their seq. */
export function claimedInOrder(rows: (OutboxRow & { seq: number | bigint | string })[]): OutboxRow[] {
  return [...rows].sort((a, b) => Number(a.next_attempt_at) - Number(b.next_attempt_at) || Number(a.seq) - Number(b.seq)).map(({ seq: _seq, ...row }) => row);
}

/** Outbox rows as operator listings (never the payload). */
export function listings(rows: OutboxRow[]): OutboxListing[] {
  return rows.map((row) => {
    const { payload: _payload, ...entry } = toEntry(row);
    return entry;
  });
}

/** A store call that could not be carried out: the caller tells the reporter, who keeps their text. */
export class StoreUnavailableError extends Error {
  readonly code?: string;

  constructor(message: string, code?: string) {
    super(message);
    this.name = 'StoreUnavailableError';
    this.code = code;
  }
}

/** Unix seconds. */
export const nowSeconds = (now = Date.now()) => Math.floor(now / 1000);
