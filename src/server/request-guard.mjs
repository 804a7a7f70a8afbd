/**
 * What the server refuses before Astro sees a request (the Node server, src/server/serve.mjs, and
 * the Worker, src/worker/entry.ts), so that odd requests get a clear
 * 4xx instead of a 500 and nothing about them reaches a log:
 * - methods other than GET, HEAD and POST, and POST anywhere but the report form: 405 with Allow;
 * - a request target that is not a plain path ("*", "http://…", control characters, malformed or
 *   NUL escapes): 400;
 * - a Host header that is not a host name or address with an optional port ("x@y"): 400.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST'];

/** The only addresses that take a POST: the report and follow-up forms in every language, and the intake desk's question API. */
const POST_PATHS = /^\/(?:(?:[a-z]{2}\/)?melden\/(?:anoniem|terugkomen)\/|api\/vragen\/)(?:\?.*)?$/;

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const TARGET = /^\/[\x21-\x7e]*$/;

/**
 * @param {{ method?: string, url?: string, headers: { host?: string } }} req the parts of a request
 *   it looks at: a Node IncomingMessage, or the Worker's request as method, path and query, Host
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
  return undefined;
}
