/** A case as the desk lists it and a report as the site sealed it, with the name the desk gives it. */
import type { CaseTerms } from './figures.ts';
import { FORM_LABELS } from './labels.ts';

export interface CaseMeta extends CaseTerms {
  reportId: string;
  assignee: string | null;
  replyRecipient: string;
  newAnswer: boolean;
  unread?: boolean;
}

export interface Report {
  language?: string;
  municipality?: { name?: string };
  exploitationForm?: string;
  signals?: { statement?: string }[];
  location?: string | null;
  when?: string | null;
  description?: string;
  people?: string | null;
  vehicles?: string | null;
  dangerNow?: string;
}

export const parseReport = (text: string | null | undefined): Report | undefined => {
  try {
    return text ? (JSON.parse(text) as Report) : undefined;
  } catch {
    return undefined;
  }
};

export const caseName = (report: Report | undefined) =>
  report ? `${FORM_LABELS[report.exploitationForm ?? ''] ?? 'Melding'}, ${report.municipality?.name ?? 'gemeente onbekend'}` : 'Melding (niet te openen)';
