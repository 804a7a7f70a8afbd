/**
 * Anonymous figures for the municipality's monitoring, computed in the browser after
 * decryption: reports per month × form of exploitation × gemeente, the share acknowledged and
 * given feedback within term, and how cases were closed. "Afgesloten" is counted apart from its
 * reasons: closed is not the same as resolved.
 *
 * Small numbers are hidden (written HIDDEN), zero included, so an empty cell cannot be told from
 * a small one; a share is given only when it rests on at least 5 cases. Some figures add up to
 * others (the cells and open + afgesloten to the total, the closing reasons to afgesloten), so a
 * hidden count could be worked out from the rest: hideSmallCounts also hides complementary
 * counts until none can be (docs/DESK.md, "Figures for monitoring").
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

/**
 * How a hidden count is written: one mark for every hidden count, whether it is below 5 or hidden
 * to protect another. Two marks ("<5" and another) would tell a reader which hidden counts are 5
 * or more, and with a published total that can give a small one away: a hidden count below 5 and
 * one of 5 or more that together make 5 must be 0 and 5.
 */
export const HIDDEN = 'x';

/** A sum the published figures state: the count under `total` is the sum of those under `parts`. */
export interface SumGroup {
  total: string;
  parts: string[];
}

/**
 * Which counts to hide. First every count below `min` (primary suppression). Then, per group
 * (its total and its parts, each seen as one equation), until nothing changes:
 * - exactly one hidden figure in a group: the published ones give it away, so hide the smallest
 *   shown part, or the total when no part is shown;
 * - hidden parts that add up to 0: the total minus the shown parts says so, and each hidden part
 *   is then known to be 0, so hide the smallest shown part (or the total) as well.
 * A hidden total is a part of the group above it (afgesloten of open + afgesloten) or the total
 * of another (the total of the cells and of open + afgesloten), so hiding one can make the next
 * group need another: the loop runs until every group is settled. For groups that form a tree
 * (as those of computeFigures do), this leaves no hidden count that the published figures,
 * combined in any way and knowing that counts are whole and never negative, pin to one value
 * (tests/unit/desk-figures.test.ts checks it for random figures). A group whose counts are all 0
 * cannot be helped by itself; its hidden total ties it to the group above.
 */
export function hideSmallCounts(counts: ReadonlyMap<string, number>, groups: readonly SumGroup[], min = MIN_CELL): Set<string> {
  const hidden = new Set([...counts].filter(([, count]) => count < min).map(([key]) => key));
  const count = (key: string) => counts.get(key) ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of groups) {
      const hiddenParts = parts.filter((part) => hidden.has(part));
      const hiddenMembers = hiddenParts.length + (hidden.has(total) ? 1 : 0);
      const givenAway = hiddenMembers === 1 || (hiddenParts.length > 0 && hiddenParts.every((part) => count(part) === 0));
      if (!givenAway) continue;
      // The smallest shown part; on a tie, the first (so the result does not depend on Map order).
      const shown = parts.filter((part) => !hidden.has(part));
      const smallest = shown.reduce<string | undefined>((best, part) => (best === undefined || count(part) < count(best) ? part : best), undefined);
      const next = smallest ?? (hidden.has(total) ? undefined : total);
      if (next === undefined) continue;
      hidden.add(next);
      changed = true;
    }
  }
  return hidden;
}

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

/**
 * A count that stands alone (no published figure adds it up or is added up from it): hidden below
 * 5. The judged counts are such: the cases still within their term are not published.
 */
const alone = (count: number) => (count < MIN_CELL ? HIDDEN : String(count));

function share(outcomes: ('op-tijd' | 'te-laat' | undefined)[]): { judged: string; share: string } {
  const judged = outcomes.filter(Boolean).length;
  const onTime = outcomes.filter((o) => o === 'op-tijd').length;
  return { judged: alone(judged), share: judged < MIN_CELL ? HIDDEN : `${Math.round((onTime / judged) * 100)} %` };
}

export function computeFigures(cases: FigureCase[], today: string): FigureRow[] {
  const formOf = (c: FigureCase) => FORM_LABELS[c.form ?? ''] ?? FORM_LABELS['weet-ik-niet'];
  const placeOf = (c: FigureCase) => c.municipality ?? 'onbekend';
  // Every count that is part of a sum, under the key of its row; the rows follow in this order.
  const counts = new Map<string, number>();
  const cells: FigureRow[] = [];
  const key = (r: Pick<FigureRow, 'part' | 'month' | 'form' | 'municipality'>) => [r.part, r.month, r.form, r.municipality].join('|');
  const add = (part: string, count: number, cell: Partial<FigureRow> = {}) => {
    const r = { part, month: '', form: '', municipality: '', value: '', ...cell };
    counts.set(key(r), count);
    return r;
  };
  const perCell = new Map<string, number>();
  for (const c of cases) {
    const cell = `${c.receivedDay.slice(0, 7)}|${formOf(c)}|${placeOf(c)}`;
    perCell.set(cell, (perCell.get(cell) ?? 0) + 1);
  }
  const places = [...new Set(cases.map(placeOf))].sort((a, b) => a.localeCompare(b, 'nl'));
  const forms = [...new Set(Object.values(FORM_LABELS))];
  for (const month of monthRange(cases.map((c) => c.receivedDay)))
    for (const municipality of places)
      for (const form of forms) cells.push(add('meldingen', perCell.get(`${month}|${form}|${municipality}`) ?? 0, { month, form, municipality }));

  const closed = cases.filter((c) => c.status === 'afgesloten');
  const total = add('meldingen totaal', cases.length);
  const open = add('open', cases.length - closed.length);
  const closedRow = add('afgesloten', closed.length);
  // The desk closes a case only with one of these reasons (api.ts), so they add up to afgesloten.
  const reasons = Object.entries(CLOSING_REASONS).map(([reason, label]) =>
    add(`reden van afsluiten: ${label}`, closed.filter((c) => c.closingReason === reason).length),
  );
  // Each case is in exactly one cell (an unopened report in "Vorm onbekend", "onbekend"), and open or closed.
  const groups: SumGroup[] = [
    { total: key(total), parts: cells.map(key) },
    { total: key(total), parts: [key(open), key(closedRow)] },
    { total: key(closedRow), parts: reasons.map(key) },
  ];
  const hidden = hideSmallCounts(counts, groups);
  const shown = (r: FigureRow): FigureRow => ({ ...r, value: hidden.has(key(r)) ? HIDDEN : String(counts.get(key(r))) });

  const ack = share(cases.map((c) => termOutcome(c.acknowledgedDay, c.ackDue, today)));
  const feedback = share(cases.map((c) => termOutcome(c.firstFeedbackDay, c.feedbackDue, today)));
  const row = (part: string, value: string): FigureRow => ({ part, month: '', form: '', municipality: '', value });
  return [
    ...cells.map(shown),
    shown(total),
    row('ontvangst: beoordeelde meldingen', ack.judged),
    row('ontvangst binnen termijn bevestigd', ack.share),
    row('terugkoppeling: beoordeelde meldingen', feedback.judged),
    row('terugkoppeling binnen termijn', feedback.share),
    shown(open),
    shown(closedRow),
    ...reasons.map(shown),
  ];
}

const CSV_HEADER = ['onderdeel', 'maand', 'vorm', 'gemeente', 'waarde'];

/** RFC 4180: every field quoted, quotes doubled; a leading = + - @ is defused for spreadsheets. */
const field = (value: string) => `"${(/^[=+\-@]/.test(value) ? `'${value}` : value).replaceAll('"', '""')}"`;

export const figuresCsv = (rows: FigureRow[]) =>
  `${[CSV_HEADER, ...rows.map((r) => [r.part, r.month, r.form, r.municipality, r.value])].map((line) => line.map(field).join(',')).join('\r\n')}\r\n`;
