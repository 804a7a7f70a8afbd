/**
 * The inbox (#meldingen). The key worker fetches the list in pages and opens each, the first 50
 * first, so the first rows are on screen before the rest is fetched and open; the table holds 50
 * rows, and "Meer tonen" adds 50 more. Cases with an unread answer stay on top whichever page
 * brings them. Search and filters run over every opened report, in this browser only. A batch
 * that changes nothing on screen leaves the table (and the focus) alone, so 10,000 cases open
 * without a long task (docs/BENCHMARKS.md, "Desk inbox").
 */
import { announce, notice } from './client.ts';
import { element } from './dom.ts';
import { openInbox } from './keyring.ts';
import { STATUS_LABELS, deadline, formatDay } from './labels.ts';
import { type CaseMeta, type Report, caseName, parseReport } from './report.ts';

/** Rows in the table at first, and how many "Meer tonen" adds. */
const PAGE = 50;
const numberFormat = new Intl.NumberFormat('nl-NL');
const count = (n: number) => numberFormat.format(n);

interface InboxRow {
  c: CaseMeta;
  report: Report | undefined;
  /** Everything searchable, lower case: opened only here, never sent anywhere. */
  text: string;
  due: ReturnType<typeof deadline>;
}

/** Who is looking, and the team's names (for the assignee column). */
export interface InboxContext {
  memberId: () => string | undefined;
  name: (memberId: string) => string | undefined;
}

let context: InboxContext = { memberId: () => undefined, name: () => undefined };
let rows: InboxRow[] = [];
/** How many of `rows`, at the front, have an unread answer. */
let answered = 0;
let total = 0;
let loading = false;
let limit = PAGE;
/** Report ids of the rows in the table, in order; undefined after a new load: rebuild the table. */
let onScreen: string[] | undefined = [];
/** Each load counts up; batches of an older load are dropped. */
let generation = 0;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function matching(): InboxRow[] {
  const query = $<HTMLInputElement>('filter-text').value.trim().toLowerCase();
  const which = $<HTMLSelectElement>('filter-status').value;
  const member = context.memberId();
  return rows.filter(({ c, text, due }) => {
    if (query && !text.includes(query)) return false;
    if (which === 'open') return c.status !== 'afgesloten';
    if (which === 'afgesloten') return c.status === 'afgesloten';
    if (which === 'te-laat') return !!due?.overdue;
    if (which === 'mijn') return c.assignee === member;
    return true;
  });
}

function tableRow({ c, report, due }: InboxRow): HTMLElement {
  const row = element('tr');
  if (c.unread || c.newAnswer) row.classList.add('is-unread');
  const first = element('td');
  const link = element('a', caseName(report)) as HTMLAnchorElement;
  link.href = `#zaak/${c.reportId}`;
  first.append(link);
  if (c.unread) first.append(' ', element('span', 'Ongelezen', 'badge'));
  if (c.newAnswer) first.append(' ', element('span', 'Nieuw antwoord', 'badge'));
  row.append(
    first,
    element('td', STATUS_LABELS[c.status] ?? c.status),
    element('td', formatDay(c.receivedDay)),
    element('td', report?.municipality?.name ?? '–'),
    element('td', c.assignee ? (context.name(c.assignee) ?? 'oud lid') : '–'),
    element('td', due?.text ?? 'Afgesloten', due?.overdue ? 'overdue' : undefined),
  );
  return row;
}

/** Brings the table, the summary and "Meer tonen" up to date; adds rows rather than rebuilding. */
function update() {
  const list = matching();
  const wanted = list.slice(0, limit);
  const body = $('inbox-rows');
  const shown = onScreen;
  const extends_ = shown !== undefined && shown.length <= wanted.length && shown.every((id, i) => wanted[i].c.reportId === id);
  if (!extends_) body.replaceChildren();
  const from = extends_ ? shown.length : 0;
  if (from < wanted.length) body.append(...wanted.slice(from).map(tableRow));
  onScreen = wanted.map((r) => r.c.reportId);
  $('inbox-table').hidden = wanted.length === 0;
  const rest = list.length - wanted.length;
  const more = $<HTMLButtonElement>('inbox-more');
  more.hidden = rest === 0;
  more.textContent = `Meer tonen (nog ${count(rest)})`;
  const overdue = rows.filter((r) => r.due?.overdue).length;
  $('inbox-summary').textContent = loading
    ? `Even geduld, de meldingen worden nog geladen: ${count(rows.length)} van ${count(total)} zijn open. Zoeken en filteren werken nu alleen in deze ${count(rows.length)}.`
    : total === 0
      ? 'Er zijn nog geen meldingen.'
      : `${list.length === total ? count(total) : `${count(list.length)} van ${count(total)}`} ${total === 1 ? 'melding' : 'meldingen'}${overdue ? `, waarvan ${count(overdue)} te laat` : ''}. Nieuwe antwoorden staan bovenaan.${rest > 0 ? ` De eerste ${count(wanted.length)} staan in de tabel.` : ''}`;
}

/**
 * Loads the inbox again; resolves with the server's day once the first rows are in the table
 * (the rest keeps coming in the background).
 */
export function loadInbox(who: InboxContext): Promise<string> {
  context = who;
  const mine = ++generation;
  rows = [];
  answered = 0;
  // The rows in the table are the last load's: the first batch replaces them.
  onScreen = undefined;
  total = 0;
  loading = true;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let first = true;
    openInbox((batch) => {
      if (mine !== generation) return;
      total = batch.total;
      // The opened text is kept only as parsed here (and as search text), not a third time.
      for (const { opened, ...c } of batch.cases) {
        const report = parseReport(opened);
        const text = [caseName(report), report?.description, report?.location, report?.when, report?.people, report?.vehicles, STATUS_LABELS[c.status]]
          .filter(Boolean)
          .join(' ')
          .toLowerCase();
        const row = { c, report, text, due: deadline(c, batch.today) };
        // An unread answer from a later page joins the others on top, after those already there.
        if (c.newAnswer) rows.splice(answered++, 0, row);
        else rows.push(row);
      }
      loading = !batch.done;
      update();
      if (first) {
        first = false;
        if (loading) announce(`De eerste ${count(rows.length)} meldingen staan klaar. De andere worden nog geladen.`);
        resolve(batch.today);
      }
    }).then(
      () => {
        // A long wait ends with a word for screen readers (if they are still on the inbox); a quick one needs none.
        if (mine === generation && !$('view-inbox').hidden && performance.now() - started > 2000) announce(`Alle ${count(total)} meldingen zijn geopend.`);
      },
      (error: Error) => (first ? reject(error) : notice(error.message)),
    );
  });
}

/** Signing out: the opened reports leave this page's memory and the table (the worker forgets its copy with the key). */
export function clearInbox() {
  generation++;
  rows = [];
  answered = 0;
  onScreen = [];
  total = 0;
  $('inbox-rows').replaceChildren();
}

/** "Meer tonen": 50 more rows, and the focus on the first of them so a keyboard goes on there. */
function showMore() {
  const before = onScreen?.length ?? 0;
  limit += PAGE;
  update();
  const now = onScreen?.length ?? 0;
  $('inbox-rows').children[before]?.querySelector('a')?.focus();
  announce(`${count(now - before)} meldingen meer getoond, ${count(now)} in de tabel.`);
}

/** A new search or filter starts again at the first 50. */
function filter() {
  limit = PAGE;
  update();
}

$('filter-text').addEventListener('input', filter);
$('filter-status').addEventListener('change', filter);
$<HTMLFormElement>('filter-form').addEventListener('submit', (event) => event.preventDefault());
$('inbox-more').addEventListener('click', showMore);
