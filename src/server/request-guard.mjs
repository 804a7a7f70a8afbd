/**
 * What the server refuses before Astro sees a request (the Node server, src/server/serve.mjs, and
 * the Worker, src/worker/entry.ts), so that odd requests get a clear
 * 4xx instead of a 500 and nothing about them reaches a log:
 * - methods other than GET, HEAD and POST, and POST anywhere but the report form: 405 with Allow;
 * - a request target that is not a plain path ("*", "http://…", control characters, malformed or
 *   NUL escapes): 400;
 * - a Host header that is not a host name or address with an optional port ("x@y"), or more
 *   than one Host header (RFC 9112, section 3.2: a MUST): 400;
 * - a Transfer-Encoding whose last coding is not chunked (RFC 9112, section 6.3: the body's
 *   length cannot be known, a MUST): 400. Two Content-Lengths, or Content-Length next to
 *   Transfer-Encoding, never get this far: Node's parser (and the Worker's platform) refuses them.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST'];

/** The only addresses that take a POST: the report and follow-up forms in every language, and the intake desk's question API. */
const POST_PATHS = /^\/(?:(?:[a-z]{2}\/)?melden\/(?:anoniem|terugkomen)\/|api\/vragen\/)(?:\?.*)?$/;

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const TARGET = /^\/[\x21-\x7e]*$/;

/** How many Host lines a request had (Node keeps only the first in req.headers.host). */
function hostLines(rawHeaders) {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].length === 4 && rawHeaders[i].toLowerCase() === 'host') count++;
  return count;
}

/** The last coding of a Transfer-Encoding value ("gzip, chunked" → "chunked"). */
const lastCoding = (value) =>
  value
    .slice(value.lastIndexOf(',') + 1)
    .trim()
    .toLowerCase();

/**
 * @param {{ method?: string, url?: string, headers: { host?: string, 'transfer-encoding'?: string }, rawHeaders?: string[] }} req
 *   the parts of a request it looks at: a Node IncomingMessage (the Node server, the preview's
 *   edge front), or the Worker's request as method, path and query, Host and Transfer-Encoding.
 *   Only a front that parsed the request sees a second Host line (rawHeaders); the Worker gets
 *   one Host from whatever parsed it: the preview's front (scripts/lib/preview-edge.ts) or, on
 *   the platform, Cloudflare's edge
 * @returns {{ status: number, headers?: Record<string, string>, message: string } | undefined}
 */
export function refusal(req) {
  if (!ALLOWED_METHODS.includes(req.method ?? '')) {
    return { status: 405, headers: { Allow: ALLOWED_METHODS.join(', ') }, message: 'Deze methode wordt niet ondersteund.' };
  }
  const target = req.url ?? '';
  if (req.method === 'POST' && !POST_PATHS.test(target)) {
    return { status: 405, headers: { Allow: 'GET, HEAD' }, message: 'Op dit adres kunt u niets versturen.' };
  }
  if (!TARGET.test(target) || target.startsWith('//')) return { status: 400, message: 'Ongeldig adres.' };
  // The decoded path is used below: a bare `decodeURI(target)` in a try is dropped by the
  // Worker bundle's minifier as free of side effects, and malformed escapes slip through.
  let path;
  try {
    path = decodeURI(target);
  } catch {
    return { status: 400, message: 'Ongeldig adres.' };
  }
  if (path.includes('\0')) return { status: 400, message: 'Ongeldig adres.' };
  const host = req.headers.host;
  if (host !== undefined && !HOST.test(host)) return { status: 400, message: 'Ongeldige Host-header.' };
  if (req.rawHeaders && hostLines(req.rawHeaders) > 1) return { status: 400, message: 'Meer dan één Host-header.' };
  const transferEncoding = req.headers['transfer-encoding'];
  if (transferEncoding !== undefined && lastCoding(transferEncoding) !== 'chunked') return { status: 400, message: 'Ongeldige Transfer-Encoding.' };
  return undefined;
}
