/**
 * The events the relay forwards, in the Standard Webhooks payload shape
 * ({ "type", "timestamp", "data" }, https://www.standardwebhooks.com/ "Payload structure"),
 * versioned in `data.version`; their JSON Schema is in docs/RECEIVER.md.
 * - report.created: a new report (data.report as text, or data.sealed for the intake desk);
 * - report.message: information a reporter added later (data.message, or data.sealed).
 * The timestamp is the hour, never the exact time (identifiers.ts, receivedHour).
 * The other direction (desk → site's /api/vragen/): report.question and report.status, whose
 * sealed JSON is {"status": one of REPORT_STATUSES}.
 */
export const EVENT_VERSION = 2;

export type EventType = 'report.created' | 'report.message';

export function reportEvent(type: EventType, timestamp: string, data: { id: string } & Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp, data: { version: EVENT_VERSION, ...data } });
}

/** The handling statuses the desk sends in report.status and the reporter sees, in order. */
export const REPORT_STATUSES = ['ontvangen', 'in-behandeling', 'wacht-op-melder', 'doorgezet', 'afgesloten'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const isReportStatus = (value: unknown): value is ReportStatus => (REPORT_STATUSES as readonly unknown[]).includes(value);
