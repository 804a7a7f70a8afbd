/**
 * Runs the busy page's inline script (src/server/busy-page.mjs) as it is, outside a browser: in
 * a fresh V8 context given only what it uses of a window (the challenge's element, the notes it
 * shows, the address, WebCrypto). Resolves with the address it opens. The unit test runs it on
 * busyPage()'s page, the paid-lane scenario on what each host sends (the Worker's copy is
 * bundled), so a script that refers to anything outside itself fails there; Chromium with the
 * page's CSP is tests/e2e/proof-of-work.spec.ts.
 */
import { runInNewContext } from 'node:vm';
import { parse } from './html.ts';

export function runBusyPageScript(page: string, href: string): { opened: Promise<string>; notes: { hidden: boolean }[] } {
  const $ = parse(page);
  const notes = $('[data-working]')
    .map(() => ({ hidden: true }))
    .get();
  const opened = new Promise<string>((resolve) => {
    runInNewContext($('script').html() ?? '', {
      document: {
        querySelector: (selector: string) => (selector === '[data-challenge]' ? { getAttribute: () => $('main').attr('data-challenge') } : null),
        querySelectorAll: (selector: string) => (selector === '[data-working]' ? notes : []),
      },
      location: { href, replace: resolve },
      crypto,
      TextEncoder,
      URL,
      btoa,
      setTimeout,
    });
  });
  return { opened, notes };
}
