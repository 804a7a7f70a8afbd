/**
 * The whole pipeline with real processes: the built site server (with its relay) posting to a
 * reference receiver over HTTP, including the failures a real intake endpoint has. Every
 * receipted report must arrive; duplicates only ever carry the same webhook-id.
 * Needs a build (npm test builds first).
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver, readReceived } from '../../src/receiver/receiver.ts';
import { DatabaseSync } from 'node:sqlite';
import { newSecret, receiptCode, startServer, submitReport, waitFor, type Started } from '../support/processes.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const report = {
  municipality: 'venlo',
  exploitationForm: 'arbeidsuitbuiting',
  dangerNow: 'nee',
  description: 'Tien mensen slapen in de loods achter het tuinbouwbedrijf.',
  location: 'Loods aan de rand van het dorp',
  when: 'Sinds september, elke nacht',
  people: 'Mannen van rond de dertig, spreken Pools',
  vehicles: 'Wit busje, kenteken begint met V',
  signals: ['te-veel-mensen-in-een-woning'],
};

type Fault = (attempt: number) => 'ok' | 'error' | 'hang';

/** A reference receiver in this process, with a switch to make it fail the way servers do. */
async function faultyReceiver(secret: string, fault: Fault = () => 'ok', port = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'receiver-'));
  const file = join(dir, 'reports.jsonl');
  const handle = createReceiver({ secret, file });
  const requests: { webhookId: string }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ webhookId: String(req.headers['webhook-id']) });
    const mode = fault(requests.length);
    if (mode === 'error') return void res.writeHead(500).end('storing');
    if (mode === 'hang') return; // never answers: the relay's timeout must end the attempt
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  cleanup.push(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { url: `http://127.0.0.1:${address.port}/`, port: address.port, file, requests, close, received: () => readReceived(file) };
}

async function site(env: Record<string, string>): Promise<Started & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'site-data-'));
  const server = await startServer({
    REPORT_DATA_DIR: dataDir,
    REPORT_RETRY_BASE_MS: '50',
    REPORT_POLL_MS: '50',
    REPORT_MIN_FILL_SECONDS: '0',
    ...env,
  });
  cleanup.push(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return Object.assign(server, { dataDir });
}

/** The operator's command line (npm run outbox) on a server's data folder. */
const outboxCli = (dataDir: string, ...args: string[]) =>
  execFileSync(process.execPath, ['scripts/outbox.ts', ...args], { env: { ...process.env, REPORT_DATA_DIR: dataDir }, encoding: 'utf8' });

describe('delivery to the intake endpoint', { timeout: 60_000 }, () => {
  it('delivers a report once, signed, with every field', async () => {
    const secret = newSecret();
    const receiver = await faultyReceiver(secret);
    const server = await site({ REPORT_FORWARD_URL: receiver.url, REPORT_FORWARD_SECRET: secret });
    const code = await receiptCode(server.url, await submitReport(server.url, report));
    const [received] = await waitFor(() => receiver.received().length === 1 && receiver.received(), 10_000, 'aflevering');
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(received.report).toMatchObject({
      municipality: { id: 'venlo', name: 'Venlo', cbsCode: 'GM0983' },
      exploitationForm: report.exploitationForm,
      dangerNow: 'nee',
      description: report.description,
      location: report.location,
      when: report.when,
      people: report.people,
      vehicles: report.vehicles,
      signals: [{ id: 'te-veel-mensen-in-een-woning', statement: expect.any(String) }],
      language: 'nl',
    });
    expect(received.webhookId).toBe(received.reportId);
    // The receipt code is the reporter's alone: it is not forwarded.
    expect(readFileSync(receiver.file, 'utf8')).not.toContain(code);
    // Delivered means done: no second attempt follows, and the outbox is empty. A fixed wait on
    // purpose: an attempt that does not come has no event to await; 500 ms is ten of the relay's
    // 50 ms polls and retries (REPORT_POLL_MS, REPORT_RETRY_BASE_MS above).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.requests).toHaveLength(1);
    expect(outboxCli(server.dataDir, 'list')).toContain('Geen meldingen');
    // No log line per report: a timestamped line would date it.
    expect(server.output()).not.toMatch(/afgeleverd|later opnieuw|dode brieven/);
    // Every file holding report data is for its owner alone, on both sides.
    expect(statSync(receiver.file).mode & 0o777).toBe(0o600);
    expect(statSync(server.dataDir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(server.dataDir)) expect([name, statSync(join(server.dataDir, name)).mode & 0o777]).toEqual([name, 0o600]);
  });

  it('delivers a report about any municipality with its CBS code, and "weet ik niet" with none', async () => {
    const secret = newSecret();
    const receiver = await faultyReceiver(secret);
    const server = await site({ REPORT_FORWARD_URL: receiver.url, REPORT_FORWARD_SECRET: secret });
    // Amsterdam lies outside the five regions the site started with (issue 14).
    await receiptCode(server.url, await submitReport(server.url, { ...report, municipality: 'amsterdam' }));
    await receiptCode(server.url, await submitReport(server.url, { ...report, municipality: 'onbekend', description: `${report.description} (2)` }));
    await waitFor(() => receiver.received().length === 2, 10_000, 'aflevering');
    const municipalities = receiver
      .received()
      .map((r) => r.report.municipality as { id: string })
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(municipalities).toEqual([
      { id: 'amsterdam', name: 'Amsterdam', cbsCode: 'GM0363' },
      { id: 'onbekend', name: 'Weet ik niet / ergens anders', cbsCode: null },
    ]);
  });

  it('retries after a 500 and delivers on the next attempt', async () => {
    const secret = newSecret();
    const receiver = await faultyReceiver(secret, (attempt) => (attempt === 1 ? 'error' : 'ok'));
    const server = await site({ REPORT_FORWARD_URL: receiver.url, REPORT_FORWARD_SECRET: secret });
    await receiptCode(server.url, await submitReport(server.url, report));
    await waitFor(() => receiver.received().length === 1, 10_000, 'aflevering na 500');
    expect(receiver.received()[0].report.description).toBe(report.description);
    expect(receiver.requests.length).toBeGreaterThanOrEqual(2);
    expect(new Set(receiver.requests.map((r) => r.webhookId)).size).toBe(1);
  });

  it('gives up on a receiver that hangs after the timeout, and delivers on a later attempt', async () => {
    const secret = newSecret();
    const receiver = await faultyReceiver(secret, (attempt) => (attempt === 1 ? 'hang' : 'ok'));
    const server = await site({ REPORT_FORWARD_URL: receiver.url, REPORT_FORWARD_SECRET: secret, REPORT_TIMEOUT_MS: '500' });
    await receiptCode(server.url, await submitReport(server.url, report));
    await waitFor(() => receiver.received().length === 1, 15_000, 'aflevering na time-out');
    expect(receiver.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps reports while the receiver is down and delivers them when it is back', async () => {
    const secret = newSecret();
    const probe = await faultyReceiver(secret);
    const port = probe.port;
    await probe.close(); // the address now refuses connections
    const server = await site({ REPORT_FORWARD_URL: `http://127.0.0.1:${port}/`, REPORT_FORWARD_SECRET: secret });
    const descriptions = [0, 1, 2].map((i) => `${report.description} (${i})`);
    for (const description of descriptions) await receiptCode(server.url, await submitReport(server.url, { ...report, description }));
    await waitFor(() => /pogingen=[1-9]/.test(outboxCli(server.dataDir, 'list')), 10_000, 'mislukte poging');
    const receiver = await faultyReceiver(secret, () => 'ok', port);
    await waitFor(() => receiver.received().length === 3, 20_000, 'aflevering na herstel');
    expect(
      receiver
        .received()
        .map((r) => r.report.description)
        .sort(),
    ).toEqual(descriptions);
  });

  it('delivers a receipted report after the server is killed (SIGKILL) before delivery and restarted', async () => {
    const secret = newSecret();
    const probe = await faultyReceiver(secret);
    const port = probe.port;
    await probe.close();
    const dataDir = mkdtempSync(join(tmpdir(), 'site-data-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = {
      REPORT_DATA_DIR: dataDir,
      REPORT_FORWARD_URL: `http://127.0.0.1:${port}/`,
      REPORT_FORWARD_SECRET: secret,
      REPORT_RETRY_BASE_MS: '50',
      REPORT_POLL_MS: '50',
      REPORT_MIN_FILL_SECONDS: '0',
      // A kill during a delivery attempt leaves its lease (2 × timeout + 5 s) to run out first;
      // a short timeout keeps that within the wait below on a loaded machine.
      REPORT_TIMEOUT_MS: '2000',
    };
    const first = await startServer(env);
    await receiptCode(first.url, await submitReport(first.url, report));
    await first.kill();
    const receiver = await faultyReceiver(secret, () => 'ok', port);
    const second = await startServer(env);
    cleanup.push(() => second.stop());
    await waitFor(() => receiver.received().length === 1, 20_000, 'aflevering na herstart');
    expect(receiver.received()[0].report.description).toBe(report.description);
  });

  it('moves a report the receiver refuses (4xx) to the dead letters, where the operator sees and retries it', async () => {
    // The relay signs with a key the receiver does not know: 401, which is not worth retrying.
    const receiver = await faultyReceiver(newSecret());
    const server = await site({ REPORT_FORWARD_URL: receiver.url, REPORT_FORWARD_SECRET: newSecret() });
    const code = await receiptCode(server.url, await submitReport(server.url, report));
    const listing = await waitFor(
      () => {
        const dead = outboxCli(server.dataDir, 'dead');
        return dead.includes('HTTP 401') && dead;
      },
      10_000,
      'dode brief',
    );
    expect(listing).toMatch(/^msg_[0-9a-f]{32} {2}dead {2}pogingen=1/m);
    // The operator sees which report, never its content, nor the reporter's code.
    expect(listing).not.toContain(code);
    expect(listing).not.toContain('Tien mensen');
    expect(outboxCli(server.dataDir, 'retry-all')).toContain('1 melding(en)');
    await waitFor(() => receiver.requests.length === 2 && outboxCli(server.dataDir, 'dead').includes('HTTP 401'), 10_000, 'tweede poging');
  });
});

describe('anonymity', { timeout: 60_000 }, () => {
  it('keeps client addresses, user agents and languages out of storage, output and payload', async () => {
    const secret = newSecret();
    const receiver = await faultyReceiver(secret, (attempt) => (attempt === 1 ? 'error' : 'ok'));
    const server = await site({ REPORT_FORWARD_URL: receiver.url, REPORT_FORWARD_SECRET: secret });
    const marks = {
      'x-forwarded-for': '203.0.113.199',
      'user-agent': 'Herkenbaar-Browser/9.9 (markering-UA)',
      'accept-language': 'tlh-Qaaa',
      'x-real-ip': '198.51.100.234',
      referer: 'https://herkenbare-verwijzer.example/pad',
      cookie: 'spoor=cookie-markering',
    };
    await receiptCode(server.url, await submitReport(server.url, report, marks));
    // Inspect the outbox while the report is still in it (the first delivery fails), WAL included.
    await waitFor(() => receiver.requests.length >= 1, 10_000, 'eerste poging');
    const storage = () =>
      readdirSync(server.dataDir)
        .map((f) => readFileSync(join(server.dataDir, f)).toString('latin1'))
        .join('\n');
    const stored = storage();
    expect(stored).toContain('Tien mensen slapen'); // the report itself is there
    await waitFor(() => receiver.received().length === 1, 10_000, 'aflevering');
    const everything = [stored, storage(), server.output(), readFileSync(receiver.file, 'utf8')].join('\n');
    for (const value of [...Object.values(marks), '127.0.0.1']) {
      if (value === '127.0.0.1') {
        // The receiver's own URL contains 127.0.0.1; check storage and payload only.
        expect([stored, readFileSync(receiver.file, 'utf8')].join('\n')).not.toContain(value);
      } else {
        expect(everything).not.toContain(value);
      }
    }
    expect(JSON.parse(readFileSync(receiver.file, 'utf8').split('\n')[0]).report.receivedHour).toMatch(/:00:00Z$/);
    // Once delivered, nothing in the store dates the report more precisely than the hour.
    await waitFor(() => !storage().includes('Tien mensen slapen'), 5_000, 'tekst weg na aflevering');
    const db = new DatabaseSync(join(server.dataDir, 'outbox.sqlite'), { readOnly: true });
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    const times = [
      ...(db.prepare('SELECT expires_at AS t FROM used_keys').all() as { t: number }[]),
      ...(db.prepare('SELECT expires_at AS t FROM rate_counts').all() as { t: number }[]),
    ];
    expect(times.length).toBeGreaterThan(0);
    for (const { t } of times) expect(t % 3600).toBe(0);
    db.close();
  });
});
