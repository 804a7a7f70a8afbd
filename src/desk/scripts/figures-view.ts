/** The Cijfers view (beheerders): takes every report from the key worker, computes the figures, shows and exports them. */
import { api } from './client.ts';
import { type CaseTerms, computeFigures, figuresCsv, type FigureRow, HIDDEN } from './figures.ts';
import { openInbox } from './keyring.ts';
import { parseReport } from './report.ts';

interface FigureCaseMeta extends CaseTerms {
  reportId: string;
  firstFeedbackDay: string | null;
}

/**
 * The figures over the cases the server lists now. Their reports come from the key worker's inbox
 * run: what it opened for the inbox it hands over without opening again, the rest it fetches in
 * pages and opens, a batch per page. The list is asked for first: every case in it existed when
 * the run began, so the run lists it (server/inbox-pages.ts). Undefined when a newer inbox run
 * (the reader went back to the inbox) stopped this one.
 */
export async function loadFigures(): Promise<{ rows: FigureRow[]; csv: string; today: string } | undefined> {
  const { cases, today } = await api<{ cases: FigureCaseMeta[]; today: string }>('/api/cijfers');
  const opened = new Map<string, string | null>();
  const { stopped } = await openInbox((batch) => {
    for (const c of batch.cases) opened.set(c.reportId, c.opened);
  });
  if (stopped) return undefined;
  const rows = computeFigures(
    cases.map((c) => {
      const report = parseReport(opened.get(c.reportId));
      return { ...c, form: report?.exploitationForm, municipality: report?.municipality?.name };
    }),
    today,
  );
  return { rows, csv: figuresCsv(rows), today };
}

/** Fills the table; hidden month cells are left out on screen (the CSV lists every cell, those as HIDDEN). */
export function renderFigures(body: HTMLElement, rows: FigureRow[]) {
  body.replaceChildren();
  for (const row of rows) {
    if (row.part === 'meldingen' && row.value === HIDDEN) continue;
    const tr = document.createElement('tr');
    for (const text of [row.part, row.month || '–', row.form || '–', row.municipality || '–', row.value]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
}
