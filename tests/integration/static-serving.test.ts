/**
 * What the Node server sends for the prerendered site (src/server/static-files.mjs): the same
 * headers for HEAD as for GET, Brotli or gzip by Accept-Encoding with Vary, immutable hashed
 * assets, ETag revalidation, standard reason phrases; and of the on-demand pages only the blank
 * report form compressed, never an answer that echoes what a visitor sent (BREACH,
 * src/server/on-demand-compression.mjs). A real server on the built site; needs `npm run build`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, submitReport, type Started } from '../support/processes.ts';

let server: Started;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'static-serving-'));
  server = await startServer({ REPORT_DATA_DIR: dataDir, REPORT_MIN_FILL_SECONDS: '0' });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  reason: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request as sent and answered, without fetch's decompression or header merging. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, reason: res.statusMessage!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const withoutDate = (headers: Raw['headers']) => Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'date'));
const css = `/_astro/${readdirSync('dist/client/_astro').find((f) => f.endsWith('.css'))}`;

describe('prerendered files', { timeout: 60_000 }, () => {
  it('answer HEAD with exactly the headers of GET, for pages and hashed assets, in every encoding', async () => {
    for (const path of ['/hulp/', '/', css, '/robots.txt', '/pagefind/pagefind.js']) {
      for (const encoding of ['identity', 'gzip', 'br, gzip']) {
        const headers = { 'accept-encoding': encoding };
        const get = await raw(path, { headers });
        const head = await raw(path, { method: 'HEAD', headers });
        expect(get.status, path).toBe(200);
        expect(withoutDate(head.headers), `${path} ${encoding}`).toEqual(withoutDate(get.headers));
        expect(head.body.length).toBe(0);
        expect(Number(get.headers['content-length'])).toBe(get.body.length);
      }
    }
  });

  it('send hashed assets immutable and pages revalidated with their ETag (304)', async () => {
    for (const method of ['GET', 'HEAD']) {
      expect((await raw(css, { method })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect((await raw('/hulp/', { method })).headers['cache-control']).toBe('no-cache');
    }
    const first = await raw('/hulp/', { headers: { 'accept-encoding': 'br' } });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await raw('/hulp/', { headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect([again.status, again.reason, again.body.length]).toEqual([304, 'Not Modified', 0]);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers.vary).toBe('Accept-Encoding');
    // The gzip copy is another representation: the Brotli tag does not validate it.
    expect((await raw('/hulp/', { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } })).status).toBe(200);
  });

  it('choose Brotli or gzip by Accept-Encoding, with Vary, and the bytes are the page', async () => {
    const page = readFileSync('dist/client/hulp/index.html');
    const br = await raw('/hulp/', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect([br.headers['content-encoding'], br.headers.vary]).toEqual(['br', 'Accept-Encoding']);
    expect(brotliDecompressSync(br.body).equals(page)).toBe(true);
    expect(br.body.length).toBeLessThan(page.length / 2);
    const gz = await raw('/hulp/', { headers: { 'accept-encoding': 'br;q=0, gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(page)).toBe(true);
    const plain = await raw('/hulp/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.equals(page)).toBe(true);
  });

  it('keep the security headers and the page CSP with frame-ancestors', async () => {
    const { headers } = await raw('/hulp/', { headers: { 'accept-encoding': 'br' } });
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-.*frame-ancestors 'none'$/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toMatch(/max-age=/);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
  });
});

describe('on-demand answers', { timeout: 60_000 }, () => {
  const both = { 'accept-encoding': 'br, gzip' };
  const post = (path: string, fields: Record<string, string>) =>
    raw(path, {
      method: 'POST',
      headers: { ...both, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams(fields).toString(),
    });
  /** Sent as the page rendered it, and marked so that no proxy compresses it either. */
  const expectUncompressed = (answer: Raw, what: string) => {
    expect(answer.headers['content-encoding'], what).toBeUndefined();
    expect(String(answer.headers['cache-control']), what).toMatch(/\bno-transform\b/);
    expect(answer.headers['x-meldwijzer-compressible'], what).toBeUndefined();
  };

  it('compress the blank form on GET by Accept-Encoding, with Vary; its token is new in every answer', async () => {
    const tokens = new Set<string>();
    for (const [accept, encoding, decode] of [
      ['br, gzip', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
      ['br;q=0.5, gzip', 'gzip', gunzipSync],
    ] as const) {
      for (const path of ['/melden/anoniem/', '/uk/melden/anoniem/', '/melden/anoniem/?gemeente=woerden']) {
        const form = await raw(path, { headers: { 'accept-encoding': accept } });
        expect([path, accept, form.status, form.headers['content-encoding']]).toEqual([path, accept, 200, encoding]);
        expect(form.headers.vary).toBe('Accept-Encoding');
        expect(form.headers['cache-control']).toBe('no-store');
        expect(form.headers['x-meldwijzer-compressible']).toBeUndefined();
        const html = decode(form.body).toString();
        expect(html).toContain('</html>');
        tokens.add(/name="token" value="([^"]+)"/.exec(html)![1]);
        // The proof-of-work challenge and the form token are fresh per answer, never repeated.
        expect(form.body.length).toBeLessThan(html.length / 3);
      }
    }
    expect(tokens.size).toBe(9);
    // Without Accept-Encoding: the page itself, still with Vary.
    const plain = await raw('/melden/anoniem/');
    expect([plain.headers['content-encoding'], plain.headers.vary]).toEqual([undefined, 'Accept-Encoding']);
    expect(plain.body.toString()).toContain('name="token"');
    // HEAD: the headers of GET, no body.
    const get = await raw('/melden/anoniem/', { headers: both });
    const head = await raw('/melden/anoniem/', { method: 'HEAD', headers: both });
    expect([head.status, head.headers['content-encoding'], head.headers.vary, head.headers['cache-control'], head.body.length]).toEqual([
      200,
      get.headers['content-encoding'],
      get.headers.vary,
      get.headers['cache-control'],
      0,
    ]);
  });

  it('never compress an answer that echoes what a visitor typed: the form with errors, the receipt, coming back (BREACH)', async () => {
    const typed = 'Een busje haalt elke ochtend mensen op bij de loods.';
    // A form with errors keeps the description: sent as it is.
    const invalid = await post('/melden/anoniem/', { token: 'x', language: 'nl', description: typed });
    expect(invalid.status).toBe(422);
    expectUncompressed(invalid, 'form with errors');
    expect(invalid.body.toString()).toContain(typed);

    const accepted = await submitReport(server.url, { municipality: 'woerden', exploitationForm: 'arbeidsuitbuiting', dangerNow: 'nee', description: typed });
    expect(accepted.status).toBe(303);
    const receipt = await raw(accepted.headers.get('location')!, { headers: both });
    expect(receipt.status).toBe(200);
    expectUncompressed(receipt, 'receipt');
    const code = /class="reference-code"[^>]*>\s*([^<\s]+)/.exec(receipt.body.toString())?.[1];
    expect(code).toBeTruthy();
    const used = await raw(accepted.headers.get('location')!);
    expect([used.status, used.reason]).toEqual([410, 'Gone']);

    // Coming back: the page that asks for the code, and the conversation it opens.
    expectUncompressed(await raw('/melden/terugkomen/', { headers: both }), 'follow-up page');
    const conversation = await post('/melden/terugkomen/', { action: 'open', code: code!, language: 'nl' });
    expect(conversation.status).toBe(200);
    expectUncompressed(conversation, 'conversation');
    expect(conversation.body.toString()).toContain(code!);
  });

  it('have the standard reason phrase in the status line', async () => {
    const missing = await raw('/bestaat-niet/');
    expect([missing.status, missing.reason]).toEqual([404, 'Not Found']);
    expect(missing.headers['content-encoding']).toBeUndefined();
  });
});
