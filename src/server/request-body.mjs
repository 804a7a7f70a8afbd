/**
 * A POST's body, read before it waits for a render slot, and the form fields in it.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import { BODY_LIMITS } from '../lib/report/http/body.ts';

/**
 * Reads a POST body completely before the request takes an on-demand render slot
 * (render-limit.mjs), so a reader who sends slowly holds a connection, never a slot: otherwise
 * two slow uploads would block the report pages for everyone until the request timeout.
 * The body is handed to Astro as `req.body`, which @astrojs/node takes instead of the stream.
 *
 * At most `limit` + 1 bytes are kept: the rest is read and dropped until the client has sent it
 * all, so the handler still sees that the body is too large (413) and its answer reaches a client
 * that is still sending. Resolves undefined when the client goes away.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Buffer | undefined>}
 */
export function readBody(req, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let kept = 0;
    req.on('data', (chunk) => {
      if (kept > limit) return;
      const part = chunk.subarray(0, limit + 1 - kept);
      chunks.push(part);
      kept += part.length;
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => resolve(undefined));
    req.once('aborted', () => resolve(undefined));
    req.once('close', () => {
      if (!req.complete) resolve(undefined);
    });
  });
}

/**
 * The fields of a form that was sent (what readBody read), or undefined when the body is not
 * form-encoded, too large or was not received: the busy page sends them back, the paid lane looks
 * for a proof of work in them.
 * @param {{ headers: import('node:http').IncomingHttpHeaders }} req
 * @param {Uint8Array | undefined} body
 * @returns {URLSearchParams | undefined}
 */
export function sentForm(req, body) {
  if (!body || body.length > BODY_LIMITS.host) return undefined;
  if (!/^application\/x-www-form-urlencoded\b/i.test(String(req.headers['content-type'] ?? ''))) return undefined;
  return new URLSearchParams(new TextDecoder().decode(body));
}
