/**
 * Type-to-filter for a long list of links (the municipalities index). The page works without
 * it: every name is in the A–Z list with letter jump links. With JavaScript the hidden filter
 * field appears; typing hides the items that do not match, hides letter groups left empty and
 * the sections marked data-filter-hide, and a status region says how many remain. An item
 * matches on its data-filter-key (its own name) when it has one, else on its text. When the first
 * match is out of sight (on a phone it lies below the field and the keyboard), the page scrolls
 * so the field is at the top with the matches under it.
 */
import { fold } from './autocomplete';
import { fillAttribute } from '../i18n/message';

/** Scrolls the filter to the top of the window when the first match would be out of sight. */
function bringIntoView(box: HTMLElement, first: HTMLElement): void {
  const { bottom } = first.getBoundingClientRect();
  if (bottom > window.innerHeight || box.getBoundingClientRect().top < 0) box.scrollIntoView({ block: 'start' });
}

export function enhanceListFilters(root: ParentNode = document): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-list-filter]')) {
    const input = box.querySelector('input');
    const status = box.querySelector<HTMLElement>('[data-list-filter-status]');
    const target = document.getElementById(box.dataset.target ?? '');
    if (!input || !target) continue;
    const items = [...target.querySelectorAll<HTMLElement>('[data-filter-item]')].map((item) => ({
      item,
      key: fold(item.dataset.filterKey ?? item.textContent ?? ''),
    }));
    const groups = [...target.querySelectorAll<HTMLElement>('[data-filter-group]')];
    const hideWhileFiltering = [...document.querySelectorAll<HTMLElement>('[data-filter-hide]')];
    let timer: ReturnType<typeof setTimeout> | undefined;
    box.hidden = false;
    input.addEventListener('input', () => {
      const q = fold(input.value);
      let count = 0;
      for (const { item, key } of items) {
        const show = !q || key.includes(q);
        item.hidden = !show;
        if (show) count++;
      }
      for (const group of groups) group.hidden = !group.querySelector('[data-filter-item]:not([hidden])');
      for (const section of hideWhileFiltering) section.hidden = q !== '';
      if (q && count) bringIntoView(box, items.find(({ item }) => !item.hidden)!.item);
      clearTimeout(timer);
      if (status)
        timer = setTimeout(() => (status.textContent = q ? (count ? fillAttribute(box.dataset.count, { count }) : (box.dataset.none ?? '')) : ''), 400);
    });
  }
}
