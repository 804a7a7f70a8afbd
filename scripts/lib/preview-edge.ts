/**
 * The preview's stand-in for Cloudflare's edge (npm run preview:serverless): a small node:http
 * front on the preview's address that hands every valid request to wrangler dev (workerd) on a
 * private loopback port, and answers itself what the edge answers before a deployed Worker:
 *
 * - what is not valid HTTP (a made-up method, a duplicate Content-Length, a bare LF): workerd's
 *   own server answers those with 500 or 501 and writes the Host or URL to its log; here they get
 *   the Node server's answers (405 with Allow, 400), from the same Node parser;
 * - a method other than GET, HEAD and POST, a request target that is not a path (`*`,
 *   `http://…`, CONNECT's host:port), a Host that is no host or comes twice, a Transfer-Encoding
 *   that does not end in chunked: the refusal of
 *   src/server/request-guard.mjs, as the Node server and the Worker give it (workerd could not
 *   carry the last two to the Worker at all);
 * - /cdn-cgi/: on the platform it belongs to the edge and never reaches the Worker; here it would
 *   reach wrangler's local routes (the explorer, the scheduled trigger). 404, always.
 *
 * Everything else goes through unchanged, body streamed (with CF-Connecting-IP set from the
 * connection when the client sent none), so the Worker itself still answers every request it
 * would get on the platform. Nothing about a request is logged.
 */
import { Agent, createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { refusal } from '../../src/server/request-guard.mjs';
import { FRAME_POLICY, SECURITY_HEADERS } from '../../src/server/security-headers.mjs';

/** Connection-level headers: they belong to one hop, not to the request or answer (this front answers Expect itself). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'expect']);

/** How much of a refused request's body the front reads before it answers anyway. */
const EDGE_DRAIN = 1024 * 1024;

function answer(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  const body = `${message}\n`;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': FRAME_POLICY,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** What the edge answers itself, or undefined when the request is the Worker's. */
function edgeAnswer(req: IncomingMessage): { status: number; message: string; headers?: Record<string, string> } | undefined {
  const target = req.url ?? '';
  if (/^\/cdn-cgi(?:\/|$)/i.test(target)) return { status: 404, message: 'Niet gevonden.' };
  const refused = refusal(req);
  if (!refused) return undefined;
  // Refusals the Worker gives as well are left to it (it sets the same headers), except those
  // workerd cannot carry to it: another method, a target that is not a path, a bad Host or a
  // second one (only the first is passed on), a Transfer-Encoding (a hop-by-hop header).
  const otherMethod = !['GET', 'HEAD', 'POST'].includes(req.method ?? '');
  const notPath = !target.startsWith('/') || target.startsWith('//');
  const badHeaders =
    refusal({
      method: 'GET',
      url: '/',
      headers: { host: req.headers.host, 'transfer-encoding': req.headers['transfer-encoding'] },
      rawHeaders: req.rawHeaders,
    }) !== undefined;
  return otherMethod || notPath || badHeaders ? refused : undefined;
}

/** Starts the front on host:port (0: any free port), forwarding to http://127.0.0.1:upstreamPort. */
export function startPreviewEdge(host: string, port: number, upstreamPort: number): Promise<Server> {
  // No small pool: with 64 sockets a flood of 128 requests held them all, and a request for a
  // static page waited here behind it, before the Worker ever saw it (bench:flood, 19.8 × idle).
  // Cloudflare's edge does not queue requests that way; the Worker's own render limit decides.
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  const server = createServer((req, res) => {
    // A reader who closes the tab mid-upload: nothing to log, nothing to answer.
    req.on('error', () => {});
    const own = edgeAnswer(req);
    if (own) {
      // Read what was sent before answering, as the Worker does, so the answer is not lost in a
      // reset; past 1 MiB, answer at once and close.
      let received = 0;
      const reply = () => {
        if (!res.headersSent) answer(res, own.status, own.message, { ...own.headers, ...(received > EDGE_DRAIN ? { Connection: 'close' } : {}) });
      };
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > EDGE_DRAIN) reply();
      });
      req.once('end', reply);
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    // The edge says who the reader is. A header the client sent is kept, so tests can play
    // several readers (on the platform Cloudflare overwrites it); without one, the connection's.
    headers['cf-connecting-ip'] ??= req.socket.remoteAddress ?? '';
    const upstream = forward({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers, agent }, (response) => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(response.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      res.writeHead(response.statusCode ?? 502, out);
      response.pipe(res);
      response.on('error', () => res.destroy());
    });
    upstream.on('error', () => {
      if (!res.headersSent) answer(res, 502, 'De Worker is niet bereikbaar. Probeer het zo opnieuw.');
      else res.destroy();
    });
    req.pipe(upstream);
    // A reader who went away: stop the Worker's request too.
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Malformed HTTP, answered as the Node server answers it (scripts/serve.mjs), nothing logged.
    const status = error.code === 'HPE_INVALID_METHOD' ? '405 Method Not Allowed\r\nAllow: GET, HEAD, POST' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
