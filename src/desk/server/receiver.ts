/**
 * The desk as the receiver of docs/RECEIVER.md: verifies the Standard Webhooks signature under
 * the forward secret, refuses stale timestamps, is idempotent on webhook-id, and stores each
 * event exactly as it arrived (sealed: the server cannot read it). A new report opens a case with
 * its received day and deadlines; an answer marks its case as having news.
 */
import { verify } from '../../lib/report/crypto/signing.ts';
import { AGE_RECIPIENT } from '../../lib/report/crypto/seal.ts';
import type { DeskStore } from './store.ts';
import { addDays, today } from './days.ts';

export const MAX_EVENT_BYTES = 64 * 1024;
const ID = /^msg_[0-9a-f]{32}$/;

export interface ReceiverContext {
  store: DeskStore;
  forwardSecret: string | undefined;
  ackDays: number;
  feedbackDays: number;
  now?: number;
}

export interface Incoming {
  contentType: string;
  headers: { id?: string; timestamp?: string; signature?: string };
  body: string;
}

export type Answer = { status: number; body: Record<string, string> };

/** The sealed part of a stored event's body (what the browser opens). */
export const sealedOf = (body: string) => JSON.parse(body).data.sealed as string;

export async function receiveEvent(incoming: Incoming, context: ReceiverContext): Promise<Answer> {
  const now = context.now ?? Date.now();
  // Not set up yet: the site keeps the report and tries again later.
  if (!context.forwardSecret) return { status: 503, body: { error: 'De meldbalie is nog niet ingesteld.' } };
  if (!incoming.contentType.toLowerCase().startsWith('application/json')) return { status: 415, body: { error: 'content-type moet application/json zijn.' } };
  if (Buffer.byteLength(incoming.body) > MAX_EVENT_BYTES) return { status: 413, body: { error: 'Bericht te groot.' } };
  const check = verify(context.forwardSecret, incoming.headers, incoming.body, now);
  if (!check.ok) return { status: 401, body: { error: check.reason } };
  let event: { type?: unknown; data?: Record<string, unknown> };
  try {
    event = JSON.parse(incoming.body);
  } catch {
    return { status: 400, body: { error: 'Geen geldige JSON.' } };
  }
  const data = event.data ?? {};
  const known = event.type === 'report.created' || event.type === 'report.message';
  if (!known || data.id !== incoming.headers.id || typeof data.id !== 'string' || !ID.test(data.id)) {
    return { status: 400, body: { error: 'Verwacht een report.created of report.message met data.id gelijk aan webhook-id.' } };
  }
  // The desk reads reports only in the browser: a report as text means the site has no REPORT_RECIPIENTS.
  if (typeof data.sealed !== 'string' || !data.sealed.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')) {
    return { status: 422, body: { error: 'Niet versleuteld: zet REPORT_RECIPIENTS op de site (de sleutel van deze meldbalie).' } };
  }
  const created = event.type === 'report.created';
  const reportId = created ? data.id : data.reportId;
  if (typeof reportId !== 'string' || !ID.test(reportId)) return { status: 400, body: { error: 'data.reportId ontbreekt of is ongeldig.' } };
  if (created && (typeof data.replyRecipient !== 'string' || !AGE_RECIPIENT.test(data.replyRecipient))) {
    return { status: 400, body: { error: 'data.replyRecipient ontbreekt of is geen age-sleutel.' } };
  }
  const day = today(now);
  const stored = await context.store.receive(
    { webhookId: data.id, type: event.type as 'report.created' | 'report.message', reportId, body: incoming.body, receivedDay: day },
    created
      ? {
          reportId,
          receivedDay: day,
          status: 'nieuw',
          closingReason: null,
          ackDue: addDays(day, context.ackDays),
          feedbackDue: addDays(day, context.feedbackDays),
          acknowledgedDay: null,
          assignee: null,
          replyRecipient: data.replyRecipient as string,
        }
      : undefined,
  );
  return { status: 200, body: { status: stored ? 'received' : 'duplicate' } };
}
