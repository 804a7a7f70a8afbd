/**
 * The search page's enhancement: search as you type (debounced) and on submit, with
 * Pagefind's JavaScript API and our own small interface (so the strict CSP stays strict).
 *
 * What it costs the reader is the point of most choices here (docs/BENCHMARKS.md, "Search"):
 * - Pagefind is loaded at the first keystroke, on the main thread (no worker: one script less,
 *   and our index is small enough that a search takes milliseconds);
 * - each result's text (a Pagefind "fragment", one download each) is fetched only for the
 *   results shown: PAGE_SIZE at a time, more behind a button;
 * - typing searches from MIN_TYPED characters on; a shorter word waits for Enter, because one
 *   or two letters match so many words that Pagefind would fetch a large part of the index.
 *
 * For screen readers the live region announces once per settled search (the count), never
 * per keystroke; "searching…" is only said when a search is slow. Focus stays in the field
 * while typing; "show more" moves it to the first new result.
 */

import { fillAttribute } from '../i18n/message';

type Fragment = { url: string; meta: { title?: string }; excerpt: string };
type Hit = { data: () => Promise<Fragment> };
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  search: (term: string | null, options?: { filters?: Record<string, string> }) => Promise<{ results: Hit[] }>;
}

const DEBOUNCE_MS = 250;
const MIN_TYPED = 3;
const PAGE_SIZE = 5;
const SLOW_MS = 1000;
const FILTER_NAMES = ['doelgroep', 'vorm', 'gemeente', 'soort'];

let loading: Promise<Pagefind> | undefined;
function pagefind(): Promise<Pagefind> {
  loading ??= (async () => {
    // The index is written after the Astro build, so it is loaded at run time, not bundled.
    const path = '/pagefind/pagefind.js';
    const module = (await import(/* @vite-ignore */ path)) as Pagefind;
    await module.options({ noWorker: true, excerptLength: 24 });
    return module;
  })();
  // A failed load (offline) may be retried by the next search.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** The query and filters of the form (or of the address), as the address's search part. */
function paramsOf(form: HTMLFormElement): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (String(value).trim()) params.set(name, String(value).trim());
  return params;
}

function filtersOf(params: URLSearchParams): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

function resultItem(result: Fragment): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = result.url;
  link.textContent = result.meta.title ?? result.url;
  const excerpt = document.createElement('p');
  // Pagefind marks matches with <mark>; text only, so nothing from the index becomes markup.
  excerpt.textContent = result.excerpt.replace(/<\/?mark>/g, '');
  item.append(link, excerpt);
  return item;
}

export function enhanceSearch(): void {
  const form = document.querySelector<HTMLFormElement>('[data-search-form]');
  const status = document.querySelector<HTMLElement>('[data-search-status]');
  const list = document.querySelector<HTMLOListElement>('[data-search-results]');
  const more = document.querySelector<HTMLButtonElement>('[data-search-more]');
  if (!form || !status || !list || !more) return;
  document.querySelector('[data-search-nojs]')?.remove();
  const text = (key: string) => status.dataset[key] ?? '';

  let generation = 0;
  let shown = '';
  let hits: Hit[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function clear() {
    generation++;
    shown = '';
    hits = [];
    list!.replaceChildren();
    more!.hidden = true;
    status!.textContent = '';
  }

  /** Fetches the texts of the next PAGE_SIZE hits; false when a newer search took over meanwhile. */
  async function showNext(mine: number): Promise<HTMLLIElement[] | false> {
    const next = hits.slice(list!.children.length, list!.children.length + PAGE_SIZE);
    const fragments = await Promise.all(next.map((hit) => hit.data()));
    if (mine !== generation) return false;
    const items = fragments.map(resultItem);
    list!.append(...items);
    more!.hidden = list!.children.length >= hits.length;
    return items;
  }

  async function run(params: URLSearchParams) {
    const key = params.toString();
    if (key === shown) return;
    const query = params.get('q') ?? '';
    const filters = filtersOf(params);
    if (!query && Object.keys(filters).length === 0) {
      clear();
      history.replaceState(null, '', location.pathname);
      return;
    }
    const mine = ++generation;
    const slow = setTimeout(() => (status!.textContent = text('searching')), SLOW_MS);
    try {
      const { results } = await (await pagefind()).search(query || null, { filters });
      if (mine !== generation) return;
      hits = results;
      list!.replaceChildren();
      if ((await showNext(mine)) === false) return;
    } catch {
      // The index could not load (offline, or a deploy without it): say so instead of waiting
      // forever, and take away results of an earlier search that would now look like these.
      if (mine !== generation) return;
      list!.replaceChildren();
      more!.hidden = true;
      status!.textContent = text('failed');
      return;
    } finally {
      clearTimeout(slow);
    }
    shown = key;
    history.replaceState(null, '', `?${key}`);
    // Messages come translated from the page (with their plural forms); {query} and {count} are filled in here.
    status!.textContent = fillAttribute(hits.length === 0 ? status!.dataset.none : status!.dataset.count, { query, count: hits.length });
  }

  function typed() {
    void pagefind().catch(() => {});
    clearTimeout(timer);
    const params = paramsOf(form!);
    const query = params.get('q') ?? '';
    // Too short to search while typing (Enter still searches); an emptied field clears at once.
    if (query.length > 0 && query.length < MIN_TYPED) return;
    timer = setTimeout(() => void run(params), query ? DEBOUNCE_MS : 0);
  }

  form.addEventListener('input', typed);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void run(paramsOf(form));
  });
  let loadingMore = false;
  more.addEventListener('click', async () => {
    // A second press while the texts load would fetch the same results again.
    if (loadingMore) return;
    loadingMore = true;
    try {
      const items = await showNext(generation);
      // The reader asked for more: continue reading at the first new result.
      if (items) items[0]?.querySelector('a')?.focus();
    } catch {
      status!.textContent = text('failed');
    } finally {
      loadingMore = false;
    }
  });

  const initial = new URLSearchParams(location.search);
  for (const [name, value] of initial) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
  }
  void run(paramsOf(form));
}
