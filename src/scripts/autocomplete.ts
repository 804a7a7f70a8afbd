/**
 * Turns a plain <select> into an accessible autocomplete: a text input with role="combobox"
 * and a listbox of matching options, as GOV.UK's accessible-autocomplete and the WAI-ARIA
 * Authoring Practices "combobox with listbox popup" pattern do
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/). No third-party code.
 *
 * The <select> stays in the form, hidden, and keeps the chosen value: the server receives
 * exactly what a browser without JavaScript sends. Keyboard: type to filter, arrow keys to
 * move, Enter to choose, Escape to close. A status region announces how many options match.
 * Options may carry data-names="Den Haag|The Hague" (names people use, found like the name itself)
 * and data-former="Old name|Other name" (former names, found after those).
 * One option may carry data-always: it is offered after every search ("weet ik niet").
 */
import { fillAttribute } from '../i18n/message';

interface Option {
  value: string;
  label: string;
  /** Names people use besides the label ("Den Haag"). */
  everyday: string[];
  former: string[];
  always: boolean;
  /** Search keys, folded: the label, then the everyday names, then the former names. */
  keys: string[];
}

/** Lower case without accents or punctuation: "'s-Hertogenbosch" and "s hertogenbosch" match. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The options matching a query, best first: names (the label or an everyday name, such as
 * "Den Haag") that start with it, then names containing a word that starts with it, then names
 * containing it anywhere; a former-name match after those. Options marked `always` come last,
 * whatever the query.
 */
export function matches<T extends Pick<Option, 'keys' | 'always'> & { everyday?: string[] }>(options: T[], query: string): T[] {
  const q = fold(query);
  if (!q) return [];
  const rank = (option: T): number => {
    const split = 1 + (option.everyday?.length ?? 0);
    const names = option.keys.slice(0, split);
    const former = option.keys.slice(split);
    // A leading "'s-" or "'t-" is optional: "herto" finds 's-Hertogenbosch.
    if (names.some((n) => n.startsWith(q) || n.replace(/^[st] /, '').startsWith(q))) return 0;
    if (names.some((n) => n.includes(` ${q}`))) return 1;
    if (names.some((n) => n.includes(q))) return 2;
    if (former.some((f) => f.startsWith(q) || f.includes(` ${q}`))) return 3;
    if (former.some((f) => f.includes(q))) return 4;
    return -1;
  };
  const found = options
    .filter((o) => !o.always)
    .map((option) => ({ option, rank: rank(option) }))
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank)
    .map(({ option }) => option);
  return [...found, ...options.filter((o) => o.always)];
}

let counter = 0;

export function enhance(select: HTMLSelectElement, container: HTMLElement): void {
  const strings = {
    instructions: container.dataset.instructions ?? '',
    count: container.dataset.count,
    none: container.dataset.none ?? '',
    former: container.dataset.former ?? '',
  };
  const options: Option[] = [...select.options]
    .filter((o) => o.value !== '')
    .map((o) => {
      const former = o.dataset.former ? o.dataset.former.split('|') : [];
      const everyday = o.dataset.names ? o.dataset.names.split('|') : [];
      return {
        value: o.value,
        label: o.text,
        everyday,
        former,
        always: o.dataset.always !== undefined,
        keys: [fold(o.text), ...everyday.map(fold), ...former.map(fold)],
      };
    });
  const id = select.id || `picker-${++counter}`;
  const listId = `${id}-listbox`;

  const input = document.createElement('input');
  input.type = 'text';
  input.id = id;
  input.className = 'picker__input';
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listId);
  input.autocomplete = 'off';
  input.spellcheck = false;
  const describedBy = [select.getAttribute('aria-describedby'), `${id}-instructions`].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', describedBy);
  if (select.getAttribute('aria-invalid')) input.setAttribute('aria-invalid', select.getAttribute('aria-invalid')!);
  if (select.required) input.setAttribute('aria-required', 'true');
  input.value = select.selectedIndex > 0 ? select.options[select.selectedIndex].text : '';

  const instructions = document.createElement('span');
  instructions.id = `${id}-instructions`;
  instructions.className = 'visually-hidden';
  instructions.textContent = strings.instructions;

  const list = document.createElement('ul');
  list.id = listId;
  list.className = 'picker__list';
  list.setAttribute('role', 'listbox');
  // The label of the field names the listbox too.
  const label = document.querySelector<HTMLLabelElement>(`label[for="${id}"]`);
  if (label) {
    label.id ||= `${id}-label`;
    list.setAttribute('aria-labelledby', label.id);
  }
  list.hidden = true;

  const status = document.createElement('div');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');

  // The select keeps the value for the form; the input takes over its id, so the label, the
  // error summary's link and the hint all point at what the reader types in.
  select.id = `${id}-select`;
  select.hidden = true;
  select.tabIndex = -1;
  select.setAttribute('aria-hidden', 'true');
  select.after(input, instructions, list, status);

  let shown: Option[] = [];
  let active = -1;
  let statusTimer: ReturnType<typeof setTimeout> | undefined;

  const announce = (text: string) => {
    clearTimeout(statusTimer);
    // A short pause, so a screen reader is not interrupted on every key.
    statusTimer = setTimeout(() => (status.textContent = text), 400);
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index: number) => {
    active = index;
    [...list.children].forEach((item, i) => item.setAttribute('aria-selected', String(i === index)));
    if (index < 0) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    const item = list.children[index] as HTMLElement;
    input.setAttribute('aria-activedescendant', item.id);
    item.scrollIntoView?.({ block: 'nearest' });
  };
  const choose = (option: Option) => {
    input.value = option.label;
    select.value = option.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    close();
    announce('');
  };
  const render = () => {
    shown = matches(options, input.value);
    list.replaceChildren(
      ...shown.map((option, i) => {
        const item = document.createElement('li');
        item.id = `${id}-option-${i}`;
        item.className = 'picker__option';
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        item.textContent = option.label;
        // Found under another name: say which, so "Den Haag" is recognised in "'s-Gravenhage".
        const q = fold(input.value);
        const everyday = option.everyday.find((n) => fold(n).includes(q));
        const former = option.former.find((f) => fold(f).includes(q));
        const hintText = option.keys[0].includes(q) ? '' : everyday ? ` (${everyday})` : former && strings.former ? ` (${strings.former} ${former})` : '';
        if (hintText) {
          const hint = document.createElement('span');
          hint.className = 'picker__former';
          hint.textContent = hintText;
          item.append(hint);
        }
        // mousedown, not click: it comes before the input's blur, which would close the list.
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(option);
        });
        return item;
      }),
    );
    active = -1;
    const open = shown.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    input.removeAttribute('aria-activedescendant');
    const found = shown.filter((o) => !o.always).length;
    if (input.value.trim()) announce(found ? fillAttribute(strings.count, { count: found }) : strings.none);
  };
  /** The select follows what is typed: an exact name chooses it, anything else chooses nothing. */
  const sync = () => {
    const exact = options.find((o) => fold(o.label) === fold(input.value));
    select.value = exact ? exact.value : '';
  };

  input.addEventListener('input', () => {
    sync();
    render();
  });
  input.addEventListener('keydown', (event) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (list.hidden) render();
        if (shown.length) highlight(Math.min(active + 1, shown.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!list.hidden && shown.length) highlight(Math.max(active - 1, 0));
        break;
      case 'Enter':
        // Enter chooses the highlighted option instead of sending the form.
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          choose(shown[active]);
        }
        break;
      case 'Escape':
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
        break;
    }
  });
  input.addEventListener('blur', () => {
    sync();
    close();
  });
}

/** Enhances every [data-picker] on the page. */
export function enhanceAll(root: ParentNode = document): void {
  for (const container of root.querySelectorAll<HTMLElement>('[data-picker]')) {
    const select = container.querySelector('select');
    if (select && !container.dataset.enhanced) {
      container.dataset.enhanced = 'true';
      enhance(select, container);
    }
  }
}
