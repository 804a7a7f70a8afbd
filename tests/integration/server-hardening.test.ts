/**
 * The server as an outside tester tries it: a database lock held by another process, odd
 * methods and headers, aborted uploads, forged and forwarded addresses, and what ends up in the
 * log. Real server processes on loopback; needs a build (npm test builds first).
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MARKER, ODD_REQUESTS, sendRaw } from '../support/odd-requests.ts';
import { SAMPLE_REPORT, startServerWithData, receiptCode, startServer, submitReport } from '../support/processes.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const site = (env: Record<string, string> = {}) => startServerWithData(cleanup, env);
const report = SAMPLE_REPORT;

describe('a lock on the SQLite file', { timeout: 60_000 }, () => {
  it('never holds up a page, and the reporter gets the form back with the text kept', async () => {
    const server = await site();
    await (await fetch(`${server.url}/melden/anoniem/`)).text(); // the store exists
    // Another process (a backup, an operator's tool) takes the write lock for 8 s.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(process.argv[1]); db.exec('BEGIN IMMEDIATE'); console.log('vast'); setTimeout(() => { db.exec('COMMIT'); }, 8000);`,
        join(server.dataDir, 'outbox.sqlite'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanup.push(() => void holder.kill());
    await new Promise((resolve) => holder.stdout!.once('data', resolve));

    const posting = submitReport(server.url, { ...report, description: `${report.description} Tijdens het slot.` });
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const response = await fetch(`${server.url}/hulp/`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      expect(response.status).toBe(200);
    }
    latencies.sort((a, b) => a - b);
    // Before the store moved off the main thread, every page waited out the lock (5–8 s).
    expect(latencies[5]).toBeLessThan(100);
    expect(latencies[9]).toBeLessThan(1000);

    const answer = await posting;
    expect(answer.status).toBeLessThan(500);
    if (answer.status !== 303) {
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await answer.text();
      expect(page).toContain('NIET opgeslagen');
      expect(page).toContain('Tijdens het slot.');
    }
    await new Promise((resolve) => holder.once('exit', resolve));
    // After the lock, reports are accepted again.
    expect(await receiptCode(server.url, await submitReport(server.url, report))).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  });
});

describe('odd requests', { timeout: 60_000 }, () => {
  it('answer as the odd-request table says (shared with the Worker), never 5xx, and nothing of them reaches the log', async () => {
    const server = await site();
    for (const c of ODD_REQUESTS) {
      const answer = await sendRaw(server.url, c.raw);
      expect([c.name, answer.status, answer.headers.allow]).toEqual([c.name, c.status, c.allow]);
    }
    // The same methods through fetch, as a browser script would send them.
    for (const method of ['PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const response = await fetch(`${server.url}/hulp/?${MARKER}`, { method });
      expect([method, response.status]).toEqual([method, 405]);
      expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    }
    expect((await fetch(`${server.url}/hulp/`)).status).toBe(200);
    expect(server.output()).not.toContain(MARKER);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  it('an upload aborted halfway writes at most one line to the log', async () => {
    const server = await site();
    const before = server.output().split('\n').length;
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => {
          socket.write(
            'POST /melden/anoniem/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\nTransfer-Encoding: chunked\r\n\r\n10\r\ndescription=abcd',
          );
          // Cut off once the server is reading the body, as a dropped phone connection would.
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 200);
        });
      });
    }
    // A fixed wait on purpose: a log line that is not written has no event to await; the server
    // sees each cut-off connection within milliseconds on loopback.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const added = server
      .output()
      .split('\n')
      .slice(before - 1)
      .filter(Boolean);
    expect(added.length).toBeLessThanOrEqual(3);
    expect(server.output()).not.toMatch(/ClientAddressNotAvailable|\n\s+at /);
    // And the server still takes reports.
    expect(await receiptCode(server.url, await submitReport(server.url, report))).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  });
});

describe('the limit per client', { timeout: 60_000 }, () => {
  it('behind a trusted proxy counts each forwarded client, and shows the limited reporter the form with their text', async () => {
    const server = await site({ REPORT_TRUSTED_PROXIES: '1', REPORT_RATE_LIMIT_PER_HOUR: '2' });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (let i = 0; i < 2; i++) expect((await submitReport(server.url, report, from('198.51.100.20'))).status).toBe(303);
    const limited = await submitReport(server.url, { ...report, description: `${report.description} Nog een keer.` }, from('198.51.100.20'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await limited.text();
    expect(page).toContain('over een uur opnieuw');
    expect(page).toContain('Nog een keer.');
    // Another reader behind the same proxy is not blocked by the first.
    expect((await submitReport(server.url, report, from('198.51.100.21'))).status).toBe(303);
    // Another address in the same IPv6 /64 is the same client.
    for (let i = 0; i < 2; i++) expect((await submitReport(server.url, report, from(`2001:db8:5:6::${i + 1}`))).status).toBe(303);
    expect((await submitReport(server.url, report, from('2001:db8:5:6:ffff::9'))).status).toBe(429);
    expect(server.output()).not.toMatch(/198\.51\.100|2001:db8/);
  });

  it('without a trusted proxy ignores X-Forwarded-For, which anyone can send', async () => {
    const server = await site({ REPORT_RATE_LIMIT_PER_HOUR: '1' });
    expect((await submitReport(server.url, report, { 'x-forwarded-for': '198.51.100.30' })).status).toBe(303);
    expect((await submitReport(server.url, report, { 'x-forwarded-for': '198.51.100.31' })).status).toBe(429);
  });

  it('survives a restart: a form shown before it is accepted after it, and the count holds', async () => {
    const server = await site({ REPORT_RATE_LIMIT_PER_HOUR: '2' });
    const form = await (await fetch(`${server.url}/melden/anoniem/`)).text();
    const token = /name="token" value="([^"]+)"/.exec(form)![1];
    expect((await submitReport(server.url, report)).status).toBe(303);
    await server.stop();
    const again = await startServer({ REPORT_DATA_DIR: server.dataDir, REPORT_MIN_FILL_SECONDS: '0', REPORT_RATE_LIMIT_PER_HOUR: '2' });
    cleanup.push(() => again.stop());
    expect(again.output()).toContain('gelezen uit');
    const body = new URLSearchParams({ ...report, token, language: 'nl' });
    const old = await fetch(`${again.url}/melden/anoniem/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body,
      redirect: 'manual',
    });
    expect(old.status).toBe(303);
    expect((await submitReport(again.url, report)).status).toBe(429);
  });
});
