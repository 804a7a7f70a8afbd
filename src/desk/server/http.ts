/**
 * The desk's HTTP server: /api/… here (api.ts), every other path from the Astro build
 * (dist-desk, @astrojs/node in standalone mode used as a handler). Pages are shells without
 * data; what a page shows comes from the API after sign-in. Strict headers on every answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleApi, type Desk } from './api.ts';
import { MAX_EVENT_BYTES } from './receiver.ts';
import { clientAddress } from '../../lib/report/http/client-address.ts';

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), publickey-credentials-get=(self), publickey-credentials-create=(self)',
  'x-frame-options': 'DENY',
};

type PageHandler = (req: IncomingMessage, res: ServerResponse) => void;

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function createDeskServer(desk: Desk, pages: PageHandler): Server {
  return createServer(async (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://desk');
    if (!url.pathname.startsWith('/api/')) {
      // Shells only; never cached so a sign-out leaves nothing behind.
      res.setHeader('cache-control', 'no-store');
      pages(req, res);
      return;
    }
    res.setHeader('cache-control', 'no-store');
    try {
      const body = req.method === 'GET' || req.method === 'HEAD' ? '' : await readBody(req, MAX_EVENT_BYTES);
      if (body === undefined) {
        res.writeHead(413, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'Bericht te groot.' }));
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
      // The client as the sign-in limit counts it: an IPv6 /64 as one, behind DESK_TRUSTED_PROXIES the forwarded address.
      const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], desk.config.trustedProxies);
      const answer = await handleApi(desk, { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body, address });
      const head: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      if (answer.cookie) head['set-cookie'] = answer.cookie;
      res.writeHead(answer.status, head).end(JSON.stringify(answer.body));
    } catch (failure) {
      console.error('Meldbalie: fout bij', url.pathname, failure instanceof Error ? failure.message : failure);
      if (!res.headersSent)
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'Interne fout. Probeer het opnieuw.' }));
    }
  });
}
