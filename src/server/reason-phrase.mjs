/**
 * The status line's reason phrase from the status code. Astro's adapter copies the Response's
 * statusText into it, which is empty or "OK" for a page answering 404 or 410, so the server
 * sent `HTTP/1.1 404 OK`. Clients ignore the phrase, people reading a trace do not.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import { STATUS_CODES } from 'node:http';

/** @param {import('node:http').ServerResponse} res */
export function withStandardReason(res) {
  const writeHead = res.writeHead.bind(res);
  res.writeHead = (status, ...rest) => {
    // An explicit phrase passed to writeHead is the caller's choice; otherwise the standard one.
    if (typeof rest[0] !== 'string') res.statusMessage = STATUS_CODES[status] ?? '';
    return writeHead(status, ...rest);
  };
}
