/**
 * The workbench: sign-in, unlock, inbox, case and audit log on one page (#meldingen, #zaak/…,
 * #logboek). Everything shown is opened here, in the key worker; the server sees ciphertext,
 * dates and statuses. Text from reports is only ever set as textContent.
 */
import { ApiError, announce, api, notice, setCsrf } from './client.ts';
import { parseRecoveryKey } from './crypto.ts';
import { lock, openAll, sealKeyFor, sealNote, sealQuestion, unlock, unlocked } from './keyring.ts';
import { requestKey, signInWithPasskey } from './passkey.ts';
import { exportCaseJson, exportFiguresCsv, printCase, rememberCase } from './export.ts';
import { loadFigures, renderFigures } from './figures-view.ts';
import { removeCell } from './remove-member.ts';
import { prepareTemplateChoice, showTemplatesView } from './templates.ts';
import { renderPasskeys } from './passkeys.ts';
import { DANGER_LABELS, FORM_LABELS, LANGUAGE_LABELS, STATUS_LABELS, deadline, formatDay } from './labels.ts';
import { element } from './dom.ts';
import { clearInbox, loadInbox } from './inbox.ts';
import { type CaseMeta, caseName, parseReport } from './report.ts';

interface Member {
  id: string;
  name: string;
  role: 'beheerder' | 'behandelaar';
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const VIEWS = ['loading', 'signin', 'unlock', 'inbox', 'case', 'audit', 'team', 'figures', 'templates', 'passkeys'] as const;
let member: Member | undefined;
let today = new Date().toISOString().slice(0, 10);
let shown: View = 'loading';

type View = (typeof VIEWS)[number];
/** The views an address leads to (route() below); the others belong to signing in. */
type Routed = Exclude<View, 'loading' | 'signin' | 'unlock'>;
const CASE_HASH = /^#zaak\/(msg_[0-9a-f]{32})$/;
const VIEW_OF_HASH = new Map<string, Routed>([
  ['#logboek', 'audit'],
  ['#team', 'team'],
  ['#cijfers', 'figures'],
  ['#sjablonen', 'templates'],
  ['#passkeys', 'passkeys'],
]);
/** The view an address shows; anything else is the inbox. */
const viewOf = (hash: string): Routed => (CASE_HASH.test(hash) ? 'case' : (VIEW_OF_HASH.get(hash) ?? 'inbox'));
const ROUTED = new Set<View>(['inbox', 'case', ...VIEW_OF_HASH.values()]);

function show(view: View, title?: string) {
  // A view whose data arrived after the reader went elsewhere (the inbox opens in the worker for a
  // while) must not cover the page they went to.
  if (ROUTED.has(view) && view !== viewOf(location.hash)) return;
  for (const name of VIEWS) $(`view-${name}`).hidden = name !== view;
  $('nav').hidden = !unlocked;
  const heading = $(`view-${view}`).querySelector('h1')!;
  if (title) heading.textContent = title;
  document.title = `${heading.textContent} – Meldbalie`;
  // Not on the first view of a page load: the page starts at its top (and its skip link) anyway.
  if (view !== shown && shown !== 'loading') heading.focus();
  shown = view;
}

function fact(list: HTMLElement, term: string, value: string | null | undefined) {
  if (value === null || value === undefined || value === '') return;
  list.append(element('dt', term), element('dd', value));
}

/** After the worker opened the key: tell the audit log, show the work. */
async function unlocked_(way: 'passkey' | 'herstelsleutel') {
  await api('/api/ontgrendeld', { way });
  $('member-name').textContent = member ? `${member.name} (${member.role})` : '';
  for (const id of ['nav-audit', 'nav-team', 'nav-figures', 'nav-templates']) $(id).hidden = member?.role !== 'beheerder';
}

async function signIn() {
  notice();
  try {
    const signedIn = await signInWithPasskey();
    setCsrf(signedIn.csrf);
    member = signedIn.member;
    if (!signedIn.wrappedIdentity) {
      await requestKey(signedIn);
      show('unlock');
      return notice(
        signedIn.prf
          ? 'U bent aangemeld, maar een beheerder heeft u nog geen toegang tot de sleutel gegeven. Vraag het een beheerder en meld u daarna opnieuw aan.'
          : 'Uw passkey kan de sleutel hier niet openen. Ontgrendel met de herstelsleutel.',
      );
    }
    const answer = signedIn.prf
      ? await unlock({ way: 'passkey', prf: signedIn.prf, credentialId: signedIn.credentialId, wrapped: signedIn.wrappedIdentity })
      : { ok: false };
    if (answer.ok) {
      // A key a colleague sealed for this passkey is kept from now on under its own PRF key.
      if ('rewrapped' in answer && answer.rewrapped)
        await api('/api/sleutel/herverpakt', { credentialId: signedIn.credentialId, wrappedIdentity: answer.rewrapped });
      // So a key rotation can seal the new keyring to this passkey (the server keeps the first).
      await requestKey(signedIn).catch(() => false);
      await unlocked_('passkey');
      return route();
    }
    show('unlock');
    notice('Uw passkey kan de sleutel hier niet openen. Ontgrendel met de herstelsleutel.');
  } catch (error) {
    notice(error instanceof ApiError ? error.message : 'Aanmelden is niet gelukt of afgebroken. Probeer het opnieuw.');
  }
}

async function unlockWithRecovery(event: SubmitEvent) {
  event.preventDefault();
  notice();
  const input = $<HTMLInputElement>('recovery-input');
  const bytes = parseRecoveryKey(input.value);
  if (!bytes) return notice('Deze herstelsleutel is niet compleet of bevat een tikfout: 52 tekens, cijfers en letters.');
  const { wrappedRecovery } = await api<{ wrappedRecovery: string }>('/api/herstel');
  if (!(await unlock({ way: 'herstelsleutel', bytes, wrapped: wrappedRecovery })).ok) return notice('Deze herstelsleutel past niet bij deze meldbalie.');
  await unlocked_('herstelsleutel');
  input.value = '';
  route();
}

/** Member id → name, for assignment. */
let names = new Map<string, string>();

async function loadNames() {
  const { members } = await api<{ members: { id: string; name: string }[] }>('/api/namen');
  names = new Map(members.map((m) => [m.id, m.name]));
}

async function showInbox() {
  await loadNames();
  // Shown once the first rows are in; the rest of the inbox keeps opening in the worker.
  today = await loadInbox({ memberId: () => member?.id, name: (id) => names.get(id) });
  show('inbox');
}

async function showCase(reportId: string) {
  const data = await api<{
    case: CaseMeta;
    events: { type: string; day: string; sealed: string }[];
    questions: { day: string; sealed: string }[];
    notes: { day: string; sealed: string; by: string }[];
    closingReasons: Record<string, string>;
    statuses: { day: string; status: string; reason: string | null }[];
  }>(`/api/zaken/${reportId}`);
  const items = [
    ...data.events.map((e, i) => ({ id: `e${i}`, sealed: e.sealed })),
    ...data.questions.map((q, i) => ({ id: `q${i}`, sealed: q.sealed })),
    ...data.notes.map((n, i) => ({ id: `n${i}`, sealed: n.sealed })),
  ];
  const opened = await openAll(items);
  const createdIndex = data.events.findIndex((e) => e.type === 'report.created');
  const report = parseReport(opened[`e${createdIndex}`]);
  await api(`/api/zaken/${reportId}/geopend`, {});
  const c = data.case;

  const meta = $('case-meta');
  meta.replaceChildren();
  fact(meta, 'Status', `${STATUS_LABELS[c.status]}${c.closingReason ? `: ${data.closingReasons[c.closingReason] ?? c.closingReason}` : ''}`);
  fact(meta, 'Ontvangen', formatDay(c.receivedDay));
  fact(meta, 'Ontvangst bevestigd', c.acknowledgedDay ? formatDay(c.acknowledgedDay) : 'Nog niet');
  const due = deadline(c, today);
  fact(meta, 'Termijn', due?.text ?? 'Geen: afgesloten');
  fact(meta, 'Behandelaar', c.assignee ? (names.get(c.assignee) ?? 'oud lid') : 'Nog niemand');
  fact(meta, 'Kenmerk', c.reportId);
  if (names.size === 0) await loadNames();
  const assign = $<HTMLSelectElement>('assign-select');
  assign.replaceChildren(new Option('Niemand', ''), ...[...names].map(([id, name]) => new Option(name, id)));
  assign.value = c.assignee ?? '';

  const facts = $('case-report');
  facts.replaceChildren();
  if (!report) fact(facts, 'Let op', 'Deze melding kan met deze sleutel niet worden geopend.');
  else {
    fact(facts, 'Gemeente', report.municipality?.name);
    fact(facts, 'Vorm', FORM_LABELS[report.exploitationForm ?? ''] ?? report.exploitationForm);
    fact(facts, 'Nu gevaar', DANGER_LABELS[report.dangerNow ?? ''] ?? report.dangerNow);
    fact(facts, 'Wat er gebeurt', report.description);
    fact(facts, 'Waar', report.location);
    fact(facts, 'Wanneer', report.when);
    fact(facts, 'Personen', report.people);
    fact(facts, 'Voertuigen', report.vehicles);
    fact(facts, 'Signalen', (report.signals ?? []).map((s) => `• ${s.statement}`).join('\n'));
    fact(facts, 'Taal van de melder', LANGUAGE_LABELS[report.language ?? ''] ?? report.language);
  }

  // Questions first on a day they share with answers: an answer follows the question it answers.
  const conversation = [
    ...data.questions.map((q, i) => ({ day: q.day, order: 0, from: 'desk', text: opened[`q${i}`] })),
    ...data.events.flatMap((e, i) =>
      e.type === 'report.message'
        ? [{ day: e.day, order: 1, from: 'reporter', text: (JSON.parse(opened[`e${i}`] ?? 'null') as { text?: string } | null)?.text ?? null }]
        : [],
    ),
  ].sort((a, b) => a.day.localeCompare(b.day) || a.order - b.order);
  const list = $('conversation');
  list.replaceChildren();
  for (const message of conversation) {
    const item = element('li', undefined, message.from === 'desk' ? 'from-desk' : 'from-reporter');
    item.tabIndex = -1;
    item.append(element('h3', `${message.from === 'desk' ? 'Vraag van de meldbalie' : 'Antwoord of aanvulling van de melder'}, ${formatDay(message.day)}`));
    item.append(element('p', message.text ?? '(niet te openen)'));
    list.append(item);
  }
  $('conversation-empty').hidden = conversation.length > 0;
  const notes = $('notes');
  notes.replaceChildren();
  data.notes.forEach((note, i) => {
    const item = element('li', undefined, 'from-desk');
    item.tabIndex = -1;
    item.append(element('h3', `${note.by}, ${formatDay(note.day)}`), element('p', opened[`n${i}`] ?? '(niet te openen)'));
    notes.append(item);
  });
  $('notes-empty').hidden = data.notes.length > 0;
  rememberCase({
    kenmerk: reportId,
    zaak: {
      status: c.status,
      redenAfsluiten: c.closingReason ? (data.closingReasons[c.closingReason] ?? c.closingReason) : null,
      ontvangen: c.receivedDay,
      ontvangstBevestigen: c.ackDue,
      ontvangstBevestigd: c.acknowledgedDay,
      terugkoppelingVoor: c.feedbackDue,
      behandelaar: c.assignee ? (names.get(c.assignee) ?? 'oud lid') : null,
    },
    melding: report ?? null,
    gesprek: conversation.map((m) => ({ dag: m.day, van: m.from === 'desk' ? 'meldbalie' : 'melder', tekst: m.text })),
    notities: data.notes.map((n, i) => ({ dag: n.day, door: n.by, tekst: opened[`n${i}`] ?? null })),
    statusgeschiedenis: data.statuses.map((h) => ({ dag: h.day, status: h.status, reden: h.reason })),
  });
  $('ack-text').textContent = c.acknowledgedDay
    ? `Bevestigd op ${formatDay(c.acknowledgedDay)}. De melder ziet "ontvangen".`
    : 'Nog niet bevestigd. De melder ziet dan "ontvangen op" de datum van vandaag.';
  $('acknowledge').hidden = !!c.acknowledgedDay;
  await prepareTemplateChoice(report?.language, c.receivedDay);
  $('view-case').dataset.reportId = reportId;
  $('view-case').dataset.replyRecipient = c.replyRecipient;
  show('case', `${caseName(report)} (${formatDay(c.receivedDay)})`);
}

async function showAudit() {
  const { rows, broken, names } = await api<{
    rows: { seq: number; at: string; actor: string; action: string; subject: string; hash: string }[];
    broken: { seq: number; reason: string } | null;
    names: Record<string, string>;
  }>('/api/logboek');
  $('audit-chain').textContent = broken
    ? `Let op: de keten is gebroken bij regel ${broken.seq} (${broken.reason}).`
    : `De keten van ${rows.length} regels klopt: geen regel is veranderd of verwijderd.`;
  $('audit-chain').className = broken ? 'overdue' : '';
  const body = $('audit-rows');
  body.replaceChildren();
  for (const row of rows) {
    const tr = element('tr');
    tr.append(
      element('td', String(row.seq)),
      element('td', row.at.replace('T', ' ').replace('Z', '')),
      element('td', names[row.actor] ?? row.actor),
      element('td', row.action),
      element('td', row.subject),
      element('td', row.hash.slice(0, 16), 'audit-hash'),
    );
    body.append(tr);
  }
  show('audit');
}

interface TeamMember {
  id: string;
  name: string;
  role: string;
  credentials: { id: string; hasKey: boolean; waiting: boolean; recipient: string | null }[];
}

async function giveKey(credential: { id: string; recipient: string | null }, button: HTMLButtonElement) {
  button.disabled = true;
  try {
    const { wrapped } = await sealKeyFor(credential.recipient!);
    await api('/api/leden/sleutel', { credentialId: credential.id, wrappedIdentity: wrapped });
    await showTeam();
    $('team-table').focus();
    announce('Toegang gegeven. Het lid kan de meldingen openen na opnieuw aanmelden.');
  } catch (error) {
    notice((error as Error).message);
    button.disabled = false;
  }
}

async function showTeam() {
  const { members } = await api<{ members: TeamMember[] }>('/api/leden');
  const body = $('team-rows');
  body.replaceChildren();
  for (const m of members) {
    const row = element('tr');
    const access = element('td');
    // A passkey waiting for the key first (a new one, or one a key rotation could not reach).
    const credential = m.credentials.find((c) => c.waiting) ?? m.credentials.find((c) => c.hasKey) ?? m.credentials[0];
    if (!credential) access.textContent = 'Nog geen passkey';
    else if (credential.hasKey) access.textContent = 'Ja';
    else if (credential.waiting) {
      access.append(element('span', 'Wacht op toegang '));
      const button = element('button', `Toegang geven aan ${m.name}`, 'utrecht-button utrecht-button--primary-action') as HTMLButtonElement;
      button.type = 'button';
      button.addEventListener('click', () => void giveKey(credential, button));
      access.append(button);
    } else access.textContent = 'Moet zich eerst aanmelden';
    row.append(element('td', m.name), element('td', m.role), access, removeCell(m, member?.id, showTeam));
    body.append(row);
  }
  show('team');
}

let figuresCsv = { csv: '', today: '' };

async function showFigures() {
  const figures = await loadFigures();
  if (!figures) return;
  const { rows, csv, today: day } = figures;
  figuresCsv = { csv, today: day };
  renderFigures($('figures-rows'), rows);
  show('figures');
}

async function route() {
  notice();
  try {
    const views: Record<Routed, () => Promise<unknown>> = {
      case: () => showCase(CASE_HASH.exec(location.hash)![1]),
      audit: showAudit,
      team: showTeam,
      figures: showFigures,
      templates: () => showTemplatesView().then(() => show('templates')),
      passkeys: () => renderPasskeys().then(() => show('passkeys')),
      inbox: showInbox,
    };
    await views[viewOf(location.hash)]();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return start();
    notice((error as Error).message);
  }
}

/**
 * Does a case action, shows the case again and moves the focus to its result (`result`, or else
 * the button), so keyboard and screen-reader users land where the change shows. After an error
 * the focus goes back to the button, to try again.
 */
async function act(button: HTMLElement, work: () => Promise<unknown>, done: string, result?: () => HTMLElement | null | undefined) {
  notice();
  (button as HTMLButtonElement).disabled = true;
  let target: HTMLElement | null | undefined = button;
  try {
    await work();
    announce(done);
    await showCase($('view-case').dataset.reportId!);
    announce(done);
    target = result?.() ?? button;
  } catch (error) {
    notice((error as Error).message);
  } finally {
    (button as HTMLButtonElement).disabled = false;
  }
  (target && target.offsetParent !== null ? target : $('case-title')).focus();
}

const lastOf = (listId: string, selector = 'li') => [...$(listId).querySelectorAll<HTMLElement>(selector)].at(-1);

async function start() {
  const session = await api<{ signedIn: boolean; setUp: boolean; csrf?: string; member?: Member }>('/api/sessie');
  if (!session.setUp) {
    show('signin');
    return notice('Deze meldbalie is nog niet ingesteld. Open de eenmalige instellink die de server bij het starten toonde.');
  }
  if (!session.signedIn) {
    if (unlocked) await lock();
    clearInbox();
    return show('signin');
  }
  setCsrf(session.csrf);
  member = session.member;
  if (!unlocked) return show('unlock');
  route();
}

$('signin-passkey').addEventListener('click', signIn);
$('unlock-passkey').addEventListener('click', signIn);
$<HTMLFormElement>('unlock-recovery').addEventListener('submit', (event) => void unlockWithRecovery(event).catch((e: Error) => notice(e.message)));
/** Ends this session (or every session of the member) and forgets the key in the worker. */
async function signOut(path: string) {
  await api(path, {}).catch(() => undefined);
  await lock();
  clearInbox();
  setCsrf(undefined);
  history.replaceState(null, '', '/');
  start();
}
$('sign-out').addEventListener('click', () => signOut('/api/afmelden'));
$('sign-out-everywhere').addEventListener('click', () => signOut('/api/afmelden/overal'));
$('acknowledge').addEventListener('click', (event) =>
  act(
    event.currentTarget as HTMLElement,
    () => api(`/api/zaken/${$('view-case').dataset.reportId}/status`, { status: 'ontvangen' }),
    'Ontvangst bevestigd. De melder ziet dit bij het terugkomen.',
    () => $('ack-text'),
  ),
);
$<HTMLFormElement>('question-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const textarea = $<HTMLTextAreaElement>('question-text');
  const text = textarea.value.trim();
  if (text.length < 2) return notice('Schrijf eerst uw vraag.');
  const view = $('view-case');
  act(
    event.submitter ?? textarea,
    async () => {
      const sealed = await sealQuestion(view.dataset.replyRecipient!, text);
      await api(`/api/zaken/${view.dataset.reportId}/vraag`, sealed);
      textarea.value = '';
    },
    'Vraag verstuurd.',
    () => lastOf('conversation', 'li.from-desk'),
  );
});
$<HTMLFormElement>('assign-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const memberId = $<HTMLSelectElement>('assign-select').value || null;
  act(
    event.submitter ?? $('assign-select'),
    () => api(`/api/zaken/${$('view-case').dataset.reportId}/toewijzen`, { memberId }),
    'Toegewezen.',
    () => $('case-meta'),
  );
});
$<HTMLFormElement>('note-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const textarea = $<HTMLTextAreaElement>('note-text');
  const text = textarea.value.trim();
  if (text.length < 2) return notice('Schrijf eerst uw notitie.');
  act(
    event.submitter ?? textarea,
    async () => {
      await api(`/api/zaken/${$('view-case').dataset.reportId}/notitie`, await sealNote(text));
      textarea.value = '';
    },
    'Notitie opgeslagen.',
    () => lastOf('notes'),
  );
});
$<HTMLFormElement>('status-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const status = $<HTMLSelectElement>('status-select').value;
  const reason = $<HTMLSelectElement>('reason-select').value;
  if (status === 'afgesloten' && !reason) return notice('Kies een reden om de melding af te sluiten.');
  act(
    event.submitter ?? $('status-select'),
    () => api(`/api/zaken/${$('view-case').dataset.reportId}/status`, { status, ...(status === 'afgesloten' ? { reason } : {}) }),
    'Status opgeslagen.',
    () => $('case-meta'),
  );
});
$('refresh').addEventListener('click', () => void route());
/** Logs the export first, then makes the file: an export the log cannot record does not happen. */
const exporting = (work: () => Promise<void>, done: string) => () =>
  work().then(
    () => announce(done),
    (error: Error) => notice(error.message),
  );
$('export-json').addEventListener('click', exporting(exportCaseJson, 'De melding is als JSON-bestand gedownload.'));
$('export-print').addEventListener('click', exporting(printCase, 'Afdrukken geopend.'));
$('export-csv').addEventListener(
  'click',
  exporting(() => exportFiguresCsv(figuresCsv.csv, figuresCsv.today), 'De cijfers zijn als CSV-bestand gedownload.'),
);

$<HTMLFormElement>('invite-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  notice();
  try {
    const name = $<HTMLInputElement>('invite-name').value.trim();
    const role = $<HTMLSelectElement>('invite-role').value;
    const { link, days } = await api<{ link: string; days: number }>('/api/uitnodigingen', { name, role });
    $('invite-link').textContent = link;
    $('invite-days').textContent = String(days);
    $('invite-result').hidden = false;
    $<HTMLInputElement>('invite-name').value = '';
    $('invite-link').focus();
    announce('Uitnodiging gemaakt. De link staat onder het formulier.');
  } catch (error) {
    notice((error as Error).message);
  }
});
// The skip link moves the focus into the page without changing the address (#inhoud is no view).
document.querySelector('.utrecht-skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  $('inhoud').focus();
});
window.addEventListener('hashchange', () => {
  if (unlocked) route();
});
start().catch((error: Error) => notice(error.message));
