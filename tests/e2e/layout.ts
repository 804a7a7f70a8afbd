/**
 * Layout checks that run on a page already loaded, at the width they need (site.spec.ts resizes
 * one loaded page instead of loading it again per width):
 * - WCAG 1.4.10 Reflow: content fits 320 CSS px without scrolling sideways. The follow-up page
 *   was 426–448 px wide in a 390 px screen (issue 22); this is the check that would have caught it.
 * - The phone layout (issue 16): at 390×800 the page's own heading starts within the top 250 px,
 *   below the quick exit, and is the first text of <main>.
 */
import type { Page } from '@playwright/test';

/** The desktop window the pages are checked with axe in (Playwright's default). */
export const DESKTOP = { width: 1280, height: 720 };
/** A common phone. */
export const PHONE = { width: 390, height: 800 };
/** 320 CSS px wide: a 1280 px window at 400 % zoom, the width WCAG 1.4.10 names. */
export const SMALLEST = { width: 320, height: 640 };

/**
 * '' when the page fits its window; otherwise how wide it is and the widest elements that stick
 * out on the right (tables and code blocks that scroll inside themselves are allowed by 1.4.10).
 */
export async function reflowProblem(page: Page): Promise<string> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll <= width) return '';
    const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && el.checkVisibility())
      .filter((el) => !el.closest('table, pre, [data-scrolls]'))
      .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
      .slice(0, 3)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().split(/\s+/).join('.')}` : ''} (${Math.round(el.getBoundingClientRect().right)} px)`,
      );
    return `${scroll} px breed in ${width} px: ${culprits.join(', ')}`;
  });
}

/** '' when <main>'s h1 starts within the top 250 px, below the quick exit, as the first visible text of <main>; otherwise what is wrong. */
export async function headingProblem(page: Page): Promise<string> {
  return page.evaluate(() => {
    const h1 = document.querySelector('main h1');
    if (!h1) return 'geen h1 in main';
    const top = h1.getBoundingClientRect().top + window.scrollY;
    const bar = document.querySelector('.quick-exit')!.getBoundingClientRect().bottom;
    // The first visible text in <main> must belong to the h1.
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.textContent!.trim() && (node.parentElement as HTMLElement).checkVisibility() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP,
    });
    const first = walker.nextNode();
    if (top > 250) return `h1 begint op ${Math.round(top)} px`;
    if (top < bar) return `Snel weg (tot ${Math.round(bar)} px) bedekt de h1 (${Math.round(top)} px)`;
    if (!first || !h1.contains(first)) return `tekst vóór de h1: "${first?.textContent?.trim().slice(0, 40)}"`;
    return '';
  });
}
