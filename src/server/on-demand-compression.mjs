/**
 * Compression of on-demand answers on the Node server, by one rule: an answer is compressed
 * only when its page marked it as carrying nothing a visitor sent (COMPRESSIBLE_HEADER, set by
 * markCompressible in src/lib/report/http/compression.ts; today only the blank report form on
 * GET). Everything else — the form with errors and kept values, the receipt, coming back, the
 * busy page, the intake API — goes out as rendered, with `no-transform` in Cache-Control so no
 * proxy compresses it either (BREACH; docs/DEPLOY.md "Compression"). The mark itself never
 * leaves the server.
 *
 * A marked answer gets `Vary: Accept-Encoding` and, when the browser accepts it, Brotli or gzip
 * made while it streams (no Content-Length: it is sent chunked, as every on-demand answer). HEAD
 * gets the same headers as GET, without compressing anything.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import { chooseEncoding } from './accept-encoding.mjs';
import { COMPRESSIBLE_HEADER, mayCompress, withNoTransform } from '../lib/report/http/compression.ts';

/**
 * Made per answer while it is sent, in libuv's thread pool (not on the event loop), so fast
 * settings: for the 56 KB form Brotli quality 5 gives 12.8 KB for about 2 ms of CPU and gzip
 * level 6 13.5 KB for about 1 ms, against 11.7 KB for 59 ms at quality 11 (the build's setting
 * for prerendered copies, made once).
 */
const COMPRESSORS = {
  br: () => createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
  gz: () => createGzip({ level: 6 }),
};
const CONTENT_ENCODING = { br: 'br', gz: 'gzip' };

/** The key of a header in a writeHead object, whatever its case. */
const keyOf = (headers, name) => Object.keys(headers).find((key) => key.toLowerCase() === name);

/**
 * Applies the rule to every answer the on-demand handler (or the busy page) writes on `res`.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function compressWhenMarked(req, res) {
  const writeHead = res.writeHead.bind(res);
  res.writeHead = (status, ...rest) => {
    let headers = rest.find((arg) => arg && typeof arg === 'object' && !Array.isArray(arg));
    if (!headers) {
      // Every writer here passes an object; a call without one gets an empty one to work on.
      headers = {};
      rest.push(headers);
    }
    const mark = keyOf(headers, COMPRESSIBLE_HEADER);
    const marked = mark !== undefined || res.hasHeader(COMPRESSIBLE_HEADER);
    if (mark !== undefined) delete headers[mark];
    res.removeHeader(COMPRESSIBLE_HEADER);
    if (!mayCompress(req.method, marked) || status !== 200) {
      const cacheControl = keyOf(headers, 'cache-control') ?? 'Cache-Control';
      headers[cacheControl] = withNoTransform(headers[cacheControl] ?? res.getHeader('cache-control'));
      return writeHead(status, ...rest);
    }
    const vary = keyOf(headers, 'vary') ?? 'Vary';
    headers[vary] = headers[vary] ? `${headers[vary]}, Accept-Encoding` : 'Accept-Encoding';
    const encoding = chooseEncoding(req.headers['accept-encoding'], ['br', 'gz']);
    if (encoding === 'identity') return writeHead(status, ...rest);
    const length = keyOf(headers, 'content-length');
    if (length !== undefined) delete headers[length];
    res.removeHeader('content-length');
    headers['Content-Encoding'] = CONTENT_ENCODING[encoding];
    const result = writeHead(status, ...rest);
    // HEAD: the same headers, and no body to compress.
    if (req.method !== 'HEAD') compressBody(res, COMPRESSORS[encoding]());
    return result;
  };
}

/** From here on, what the handler writes goes through `zip` to the wire. */
function compressBody(res, zip) {
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  zip.on('data', (chunk) => {
    if (!write(chunk)) {
      zip.pause();
      res.once('drain', () => zip.resume());
    }
  });
  zip.once('end', () => end());
  zip.once('error', () => res.destroy());
  // A reader who went away: stop compressing for them.
  res.once('close', () => zip.destroy());
  res.write = (...args) => zip.write(...args);
  res.end = (...args) => {
    zip.end(...args);
    return res;
  };
}
