/**
 * The prerendered site, answered from a table prepared at start-up: per address and encoding
 * the complete list of response headers (security headers, the page's CSP, type, length, ETag,
 * caching, Vary) and the bytes, read into memory on first use. A request costs a map lookup,
 * the choice of encoding and one write: no stat, no path resolution, no header building.
 *
 * - HEAD gets exactly the headers of GET (Content-Length included), without the body.
 * - Hashed files under /_astro/ are `immutable` for a year; everything else is revalidated with
 *   its ETag (a strong hash of the bytes, per encoding) and answered 304 when unchanged.
 * - Brotli or gzip copies made by the build are chosen by Accept-Encoding (accept-encoding.mjs),
 *   with `Vary: Accept-Encoding`. Only prerendered files are compressed: they carry no secret
 *   and nothing a visitor typed (BREACH needs both; docs/DEPLOY.md).
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chooseEncoding } from './accept-encoding.mjs';
import { FRAME_POLICY, SECURITY_HEADERS, withFramePolicy } from './security-headers.mjs';
import { MANIFEST_FILE, MANIFEST_VERSION, manifestWithoutCopies } from './static-manifest.mjs';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const CONTENT_ENCODING = { br: 'br', gz: 'gzip' };

/**
 * Astro's per-page CSP (dist/_headers.json) by address without the trailing slash, with
 * frame-ancestors added. The site has a handful of distinct policies for 6,300 pages: each is
 * extended once and shared.
 */
async function pagePolicies(distDir) {
  const file = join(distDir, '_headers.json');
  const policies = new Map();
  if (!existsSync(file)) return policies;
  const extended = new Map();
  for (const { pathname, headers } of JSON.parse(await readFile(file, 'utf8'))) {
    const policy = headers.find((h) => h.key.toLowerCase() === 'content-security-policy')?.value;
    if (!policy) continue;
    if (!extended.has(policy)) extended.set(policy, withFramePolicy(policy));
    policies.set(pathname.replace(/\/$/, '') || '/', extended.get(policy));
  }
  return policies;
}

/**
 * Gives the event loop back now and then: a running server loads a new build next to the old
 * one (site-build.mjs), and its readers should not wait for the table to be built.
 */
const breather = () => new Promise((resolve) => setImmediate(resolve));

/** The CSP address of a file's address: "/hulp/" and "/404.html" are "/hulp" and "/404". */
const policyKey = (address) => address.replace(/\/$/, '').replace(/\.html$/, '') || '/';

/**
 * @param {string} distDir the build folder (with client/, _headers.json, static-files.json)
 * @returns {Promise<{ serve: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean, files: number, compressed: boolean }>}
 */
export async function loadStaticFiles(distDir) {
  const clientDir = join(distDir, 'client');
  const manifestPath = join(distDir, MANIFEST_FILE);
  let manifest = existsSync(manifestPath) ? JSON.parse(await readFile(manifestPath, 'utf8')) : undefined;
  // A build from before the table existed: make it now, without compressed copies.
  if (manifest?.version !== MANIFEST_VERSION) manifest = await manifestWithoutCopies(clientDir);
  const policies = await pagePolicies(distDir);

  /** address → { variants: { identity, br?, gz? }, encodings } */
  const table = new Map();
  let compressed = false;
  let rows = 0;
  for (const [address, row] of Object.entries(manifest.files)) {
    if (++rows % 250 === 0) await breather();
    const encodings = ['br', 'gz'].filter((e) => row[e]);
    if (encodings.length) compressed = true;
    const policy = row.type.startsWith('text/html') ? policies.get(policyKey(address)) : undefined;
    const common = {
      ...SECURITY_HEADERS,
      'Content-Security-Policy': policy ?? FRAME_POLICY,
      'Cache-Control': address.startsWith('/_astro/') ? IMMUTABLE : REVALIDATE,
      ...(encodings.length ? { Vary: 'Accept-Encoding' } : {}),
    };
    const variant = (encoding) => {
      const etag = encoding === 'identity' ? row.etag : `${row.etag.slice(0, -1)}-${encoding}"`;
      const notModified = { ...common, ETag: etag };
      const headers = {
        ...notModified,
        'Content-Type': row.type,
        'Content-Length': String(encoding === 'identity' ? row.size : row[encoding]),
        ...(encoding === 'identity' ? {} : { 'Content-Encoding': CONTENT_ENCODING[encoding] }),
      };
      return {
        etag,
        path: join(clientDir, encoding === 'identity' ? row.file : `${row.file}.${encoding}`),
        // Flat [name, value, …] lists: writeHead takes them without building an object.
        headers: Object.entries(headers).flat(),
        notModified: Object.entries(notModified).flat(),
        body: undefined,
      };
    };
    table.set(address, { encodings, variants: Object.fromEntries(['identity', ...encodings].map((e) => [e, variant(e)])) });
  }

  /** Sends the bytes; the first request of a file reads it, later ones reuse them. */
  function send(req, res, variant) {
    if (variant.body) {
      res.writeHead(200, variant.headers);
      res.end(req.method === 'HEAD' ? undefined : variant.body);
      return;
    }
    readFile(variant.path).then(
      (body) => {
        variant.body = body;
        res.writeHead(200, variant.headers);
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => {
        // The file went away under a running server: answer honestly rather than hang.
        res.writeHead(503, {
          ...SECURITY_HEADERS,
          'Content-Security-Policy': FRAME_POLICY,
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
          'Retry-After': '5',
        });
        res.end('Deze pagina is even niet beschikbaar. Probeer het over een paar seconden opnieuw.\n');
      },
    );
  }

  /**
   * Answers a GET or HEAD for a prerendered file and returns true, or returns false (without
   * touching the response) for everything else, which goes on to the on-demand handler.
   */
  function serve(req, res) {
    const url = req.url;
    const query = url.indexOf('?');
    const entry = table.get(query === -1 ? url : url.slice(0, query));
    if (!entry) return false;
    const encoding = entry.encodings.length ? chooseEncoding(req.headers['accept-encoding'], entry.encodings) : 'identity';
    const variant = entry.variants[encoding];
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined && matches(ifNoneMatch, variant.etag)) {
      res.writeHead(304, variant.notModified);
      res.end();
      return true;
    }
    send(req, res, variant);
    return true;
  }

  return { serve, files: table.size, compressed };
}

/** If-None-Match: "*" or a list of (possibly weak) tags; weak comparison, as RFC 9110 asks for GET. */
function matches(header, etag) {
  if (header === etag || header === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
