/**
 * The 503 both hosts send when the on-demand renders are at their limit and the queue is
 * full (render-limit.mjs): a small page of its own, built from strings, that renders nothing
 * of the site, so answering it costs next to nothing while static files keep their speed.
 *
 * In Dutch and, when the address is under a language prefix (/pl/melden/anoniem/), in that
 * language too. After a POST the reader's values are kept: they come back in a form with the
 * same fields (hidden) and a button that sends them again to the same address, so nothing typed
 * is lost. A body that cannot be read (too large, not form-encoded, cut off) still gets the page,
 * telling the reader to go back and check their text is there. No-store and never compressed:
 * it may carry what the reader typed next to a form token (BREACH, docs/DEPLOY.md).
 *
 * A page opened (GET, HEAD; not the API) carries a proof-of-work challenge of the paid lane's
 * level (paid-lane.mjs) and one inline script, allowed by its hash alone: with JavaScript the
 * browser solves the challenge and opens the same address again with the solution in the query
 * (?altcha=…), which the paid lane lets in ahead of the flood. Without JavaScript the reader
 * keeps the "try again in N seconds" link.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import nl from '../i18n/strings/nl.json' with { type: 'json' };
import en from '../i18n/strings/en.json' with { type: 'json' };
import pl from '../i18n/strings/pl.json' with { type: 'json' };
import ro from '../i18n/strings/ro.json' with { type: 'json' };
import bg from '../i18n/strings/bg.json' with { type: 'json' };
import uk from '../i18n/strings/uk.json' with { type: 'json' };
import { sentForm } from './request-body.mjs';
import { splitLocale } from '../i18n/locales.ts';
import { createHash } from 'node:crypto';
import { CONTROL_FIELDS } from '../lib/report/core/intake.ts';
import { solveProofOfWork } from '../lib/report/core/solve-proof-of-work.ts';

const STRINGS = { nl, en, pl, ro, bg, uk };

const STYLE =
  'body{font:1.125rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}button{font:inherit;padding:.5rem 1rem}section+section{border-top:1px solid #767676;margin-top:1.5rem}';
/**
 * The script of a page that carries a challenge: shows that the browser is working, solves the
 * challenge with the loop the form's worker uses (its source inlined here, so the busy page
 * loads no file and knows no hashed asset name), then opens the same address with the solution
 * in the query, the form's field name, other parameters kept. location.replace: the busy page
 * does not stay in the history. Nothing happens without WebCrypto (plain http) or a solution.
 */
const SOLVE = `(${async (solve, field) => {
  const holder = document.querySelector('[data-challenge]');
  if (!holder || !globalThis.crypto?.subtle) return;
  const challenge = JSON.parse(holder.getAttribute('data-challenge'));
  const working = document.querySelectorAll('[data-working]');
  for (const note of working) note.hidden = false;
  const number = await solve(challenge);
  if (number === null) {
    for (const note of working) note.hidden = true;
    return;
  }
  const url = new URL(location.href);
  url.searchParams.set(field, btoa(JSON.stringify({ ...challenge, number })));
  location.replace(url.href);
}})(${solveProofOfWork}, ${JSON.stringify(CONTROL_FIELDS.proofOfWork)});`;
// An inline script ends at the first "</script" (and "<!--" changes how it is read): the inlined
// source must hold neither.
if (/<\/script|<!--/i.test(SOLVE)) throw new Error('busy-page.mjs: het script van de drukte-pagina bevat </script> of <!--.');

const sha256 = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
/** No script, one inline style by its hash, and a form that may post only back to this site. */
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
/** The same, and the one script of a page with a challenge, by its hash. */
const CSP_WITH_SCRIPT = `default-src 'none'; script-src ${sha256(SOLVE)}; style-src ${sha256(STYLE)}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

/**
 * Whether the busy page for `req` carries a challenge: a page opened (GET, or HEAD, whose
 * headers must be those of the GET), not a form sent and not the question API.
 * @param {{ method?: string, url?: string }} req
 */
export function carriesChallenge(req) {
  return (req.method === 'GET' || req.method === 'HEAD') && !new URL(req.url ?? '/', 'http://x').pathname.startsWith('/api/');
}

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One language's part of the page. */
function section(locale, seconds, { post, form, first, challenge }) {
  const s = STRINGS[locale];
  const lead = s['busy.lead'].replace('{seconds}', String(seconds));
  const level = first ? 1 : 2;
  const parts = [`<h${level}>${escapeHtml(s['busy.title'])}</h${level}>`, `<p>${escapeHtml(lead)}</p>`];
  // Shown by the script only: without JavaScript nothing is being worked on.
  if (challenge) parts.push(`<p data-working hidden role="status">${escapeHtml(s['busy.working'])}</p>`);
  if (!post) return [...parts, `<p><a href="">${escapeHtml(s['busy.retry'])}</a></p>`].join('\n');
  parts.push(`<p>${escapeHtml(s['busy.notSent'])}</p>`);
  if (form) parts.push(`<p>${escapeHtml(s['busy.kept'])}</p>`);
  parts.push(`<p>${escapeHtml(s['busy.back'])}</p>`);
  return parts.join('\n');
}

/**
 * The busy page for a request, with Retry-After: status, headers and body, for either host.
 * @param {{ method?: string, url?: string, headers: import('node:http').IncomingHttpHeaders }} req
 *   the request as the host sees it (url: path and query)
 * @param {number} seconds
 * @param {Uint8Array | undefined} sent what a POST sent (request-body.mjs)
 * @param {object} [challenge] for a page opened (carriesChallenge): one from ProofOfWork.issue()
 *   at the paid lane's level (paid-lane.mjs)
 * @returns {{ status: 503, headers: Record<string, string>, body: string }}
 */
export function busyPage(req, seconds, sent, challenge) {
  const { pathname } = new URL(req.url ?? '/', 'http://x');
  // The intake desk's question API speaks JSON, like its other refusals (docs/RECEIVER.md).
  if (pathname.startsWith('/api/')) {
    const json = JSON.stringify({ error: `Te druk: probeer het over ${seconds} seconden opnieuw.` });
    return {
      status: 503,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': String(seconds) },
      body: json,
    };
  }
  const { locale } = splitLocale(pathname);
  const post = req.method === 'POST';
  const form = post ? sentForm(req, sent) : undefined;
  // The reader's language first, Dutch after it.
  const locales = locale === 'nl' ? ['nl'] : [locale, 'nl'];
  const resend = form
    ? `<form method="post" action="${escapeHtml(req.url)}" lang="${locale}">\n${[...form]
        .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
        .join('\n')}\n<button type="submit">${locales.map((l) => escapeHtml(STRINGS[l]['busy.button'])).join(' / ')}</button>\n</form>`
    : '';
  const body = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(STRINGS[locale]['busy.title'])}</title>
<style>${STYLE}</style></head>
<body><main${challenge ? ` data-challenge="${escapeHtml(JSON.stringify(challenge))}"` : ''}>
${locales.map((l, i) => `<section lang="${l}">\n${section(l, seconds, { post, form, first: i === 0, challenge })}\n</section>`).join('\n')}
${resend}
</main>${challenge ? `\n<script>${SOLVE}</script>` : ''}</body></html>
`;
  return {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': String(seconds),
      'Content-Security-Policy': challenge ? CSP_WITH_SCRIPT : CSP,
    },
    body,
  };
}

/**
 * Answers `res` (the Node host) with the busy page.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} seconds
 * @param {Buffer | undefined} sent what a POST sent (request-body.mjs)
 * @param {object} [challenge] see busyPage
 */
export function sendBusyPage(req, res, seconds, sent, challenge) {
  if (res.headersSent || res.writableEnded) return;
  const page = busyPage(req, seconds, sent, challenge);
  res.writeHead(page.status, { ...page.headers, 'Content-Length': Buffer.byteLength(page.body) });
  res.end(req.method === 'HEAD' ? undefined : page.body);
}
