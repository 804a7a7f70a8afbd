/**
 * WCAG 1.4.10 Reflow: content fits 320 CSS px without scrolling sideways. The follow-up page was
 * 426–448 px wide in a 390 px screen (issue 22); this is the check that would have caught it.
 */
import type { Page } from '@playwright/test';

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
