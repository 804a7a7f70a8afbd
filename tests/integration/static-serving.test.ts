/**
 * What the Node server sends for the prerendered site (src/server/static-files.mjs): the same
 * headers for HEAD as for GET, Brotli or gzip by Accept-Encoding with Vary, immutable hashed
 * assets, ETag revalidation, standard reason phrases; and no compression of an on-demand page
 * that carries a secret (BREACH). A real server on the built site; needs `npm run build`.
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
function raw(path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, reason: res.statusMessage!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
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
  it('are never compressed: the form carries a token, the receipt a code next to what a visitor typed (BREACH)', async () => {
    const form = await raw('/melden/anoniem/', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(form.status).toBe(200);
    expect(form.headers['content-encoding']).toBeUndefined();
    expect(form.body.toString()).toContain('name="token"');
    const accepted = await submitReport(server.url, { municipality: 'woerden', exploitationForm: 'arbeidsuitbuiting', dangerNow: 'nee', description: 'Een busje haalt elke ochtend mensen op.' });
    expect(accepted.status).toBe(303);
    const receipt = await raw(accepted.headers.get('location')!, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-encoding']).toBeUndefined();
    expect(receipt.body.toString()).toContain('reference-code');
    const used = await raw(accepted.headers.get('location')!);
    expect([used.status, used.reason]).toEqual([410, 'Gone']);
  });

  it('have the standard reason phrase in the status line', async () => {
    const missing = await raw('/bestaat-niet/');
    expect([missing.status, missing.reason]).toEqual([404, 'Not Found']);
    expect(missing.headers['content-encoding']).toBeUndefined();
  });
});
