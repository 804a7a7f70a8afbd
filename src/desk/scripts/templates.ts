/**
 * Reply templates (Standaardteksten) in the browser. The team's templates arrive sealed to the
 * desk and are opened in the key worker; a beheerder's changes are sealed there before they are
 * sent. In a case, a chosen template only fills the message box: staff read and change it, and
 * nothing is sent until they choose "Vraag versturen". Placeholders are filled in here.
 */
import { announce, api, notice } from './client.ts';
import { openAll, sealNote } from './keyring.ts';
import { LANGUAGE_LABELS } from './labels.ts';
import { fillPlaceholders, type TemplateText } from '../default-templates.ts';

export interface Template extends TemplateText {
  id: string;
  day: string;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const languageName = (code: string | undefined) => (code ? (LANGUAGE_LABELS[code] ?? code) : 'onbekend');
let templates: Template[] = [];

/** Fetches and opens the team's templates; one that cannot be opened is left out. */
export async function loadTemplates(): Promise<Template[]> {
  const { templates: sealed } = await api<{ templates: { id: string; sealed: string; day: string }[] }>('/api/sjablonen');
  const opened = await openAll(sealed.map(({ id, sealed }) => ({ id, sealed })));
  templates = sealed.flatMap(({ id, day }) => {
    try {
      const t = JSON.parse(opened[id] ?? '') as TemplateText;
      return typeof t.title === 'string' && typeof t.text === 'string'
        ? [{ id, day, title: t.title, language: typeof t.language === 'string' ? t.language : 'nl', text: t.text }]
        : [];
    } catch {
      return [];
    }
  });
  return templates;
}

const optionLabel = (t: Template) => `${t.title} (${languageName(t.language)})`;

let caseFacts = { language: 'nl', receivedDay: '' };

/**
 * Fills the template choice of a case: templates in the reporter's language first, then Dutch,
 * then the rest; the hint names the reporter's language and says when no template is in it.
 */
export async function prepareTemplateChoice(language: string | undefined, receivedDay: string) {
  caseFacts = { language: language ?? 'nl', receivedDay };
  await loadTemplates();
  const rank = (t: Template) => (t.language === caseFacts.language ? 0 : t.language === 'nl' ? 1 : 2);
  const sorted = [...templates].sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title, 'nl'));
  $<HTMLSelectElement>('template-select').replaceChildren(new Option('Kies een standaardtekst', ''), ...sorted.map((t) => new Option(optionLabel(t), t.id)));
  const inLanguage = templates.some((t) => t.language === caseFacts.language);
  $('template-select-hint').textContent =
    (language ? `De melder schreef in het ${languageName(language)}.` : 'De taal van de melder is onbekend.') +
    (inLanguage || !language ? '' : ` Er is geen standaardtekst in het ${languageName(language)}.`) +
    ' De tekst komt in het vak hieronder; u kunt hem aanpassen. Er gaat pas iets naar de melder als u op Vraag versturen drukt.';
  $('template-use').hidden = templates.length === 0;
  $<HTMLSelectElement>('template-select').disabled = templates.length === 0;
}

function useTemplate() {
  notice();
  const chosen = templates.find((t) => t.id === $<HTMLSelectElement>('template-select').value);
  if (!chosen) return notice('Kies eerst een standaardtekst.');
  const box = $<HTMLTextAreaElement>('question-text');
  if (box.value.trim() && !confirm('Uw tekst in het vak vervangen door de standaardtekst?')) return;
  box.value = fillPlaceholders(chosen.text, chosen.language, caseFacts.receivedDay);
  // Into the box, to read and change it before sending.
  box.focus();
  box.setSelectionRange(0, 0);
  announce(`Standaardtekst ${optionLabel(chosen)} staat in het vak. Pas hem zo nodig aan en verstuur hem daarna.`);
}

/* The beheerder's page: list, add, change, remove. */

let editing: string | undefined;

function resetForm() {
  editing = undefined;
  $<HTMLFormElement>('template-form').reset();
  $('template-form-title').textContent = 'Nieuwe standaardtekst';
  $('template-cancel').hidden = true;
}

function renderList(focusId?: string) {
  const list = $('templates-list');
  list.replaceChildren();
  const sorted = [...templates].sort((a, b) => a.title.localeCompare(b.title, 'nl') || a.language.localeCompare(b.language));
  for (const t of sorted) {
    const item = document.createElement('li');
    item.className = 'from-desk';
    const heading = document.createElement('h3');
    heading.textContent = optionLabel(t);
    heading.tabIndex = -1;
    heading.id = `template-${t.id}`;
    const text = document.createElement('p');
    text.textContent = t.text;
    const actions = document.createElement('p');
    actions.className = 'desk-actions';
    for (const [label, work] of [
      ['bewerken', () => edit(t)],
      ['verwijderen', () => void remove(t)],
    ] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'utrecht-button utrecht-button--secondary-action';
      button.textContent = `${optionLabel(t)} ${label}`;
      button.addEventListener('click', work);
      actions.append(button, ' ');
    }
    item.append(heading, text, actions);
    list.append(item);
  }
  $('templates-empty').hidden = templates.length > 0;
  if (focusId) $(`template-${focusId}`)?.focus();
}

function edit(t: Template) {
  editing = t.id;
  $<HTMLInputElement>('template-title').value = t.title;
  $<HTMLSelectElement>('template-language').value = t.language in LANGUAGE_LABELS ? t.language : 'nl';
  $<HTMLTextAreaElement>('template-text').value = t.text;
  $('template-form-title').textContent = `Standaardtekst bewerken: ${optionLabel(t)}`;
  $('template-cancel').hidden = false;
  $('template-title').focus();
}

async function remove(t: Template) {
  notice();
  if (!confirm(`Standaardtekst ${optionLabel(t)} verwijderen? Dit kan niet ongedaan worden gemaakt.`)) return;
  try {
    await api(`/api/sjablonen/${t.id}/verwijderen`, {});
    if (editing === t.id) resetForm();
    await loadTemplates();
    renderList();
    $('templates-list-title').focus();
    announce(`Standaardtekst ${optionLabel(t)} is verwijderd.`);
  } catch (error) {
    notice((error as Error).message);
  }
}

async function save(event: SubmitEvent) {
  event.preventDefault();
  notice();
  const value: TemplateText = {
    title: $<HTMLInputElement>('template-title').value.trim(),
    language: $<HTMLSelectElement>('template-language').value,
    text: $<HTMLTextAreaElement>('template-text').value.trim(),
  };
  if (!value.title || value.text.length < 2) return notice('Vul een titel en de tekst van de standaardtekst in.');
  const button = event.submitter as HTMLButtonElement | null;
  if (button) button.disabled = true;
  try {
    const { sealed } = await sealNote(JSON.stringify(value));
    const { id } = await api<{ id: string }>(editing ? `/api/sjablonen/${editing}` : '/api/sjablonen', { sealed });
    resetForm();
    await loadTemplates();
    renderList(id);
    announce(`Standaardtekst ${value.title} is opgeslagen.`);
  } catch (error) {
    notice((error as Error).message);
  } finally {
    if (button) button.disabled = false;
  }
}

/** Loads and lists the templates for the Standaardteksten view (beheerders). */
export async function showTemplatesView() {
  resetForm();
  await loadTemplates();
  renderList();
}

$('template-use').addEventListener('click', useTemplate);
$<HTMLFormElement>('template-form').addEventListener('submit', (event) => void save(event));
$('template-cancel').addEventListener('click', () => {
  resetForm();
  $('templates-list-title').focus();
});
