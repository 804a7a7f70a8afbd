/**
 * Identifiers of a report: random, never derived from time or from the reporter. The id is the
 * webhook-id for delivery; the reporter's receipt code is a secret of its own (receipt-code.ts).
 */
import { randomUUID } from 'node:crypto';

export function newReportId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

/** The hour in which a report arrived, as ISO 8601 (UTC): precise enough to act on, too coarse to match an access log. */
export function receivedHour(now = Date.now()): string {
  const hour = new Date(now);
  hour.setUTCMinutes(0, 0, 0);
  return hour.toISOString().replace('.000Z', 'Z');
}
