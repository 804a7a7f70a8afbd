/**
 * The serverless target in its real runtime: the built Worker (dist-serverless/, made by
 * global-setup.ts) served by `npm run preview:serverless` in workerd, with its D1 database and
 * the scheduled relay, delivering to the reference receiver on loopback. One workerd for the
 * whole file. Where the Node build is there too (npm test, which .ci/run runs before this suite, builds it), bad input is sent to
 * both servers and must get the same answers.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiver, readReceived } from '../../src/receiver/receiver.ts';
import { verify } from '../../src/lib/report/crypto/signing.ts';
import { FRAME_POLICY, SECURITY_HEADERS } from '../../src/server/security-headers.mjs';
import { MARKER, ODD_REQUESTS, sendRaw } from '../support/odd-requests.ts';
import { parse } from '../support/html.ts';
import { newSecret, receiptCode, startServer, startServerlessPreview, submitReport, waitFor, type Started } from '../support/processes.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const report = {
  municipality: 'venlo',
  exploitationForm: 'arbeidsuitbuiting',
  dangerNow: 'nee',
  description: 'Tien mensen slapen in de loods achter het tuinbouwbedrijf.',
  signals: ['te-veel-mensen-in-een-woning'],
};
/**
 * A reader of its own, so the tests do not share one rate limit. Locally wrangler keeps a
 * CF-Connecting-IP the client sends (on the platform Cloudflare sets it), which lets the tests
 * play several readers.
 */
let readers = 0;
const reader = () => ({ 'cf-connecting-ip': `198.51.100.${++readers}` });

type Mode = 'ok' | 'down';
interface Delivery {
  webhookId: string;
  status: number;
  headers: { id?: string; timestamp?: string; signature?: string };
  body: string;
}

/** The reference receiver in this process, recording every attempt; `mode` switches an outage on. */
async function receiver(secret: string) {
  const dir = mkdtempSync(join(tmpdir(), 'serverless-receiver-'));
  const file = join(dir, 'reports.jsonl');
  const handle = createReceiver({ secret, file });
  const deliveries: Delivery[] = [];
  const state = { mode: 'ok' as Mode | ((webhookId: string) => Mode) };
  const server: Server = createServer(async (req, res) => {
    const webhookId = String(req.headers['webhook-id']);
    const mode = typeof state.mode === 'function' ? state.mode(webhookId) : state.mode;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = {
      id: req.headers['webhook-id'] as string,
      timestamp: req.headers['webhook-timestamp'] as string,
      signature: req.headers['webhook-signature'] as string,
    };
    if (mode === 'down') {
      deliveries.push({ webhookId, status: 503, headers, body });
      return void res.writeHead(503).end('onderhoud');
    }
    // The reference receiver reads the request itself: hand it the bytes again.
    const { Readable } = await import('node:stream');
    const replay = Object.assign(Readable.from([Buffer.from(body)]), { method: req.method, headers: req.headers }) as unknown as typeof req;
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      deliveries.push({ webhookId, status, headers, body });
      return writeHead(status, ...(rest as []));
    }) as typeof res.writeHead;
    await handle(replay, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, file, deliveries, state, received: () => readReceived(file) };
}

const secret = newSecret();
let intake: Awaited<ReturnType<typeof receiver>>;
let worker: Started;
let workerData: string;
let node: Started | undefined;
const responses: { url: string; status: number; setCookie: string | null }[] = [];

/** Everything this file fetches from the Worker, to check the whole run for cookies at the end. */
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const response = await realFetch(input, init);
  const url = String(input instanceof Request ? input.url : input);
  if (worker && url.startsWith(worker.url)) responses.push({ url, status: response.status, setCookie: response.headers.get('set-cookie') });
  return response;
}) as typeof fetch;

const settings = {
  REPORT_MIN_FILL_SECONDS: '0',
  REPORT_RETRY_BASE_MS: '50',
  REPORT_RATE_LIMIT_PER_HOUR: '3',
};

beforeAll(async () => {
  intake = await receiver(secret);
  workerData = mkdtempSync(join(tmpdir(), 'serverless-data-'));
  worker = await startServerlessPreview({
    ...settings,
    REPORT_DATA_DIR: workerData,
    REPORT_FORWARD_URL: intake.url,
    REPORT_FORWARD_SECRET: secret,
    REPORT_POLL_MS: '250',
  });
  cleanup.push(async () => {
    await worker.stop();
    rmSync(workerData, { recursive: true, force: true });
  });
  if (existsSync('dist/server/entry.mjs')) {
    const nodeData = mkdtempSync(join(tmpdir(), 'serverless-node-'));
    node = await startServer({ ...settings, REPORT_DATA_DIR: nodeData });
    cleanup.push(async () => {
      await node!.stop();
      rmSync(nodeData, { recursive: true, force: true });
    });
  }
}, 120_000);

function expectSecurityHeaders(response: Response, what: string) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect([what, name, response.headers.get(name)]).toEqual([what, name, value]);
  expect([what, response.headers.get('content-security-policy')]).toEqual([what, expect.stringContaining(FRAME_POLICY)]);
  expect([what, response.headers.get('set-cookie')]).toEqual([what, null]);
}

describe('pages on the Worker', () => {
  it('answers the home, a gemeente page and a route step with 200 and every security header', async () => {
    for (const path of ['/', '/gemeenten/woerden/', '/melden/over-wie/', '/sitemap-index.xml', '/robots.txt']) {
      const response = await fetch(`${worker.url}${path}`);
      expect([path, response.status]).toEqual([path, 200]);
      expectSecurityHeaders(response, path);
    }
    // Static assets carry the same headers from _headers, should a request ever bypass the Worker.
    const headersFile = readFileSync('dist-serverless/client/_headers', 'utf8');
    const allPaths = headersFile.slice(headersFile.indexOf('\n/*\n'));
    for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, 'Content-Security-Policy': FRAME_POLICY }))
      expect(allPaths).toContain(`\n  ${name}: ${value}\n`);
    const home = await (await fetch(`${worker.url}/`)).text();
    expect(home).toContain('Meldwijzer Mensenhandel');
    // A prerendered page keeps its own CSP with script hashes in a <meta> tag.
    expect(parse(home)('meta[http-equiv="content-security-policy"]').attr('content')).toMatch(/script-src 'self' 'sha256-/);
  });

  it('renders the on-demand pages with the same headers: form, notice in another language, 404', async () => {
    const form = await fetch(`${worker.url}/melden/anoniem/`);
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders(form, 'formulier');
    // The blank form is the one on-demand answer the platform may compress (no no-transform).
    expect(form.headers.get('vary')).toBe('Accept-Encoding');
    expect(form.headers.get('x-meldwijzer-compressible')).toBeNull();
    // Astro's per-page policy and frame-ancestors in one header.
    expect(form.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-.*frame-ancestors 'none'/);
    expect(await form.text()).toMatch(/name="token" value="[^"]+"/);

    // The Dutch title comes from the manifest built into the Worker (there is no disk to read).
    const notice = await fetch(`${worker.url}/en/gemeenten/woerden/`);
    expect(notice.status).toBe(200);
    expectSecurityHeaders(notice, 'melding alleen Nederlands');
    const noticePage = await notice.text();
    expect(noticePage).toContain('lang="en"');
    expect(noticePage).toContain('href="/gemeenten/woerden/"');
    expect(noticePage).toContain('Woerden');

    for (const path of ['/en/bestaat-niet/', '/bestaat-niet/']) {
      const missing = await fetch(`${worker.url}${path}`);
      expect([path, missing.status]).toEqual([path, 404]);
      expectSecurityHeaders(missing, path);
    }
  });
});

describe('compression on the Worker: left to the platform for the blank form only', () => {
  it('marks every answer that echoes what a visitor sent no-transform, so the edge sends it as it is (BREACH)', async () => {
    const noTransform = async (response: Response, what: string) => {
      expect(response.headers.get('cache-control'), what).toBe('no-store, no-transform');
      expect(response.headers.get('x-meldwijzer-compressible'), what).toBeNull();
      return response.text();
    };
    const typed = 'Een busje haalt elke ochtend mensen op bij de loods.';
    const post = (path: string, fields: Record<string, string>) =>
      fetch(`${worker.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...reader() },
        body: new URLSearchParams(fields),
      });
    const invalid = await post('/melden/anoniem/', { token: 'x', language: 'nl', description: typed });
    expect(invalid.status).toBe(422);
    expect(await noTransform(invalid, 'formulier met fouten')).toContain(typed);

    const accepted = await submitReport(worker.url, { ...report, description: `${report.description} Over de compressie.` }, reader());
    const receipt = await fetch(new URL(accepted.headers.get('location')!, worker.url));
    const code = /class="reference-code"[^>]*>\s*([^<\s]+)/.exec(await noTransform(receipt, 'ontvangstbewijs'))?.[1];
    expect(code).toBeTruthy();
    await noTransform(await fetch(`${worker.url}/melden/terugkomen/`), 'terugkomen');
    const conversation = await post('/melden/terugkomen/', { action: 'open', code: code!, language: 'nl' });
    expect(conversation.status).toBe(200);
    expect(await noTransform(conversation, 'gesprek')).toContain(code!);
  });
});

describe('reports on the Worker', () => {
  it('gives a receipt to the form without JavaScript, and the scheduled relay delivers it signed', async () => {
    const response = await submitReport(worker.url, report, reader());
    expectSecurityHeaders(response, 'ontvangst (303)');
    expect(response.headers.get('cache-control')).toBe('no-store, no-transform');
    const code = await receiptCode(worker.url, response);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const received = await waitFor(
      () => intake.received().find((r) => r.report.description === report.description),
      20_000,
      'aflevering door de geplande relay',
    );
    expect(received.report).toMatchObject({
      municipality: { id: 'venlo', name: 'Venlo', cbsCode: 'GM0983' },
      description: report.description,
      signals: [{ id: 'te-veel-mensen-in-een-woning', statement: expect.any(String) }],
      language: 'nl',
    });
    const delivery = intake.deliveries.find((d) => d.webhookId === received.webhookId)!;
    expect(delivery.status).toBe(200);
    // Checked here too, not only by the reference receiver: Standard Webhooks over the exact bytes.
    expect(verify(secret, delivery.headers, delivery.body)).toEqual({ ok: true });
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'report.created', data: { id: received.webhookId } });
    // The receipt code is the reporter's alone: it is not forwarded.
    expect(delivery.body).not.toContain(code);
    // The receipt is shown once.
    const again = await fetch(new URL(response.headers.get('location')!, worker.url));
    expect(again.status).toBe(410);
  });

  it('keeps a report through a receiver outage, retries, and then delivers it once', async () => {
    // Down for the first two attempts of every report (the earlier ones are all delivered).
    intake.state.mode = (id) => (intake.deliveries.filter((d) => d.webhookId === id).length < 2 ? 'down' : 'ok');
    try {
      const description = `${report.description} Tijdens de storing.`;
      await receiptCode(worker.url, await submitReport(worker.url, { ...report, description }, reader()));
      const received = await waitFor(() => intake.received().find((r) => r.report.description === description), 30_000, 'aflevering na de storing');
      const attempts = intake.deliveries.filter((d) => d.webhookId === received.webhookId);
      expect(attempts.map((a) => a.status)).toEqual([503, 503, 200]);
      expect(intake.received().filter((r) => r.report.description === description)).toHaveLength(1);
    } finally {
      intake.state.mode = 'ok';
    }
  });

  it('limits a reader to REPORT_RATE_LIMIT_PER_HOUR reports and gives the form back with the text', async () => {
    const me = reader();
    for (let i = 0; i < 3; i++) expect((await submitReport(worker.url, report, me)).status).toBe(303);
    const limited = await submitReport(worker.url, { ...report, description: `${report.description} Nog een keer.` }, me);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('Nog een keer.');
    // Another reader is not held back; an IPv6 reader counts by its /64.
    expect((await submitReport(worker.url, report, reader())).status).toBe(303);
    for (let i = 0; i < 3; i++) expect((await submitReport(worker.url, report, { 'cf-connecting-ip': `2001:db8:7:8::${i + 1}` })).status).toBe(303);
    expect((await submitReport(worker.url, report, { 'cf-connecting-ip': '2001:db8:7:8:ffff::9' })).status).toBe(429);
  });

  it('counts a reader who sent no CF-Connecting-IP by the connection, as the edge sets it', async () => {
    for (let i = 0; i < 3; i++) expect((await submitReport(worker.url, report)).status).toBe(303);
    // The same bucket as the connection's own address (not one shared by every header-less reader).
    expect((await submitReport(worker.url, report, { 'cf-connecting-ip': '127.0.0.1' })).status).toBe(429);
    expect((await submitReport(worker.url, report, reader())).status).toBe(303);
  });

  it('stores and logs no address, user agent or other header value, and nothing of them reaches the receiver', async () => {
    const marks = {
      'cf-connecting-ip': '203.0.113.199',
      'x-forwarded-for': '198.18.0.77',
      'user-agent': 'Herkenbaar-Browser/9.9 (markering-UA)',
      'accept-language': 'tlh-Qaaa',
      referer: 'https://herkenbare-verwijzer.example/pad',
      cookie: 'spoor=cookie-markering',
    };
    let seenWhileStored = '';
    const storage = () => {
      const files = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
      return files(workerData)
        .map((f) => readFileSync(f).toString('latin1'))
        .join('\n');
    };
    intake.state.mode = 'down';
    try {
      await receiptCode(
        worker.url,
        await submitReport(worker.url, { ...report, description: 'Een busje haalt elke nacht mensen op bij de markeringsloods.' }, marks),
      );
      await waitFor(() => intake.deliveries.some((d) => d.body.includes('markeringsloods')), 20_000, 'eerste poging');
      seenWhileStored = storage();
      expect(seenWhileStored).toContain('markeringsloods'); // the report itself is in D1 (on disk)
      intake.state.mode = 'ok';
      await waitFor(
        () => intake.received().some((r) => r.report.description === 'Een busje haalt elke nacht mensen op bij de markeringsloods.'),
        20_000,
        'aflevering',
      );
    } finally {
      intake.state.mode = 'ok';
    }
    const everything = [seenWhileStored, storage(), worker.output(), readFileSync(intake.file, 'utf8')].join('\n');
    for (const value of Object.values(marks)) expect(everything).not.toContain(value);
    expect(worker.output()).not.toMatch(/\/melden\/anoniem\/ontvangen\/\?r=|198\.51\.100\./);
  });
});

/** A request no form of ours sends, and what the Node server answers to it. */
interface Case {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | ((base: string) => Promise<string>);
  status: number;
  allow?: string;
}

const formPost = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  path: '/melden/anoniem/',
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
  body: new URLSearchParams(fields).toString(),
});

const CASES: Case[] = [
  { name: 'PUT op een statische pagina', method: 'PUT', path: '/hulp/', status: 405, allow: 'GET, HEAD, POST' },
  { name: 'DELETE op het formulier', method: 'DELETE', path: '/melden/anoniem/', status: 405, allow: 'GET, HEAD, POST' },
  { name: 'OPTIONS op een gemeentepagina', method: 'OPTIONS', path: '/gemeenten/woerden/', status: 405, allow: 'GET, HEAD, POST' },
  { name: 'PATCH op de home', method: 'PATCH', path: '/', status: 405, allow: 'GET, HEAD, POST' },
  { name: 'POST op een statische pagina', method: 'POST', path: '/hulp/', status: 405, allow: 'GET, HEAD' },
  { name: 'POST op het ontvangstbewijs', method: 'POST', path: '/melden/anoniem/ontvangen/', status: 405, allow: 'GET, HEAD' },
  { name: 'kapotte procentcodering', path: '/%E0%A4%A/', status: 400 },
  { name: 'NUL in het pad', path: '/hulp%00/', status: 400 },
  { name: 'onbekende ontvangstlink', path: '/melden/anoniem/ontvangen/?r=verzonnen', status: 404 },
  { name: 'onbekende pagina', path: '/bestaat-niet/', status: 404 },
  { name: 'onbekende pagina in een andere taal', path: '/pl/bestaat-niet/', status: 404 },
  { name: 'POST van een andere site', ...formPost({ description: 'x' }, { 'sec-fetch-site': 'cross-site' }), status: 403 },
  { name: 'POST met een ander soort inhoud', ...formPost({ description: 'x' }, { 'content-type': 'text/plain' }), status: 415 },
  { name: 'POST groter dan een melding kan zijn', ...formPost({ description: 'x'.repeat(40_000) }), status: 413 },
  { name: 'POST met een onbekend veld', ...formPost({ token: 'x', language: 'nl', wachtwoord: 'geheim' }), status: 400 },
  { name: 'POST met een veld twee keer', ...formPost({ language: 'nl' }), body: 'language=nl&language=pl', status: 400 },
  { name: 'POST met de honeypot ingevuld', ...formPost({ token: 'x', language: 'nl', website: 'spam' }), status: 400 },
  { name: 'POST met een onbekende taal', ...formPost({ token: 'x', language: 'xx' }), status: 400 },
  {
    name: 'POST met een verzonnen formuliertoken',
    ...formPost({ token: 'verzonnen', language: 'nl', ...report, signals: 'te-veel-mensen-in-een-woning' }),
    status: 422,
  },
  {
    name: 'POST met een te korte beschrijving',
    ...formPost({}),
    body: async (base) => {
      const form = await (await fetch(`${base}/melden/anoniem/`)).text();
      const token = /name="token" value="([^"]+)"/.exec(form)![1];
      return new URLSearchParams({
        token,
        language: 'nl',
        municipality: 'venlo',
        exploitationForm: 'arbeidsuitbuiting',
        dangerNow: 'nee',
        description: 'kort',
      }).toString();
    },
    status: 422,
  },
];

async function send(base: string, c: Case) {
  const body = typeof c.body === 'function' ? await c.body(base) : c.body;
  const response = await fetch(`${base}${c.path}`, { method: c.method ?? 'GET', headers: c.headers, body, redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, allow: response.headers.get('allow') ?? undefined, response, text };
}

describe('bad input', () => {
  it('gets the same 4xx answers on the Worker as on the Node server, never a 5xx', async () => {
    for (const c of CASES) {
      const onWorker = await send(worker.url, c);
      expect([c.name, onWorker.status, onWorker.allow]).toEqual([c.name, c.status, c.allow]);
      expectSecurityHeaders(onWorker.response, c.name);
      if (node) {
        const onNode = await send(node.url, c);
        expect([c.name, 'node', onNode.status, onNode.allow]).toEqual([c.name, 'node', c.status, c.allow]);
      }
    }
    if (!node) console.warn('Geen Node-build in dist/: alleen de Worker vergeleken met de verwachte antwoorden.');
  });

  it('answers a refusal only after the upload is in, so it never turns into a dropped request', async () => {
    // Before the Worker read the body first, about half of these came back as 500s from the
    // local proxy: it answered while the reader was still sending.
    const statuses = new Map<string, number[]>();
    for (let i = 0; i < 10; i++) {
      for (const c of CASES.filter((x) => [403, 413, 415].includes(x.status))) {
        const { status } = await send(worker.url, c);
        statuses.set(c.name, [...(statuses.get(c.name) ?? []), status]);
      }
    }
    for (const [name, seen] of statuses) expect([name, [...new Set(seen)]]).toEqual([name, [CASES.find((c) => c.name === name)!.status]]);
  });

  it('refuses a chunked upload past the size limit as the Node server does', async () => {
    const huge = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(20_000).fill(0x61));
        controller.close();
      },
    });
    const response = await fetch(`${worker.url}/melden/anoniem/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: huge,
      duplex: 'half',
      redirect: 'manual',
    } as RequestInit);
    expect([400, 413]).toContain(response.status);
    expectSecurityHeaders(response, 'te grote upload');
  });
});

describe('odd requests: the table shared with the Node server (tests/support/odd-requests.ts)', () => {
  it('get the answers of the Node server on the Worker, never a 5xx', async () => {
    for (const c of ODD_REQUESTS) {
      const onWorker = await sendRaw(worker.url, c.raw);
      expect([c.name, onWorker.status, onWorker.headers.allow]).toEqual([c.name, c.status, c.allow]);
      if (node) {
        const onNode = await sendRaw(node.url, c.raw);
        expect([c.name, 'node', onNode.status, onNode.headers.allow]).toEqual([c.name, 'node', c.status, c.allow]);
      }
    }
    // The preview still serves after all of them.
    expect((await fetch(`${worker.url}/hulp/`)).status).toBe(200);
  });
});

describe('the preview is no way into the store', () => {
  it('has no local explorer, and /cdn-cgi/ answers 404 as on the platform', async () => {
    const database = '00000000-0000-0000-0000-000000000000';
    for (const [method, path] of [
      ['POST', `/cdn-cgi/local/explorer/api/d1/database/${database}/raw`],
      ['POST', `/cdn-cgi/local/explorer/api/d1/database/${database}/query`],
      ['GET', '/cdn-cgi/local/explorer/'],
      ['GET', '/cdn-cgi/local/explorer/api/d1/database'],
      ['GET', '/cdn-cgi/local/scheduled'],
    ]) {
      const response = await fetch(`${worker.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify({ sql: 'SELECT * FROM outbox' }) : undefined,
      });
      const text = await response.text();
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect(text).not.toMatch(/outbox|results|sqlite/i);
    }
  });

  it('says at start that it is a trial, not production', () => {
    expect(worker.output()).toContain('proefomgeving');
    expect(worker.output()).toContain('niet de productie');
  });
});

describe('the whole run', () => {
  it('never set a cookie', () => {
    expect(responses.length).toBeGreaterThan(40);
    expect(responses.filter((r) => r.setCookie !== null)).toEqual([]);
  });

  it('wrote no request data and kept no traces: nothing of an address or Host in the output, no trace store on disk', () => {
    // wrangler and workerd print an error with the URL or Host for requests they cannot handle.
    expect(worker.output()).not.toContain(MARKER);
    expect(worker.output()).not.toMatch(/https?:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?\/(?!cdn-cgi\/local\/scheduled)[^\s"]|ProxyWorker|Uncaught exception/);
    // Miniflare's trace store (REPORT_DATA_DIR/serverless/observability) would keep every URL,
    // receipt links included; wrangler's folders next to the build must not either.
    const files = (dir: string): string[] =>
      existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)])) : [];
    const kept = [...files(workerData), ...files('.wrangler'), ...files('dist-serverless/server/.wrangler')];
    expect(kept.filter((f) => /observab|trace/i.test(f))).toEqual([]);
    const contents = kept.map((f) => readFileSync(f).toString('latin1')).join('\n');
    expect(contents).not.toContain(MARKER);
    expect(contents).not.toContain('/melden/anoniem/ontvangen/?r=');
  });
});
