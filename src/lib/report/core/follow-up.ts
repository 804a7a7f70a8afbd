/**
 * Two-way anonymous follow-up with the receipt code (the GlobaLeaks pattern):
 * - at intake every report gets its own age key pair. The public half goes to the intake desk
 *   in report.created, which seals its questions to it; the private half is stored only
 *   encrypted (AES-256-GCM) under a key that one Argon2id run derives from the receipt code
 *   (receipt-code.ts). The server cannot read the questions at rest, nor find a conversation
 *   without the code;
 * - the reporter returns with the code, which unlocks the private key for the length of one
 *   request: questions are decrypted, shown, and forgotten;
 * - what the reporter adds is sealed to the intake desk (REPORT_RECIPIENTS) and goes out through
 *   the outbox as report.message, with the same delivery guarantees as a report; a copy sealed
 *   to the report's own key stays in the conversation so the reporter can read it back.
 * Times are kept to the day; a conversation is deleted `retentionDays` after its last message.
 */
import type { MailboxMessage, NewMailbox, ReportStore } from '../store/port.ts';
import { codeKeys, newReceiptCode, normalizeCode } from './receipt-code.ts';
import { newKeyPair, seal, unseal } from '../crypto/seal.ts';
import { openBox, sealBox } from '../crypto/sealed-box.ts';
import { dayOf, expiryAfter } from './day.ts';
import { identityToRecipient } from 'age-encryption';
import { newReportId, receivedHour } from './identifiers.ts';
import { isReportStatus, reportEvent, type ReportStatus } from './events.ts';

export interface FollowUpSettings {
  store: ReportStore;
  /** Salt of the code's Argon2id hash, from REPORT_SECRET (keys.ts). */
  codePepper: Buffer;
  retentionDays: number;
  /** The intake desk's keys; without them added information is forwarded as text (local trial). */
  recipients?: readonly string[];
}

/** For a new report: its receipt code, the public key the intake desk seals questions to, and the conversation to store with it. */
export async function startConversation(
  reportId: string,
  settings: FollowUpSettings,
  now = Date.now(),
): Promise<{ code: string; replyRecipient: string; mailbox: NewMailbox }> {
  const code = newReceiptCode();
  const [{ lookup, wrappingKey }, { identity, recipient }] = await Promise.all([codeKeys(normalizeCode(code)!, settings.codePepper), newKeyPair()]);
  return {
    code,
    replyRecipient: recipient,
    mailbox: { lookup, reportId, wrappedIdentity: sealBox(wrappingKey, identity), createdDay: dayOf(now), expiresAt: expiryAfter(now, settings.retentionDays) },
  };
}

export interface ShownMessage {
  from: MailboxMessage['from'];
  text: string;
  day: string;
}

/** The newest status the desk set (report.status), or undefined before the desk has read the report. */
export function latestStatus(messages: readonly ShownMessage[]): { status: ReportStatus; day: string } | undefined {
  for (const message of [...messages].reverse()) {
    if (message.from !== 'status') continue;
    try {
      const { status } = JSON.parse(message.text) as { status?: unknown };
      if (isReportStatus(status)) return { status, day: message.day };
    } catch {
      // Not readable: an older or a damaged status is skipped, the one before it counts.
    }
  }
  return undefined;
}

export interface Conversation {
  reportId: string;
  createdDay: string;
  /** Unix seconds. */
  expiresAt: number;
  messages: ShownMessage[];
  /** The report's private key, for this request only. */
  identity: string;
}

/**
 * The conversation a code opens, or undefined. A wrong code costs the same Argon2id run as a
 * right one, and gets the same answer whether it is malformed, unknown, another report's or expired.
 */
export async function openConversation(codeInput: string, settings: FollowUpSettings, now = Date.now()): Promise<Conversation | undefined> {
  const normalized = normalizeCode(codeInput);
  // A malformed code still pays the full price, so timing does not tell it apart.
  const { lookup, wrappingKey } = await codeKeys(normalized ?? `ongeldig:${codeInput.slice(0, 64)}`, settings.codePepper);
  // Every code, malformed ones included, is looked up: all misses take the same path.
  const found = await settings.store.findMailbox(lookup, now);
  const mailbox = normalized ? found : undefined;
  const identity = mailbox && openBox(wrappingKey, mailbox.wrappedIdentity);
  if (!mailbox || !identity) return undefined;
  const messages = await Promise.all(
    mailbox.messages.map(async (m) => ({ from: m.from, day: m.day, text: await unseal([identity], m.sealed).catch(() => '') })),
  );
  return { reportId: mailbox.reportId, createdDay: mailbox.createdDay, expiresAt: mailbox.expiresAt, messages, identity };
}

/**
 * Information the reporter adds: sealed to the intake desk and committed to the outbox as
 * report.message, together with a copy for the conversation, in one transaction.
 */
export async function addInformation(conversation: Conversation, text: string, language: string, settings: FollowUpSettings, now = Date.now()): Promise<void> {
  const id = newReportId();
  const message = { text, language };
  const payload = reportEvent('report.message', receivedHour(now), {
    id,
    reportId: conversation.reportId,
    ...(settings.recipients?.length ? { sealed: await seal(settings.recipients, JSON.stringify(message)) } : { message }),
  });
  const ownCopy = await seal([await identityToRecipient(conversation.identity)], text);
  await settings.store.enqueue(
    { id, payload },
    {
      message: {
        reportId: conversation.reportId,
        message: { from: 'reporter', sealed: ownCopy, day: dayOf(now) },
        expiresAt: expiryAfter(now, settings.retentionDays),
      },
    },
  );
}
