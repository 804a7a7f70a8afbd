/**
 * Which on-demand answers may be compressed: only those a page marks, and a page marks only an
 * answer that carries nothing a visitor sent. Default: not compressed.
 *
 * Why (BREACH, docs/DEPLOY.md "Compression"): compression leaks the length of what it
 * compressed. When an answer holds a secret that is the same in many answers next to text an
 * attacker chooses, the attacker who sees encrypted lengths can guess the secret byte by
 * byte. The blank report form on GET holds a form token and a proof-of-work challenge, but both
 * are new in every answer and nothing next to them comes from the request, so nothing can be
 * guessed. The form with errors (it keeps what was typed), the receipt, coming back and its
 * conversation, the busy page and the intake API echo what a visitor sent, or carry a code: they
 * are never marked.
 *
 * The mark is a response header that never leaves the server: each host takes it off.
 * - Node (src/server/on-demand-compression.mjs) compresses a marked answer by Accept-Encoding
 *   and adds `no-transform` to every other on-demand answer;
 * - the Worker (src/worker/entry.ts) leaves a marked answer to the platform, which compresses
 *   it, and adds `no-transform` to every other one, which the platform then leaves as it is.
 */
export const COMPRESSIBLE_HEADER = 'x-meldwijzer-compressible';

/** Marks an answer as safe to compress. Only for answers with no request input in them (see above). */
export function markCompressible(headers: Headers): void {
  headers.set(COMPRESSIBLE_HEADER, 'yes');
}

/** Cache-Control with `no-transform` added: no proxy or CDN may compress (or otherwise change) the answer. */
export function withNoTransform(cacheControl: string | null | undefined): string {
  if (!cacheControl) return 'no-transform';
  return /(^|,)\s*no-transform\s*(,|$)/i.test(cacheControl) ? cacheControl : `${cacheControl}, no-transform`;
}

/**
 * Whether an answer may be compressed: marked, and not the answer to a POST (which always
 * follows what was sent; the mark is never set there, and a mistake must not change that).
 */
export function mayCompress(method: string | undefined, marked: boolean): boolean {
  return marked && (method === 'GET' || method === 'HEAD');
}

/**
 * An on-demand answer for a platform that compresses on its own (the Worker: Cloudflare's edge
 * compresses text answers with status 200 by Accept-Encoding, Worker answers included). The mark
 * is taken off; a marked answer to a GET gets `Vary: Accept-Encoding` and is left to the
 * platform; every other answer gets `no-transform`, with which the edge sends it as it is.
 */
export function forCompressingPlatform(response: Response, method: string): Response {
  const headers = new Headers(response.headers);
  const marked = headers.has(COMPRESSIBLE_HEADER);
  headers.delete(COMPRESSIBLE_HEADER);
  if (mayCompress(method, marked)) {
    headers.append('Vary', 'Accept-Encoding');
  } else {
    headers.set('Cache-Control', withNoTransform(headers.get('Cache-Control')));
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
