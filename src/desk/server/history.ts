/**
 * What the audit log says about each case, for export and figures: its status changes (with
 * the day) and the first day the reporter got feedback (a question or a status after
 * "ontvangen"). The store keeps only a case's current status; the hash-chained log keeps the
 * history, and subjects hold report ids and statuses only, never content.
 */
import type { AuditRow, DeskStore } from './store.ts';

export interface StatusChange {
  day: string;
  status: string;
  reason: string | null;
}

export interface CaseHistory {
  statuses: StatusChange[];
  /** First day a question or a status beyond "ontvangen" went to the reporter; null if none yet. */
  firstFeedbackDay: string | null;
}

const STATUS_SUBJECT = /^(msg_[0-9a-f]{32}) ([a-z-]+)(?: \(([a-z-]+)\))?$/;

export function caseHistories(rows: AuditRow[]): Map<string, CaseHistory> {
  const histories = new Map<string, CaseHistory>();
  const of = (reportId: string) => {
    let history = histories.get(reportId);
    if (!history) histories.set(reportId, (history = { statuses: [], firstFeedbackDay: null }));
    return history;
  };
  for (const row of rows) {
    const day = row.at.slice(0, 10);
    let reportId: string | undefined;
    let feedback = false;
    if (row.action === 'zaak.status') {
      const match = STATUS_SUBJECT.exec(row.subject);
      if (!match) continue;
      reportId = match[1];
      of(reportId).statuses.push({ day, status: match[2], reason: match[3] ?? null });
      feedback = match[2] !== 'ontvangen';
    } else if (row.action === 'zaak.vraag' && /^msg_[0-9a-f]{32}$/.test(row.subject)) {
      reportId = row.subject;
      feedback = true;
    }
    if (reportId && feedback) of(reportId).firstFeedbackDay ??= day;
  }
  return histories;
}

/**
 * Every case's metadata with its first feedback day: what the figures need besides the reports,
 * which the browser's key worker already holds or fetches with the inbox (figures-view.ts).
 */
export async function figureCases(store: DeskStore) {
  const [histories, cases] = await Promise.all([store.audit().then(caseHistories), store.listCases()]);
  return cases.map(({ readBy: _readBy, ...c }) => ({ ...c, firstFeedbackDay: histories.get(c.reportId)?.firstFeedbackDay ?? null }));
}
