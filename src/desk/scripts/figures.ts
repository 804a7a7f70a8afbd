/**
 * Anonymous figures for the municipality's monitoring, computed in the browser after
 * decryption: reports per month × form of exploitation × gemeente, the share acknowledged and
 * given feedback within term, and how cases were closed. Every count below 5 is shown as "<5"
 * (including 0, so an empty cell cannot be told from a small one), and a share is given only
 * when it rests on at least 5 cases. "Afgesloten" is counted apart from its reasons: closed is
 * not the same as resolved.
 */
import { CLOSING_REASONS } from '../server/closing-reasons.ts';
import { FORM_LABELS } from './labels.ts';

export const MIN_CELL = 5;

/** A case's days, status and terms as the desk's API lists them (GET /api/zaken): no content. */
export interface CaseTerms {
  receivedDay: string;
  status: string;
  closingReason: string | null;
  ackDue: string;
  feedbackDue: string;
  acknowledgedDay: string | null;
}

export interface FigureCase extends CaseTerms {
  firstFeedbackDay: string | null;
  /** From the decrypted report; undefined when it could not be opened. */
  form: string | undefined;
  municipality: string | undefined;
}

export interface FigureRow {
  part: string;
  month: string;
  form: string;
  municipality: string;
  value: string;
}

export const suppress = (count: number) => (count < MIN_CELL ? `<${MIN_CELL}` : String(count));

/** Every month from the first to the last, so a month without reports is a row too. */
export function monthRange(days: string[]): string[] {
  if (days.length === 0) return [];
  const months = days.map((d) => d.slice(0, 7)).sort();
  const [first, last] = [months[0], months[months.length - 1]];
  const range: string[] = [];
  let [year, month] = first.split('-').map(Number);
  for (let m = first; m <= last; m = `${year}-${String(month).padStart(2, '0')}`) {
    range.push(m);
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
  return range;
}

/** Within term, late, or not yet decided (still running): a running term is not counted. */
export function termOutcome(doneDay: string | null, dueDay: string, today: string): 'op-tijd' | 'te-laat' | undefined {
  if (doneDay) return doneDay <= dueDay ? 'op-tijd' : 'te-laat';
  return today > dueDay ? 'te-laat' : undefined;
}

function share(outcomes: ('op-tijd' | 'te-laat' | undefined)[]): { judged: string; share: string } {
  const judged = outcomes.filter(Boolean).length;
  const onTime = outcomes.filter((o) => o === 'op-tijd').length;
  return { judged: suppress(judged), share: judged < MIN_CELL ? `<${MIN_CELL} meldingen` : `${Math.round((onTime / judged) * 100)} %` };
}

export function computeFigures(cases: FigureCase[], today: string): FigureRow[] {
  const rows: FigureRow[] = [];
  const row = (part: string, value: string, cell: Partial<FigureRow> = {}) => rows.push({ part, month: '', form: '', municipality: '', value, ...cell });
  const formOf = (c: FigureCase) => FORM_LABELS[c.form ?? ''] ?? FORM_LABELS['weet-ik-niet'];
  const placeOf = (c: FigureCase) => c.municipality ?? 'onbekend';
  const counts = new Map<string, number>();
  for (const c of cases) {
    const key = `${c.receivedDay.slice(0, 7)}|${formOf(c)}|${placeOf(c)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const places = [...new Set(cases.map(placeOf))].sort((a, b) => a.localeCompare(b, 'nl'));
  const forms = [...new Set(Object.values(FORM_LABELS))];
  for (const month of monthRange(cases.map((c) => c.receivedDay)))
    for (const municipality of places)
      for (const form of forms) row('meldingen', suppress(counts.get(`${month}|${form}|${municipality}`) ?? 0), { month, form, municipality });

  row('meldingen totaal', suppress(cases.length));
  const ack = share(cases.map((c) => termOutcome(c.acknowledgedDay, c.ackDue, today)));
  row('ontvangst: beoordeelde meldingen', ack.judged);
  row('ontvangst binnen termijn bevestigd', ack.share);
  const feedback = share(cases.map((c) => termOutcome(c.firstFeedbackDay, c.feedbackDue, today)));
  row('terugkoppeling: beoordeelde meldingen', feedback.judged);
  row('terugkoppeling binnen termijn', feedback.share);

  const closed = cases.filter((c) => c.status === 'afgesloten');
  row('open', suppress(cases.length - closed.length));
  row('afgesloten', suppress(closed.length));
  for (const [reason, label] of Object.entries(CLOSING_REASONS)) row(`reden van afsluiten: ${label}`, suppress(closed.filter((c) => c.closingReason === reason).length));
  return rows;
}

const CSV_HEADER = ['onderdeel', 'maand', 'vorm', 'gemeente', 'waarde'];

/** RFC 4180: every field quoted, quotes doubled; a leading = + - @ is defused for spreadsheets. */
const field = (value: string) => `"${(/^[=+\-@]/.test(value) ? `'${value}` : value).replaceAll('"', '""')}"`;

export const figuresCsv = (rows: FigureRow[]) =>
  `${[CSV_HEADER, ...rows.map((r) => [r.part, r.month, r.form, r.municipality, r.value])].map((line) => line.map(field).join(',')).join('\r\n')}\r\n`;
