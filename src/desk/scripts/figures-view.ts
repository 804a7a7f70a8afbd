/** The Cijfers view (beheerders): opens every report here, computes the figures, shows and exports them. */
import { api } from './client.ts';
import { type CaseTerms, computeFigures, figuresCsv, type FigureRow, HIDDEN } from './figures.ts';
import { openAll } from './keyring.ts';

interface FigureCaseMeta extends CaseTerms {
  reportId: string;
  firstFeedbackDay: string | null;
  sealed: string | null;
}

export async function loadFigures(): Promise<{ rows: FigureRow[]; csv: string; today: string }> {
  const { cases, today } = await api<{ cases: FigureCaseMeta[]; today: string }>('/api/cijfers');
  const opened = await openAll(cases.filter((c) => c.sealed).map((c) => ({ id: c.reportId, sealed: c.sealed! })));
  const rows = computeFigures(
    cases.map((c) => {
      let report: { exploitationForm?: string; municipality?: { name?: string } } | undefined;
      try {
        report = JSON.parse(opened[c.reportId] ?? 'null') ?? undefined;
      } catch {
        report = undefined;
      }
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
