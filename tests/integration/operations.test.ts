/**
 * What an operator relies on (docs/DEPLOY.md): /healthz and /readyz, the metrics listener and
 * what it may show, and SIGTERM with reports in flight. Real server processes on loopback;
 * needs a build (npm test builds first).
 */
import { connect, type Socket } from 'node:net';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_REPORT, startServerWithData, submitReport, waitFor } from '../support/processes.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const site = (env: Record<string, string> = {}) => startServerWithData(cleanup, env);
const report = SAMPLE_REPORT;

describe('health and readiness', { timeout: 60_000 }, () => {
  it('answer one word, with the security headers, and nothing about the store', async () => {
    const server = await site();
    for (const path of ['/healthz', '/readyz']) {
      const response = await fetch(`${server.url}${path}`);
      expect([path, response.status, await response.text()]).toEqual([path, 200, 'ok\n']);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const head = await fetch(`${server.url}${path}`, { method: 'HEAD' });
      expect(head.headers.get('content-length')).toBe('3');
    }
    expect((await fetch(`${server.url}/readyz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('metrics', { timeout: 60_000 }, () => {
  it('are off by default, and on their own loopback listener with totals only when METRICS_PORT is set', async () => {
    const plain = await site();
    expect(plain.output()).not.toContain('Metrics op');
    expect((await fetch(`${plain.url}/metrics`)).status).toBe(404);

    const server = await site({ METRICS_PORT: '0', REPORT_RATE_LIMIT_PER_HOUR: '1' });
    const metricsUrl = /Metrics op (http:\/\/127\.0\.0\.1:\d+) \(pad \/metrics\)/.exec(server.output())?.[1] + '/metrics';
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);

    expect((await submitReport(server.url, report)).status).toBe(303);
    expect((await submitReport(server.url, report)).status).toBe(429);
    const text = await (await fetch(metricsUrl!)).text();
    const value = (name: string) => Number(new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('meldwijzer_reports_accepted_total')).toBe(1);
    expect(value('meldwijzer_reports_refused_total{reason="rate_limited"}')).toBe(1);
    expect(value('meldwijzer_reports_refused_total{reason="invalid"}')).toBe(0);
    expect(value('meldwijzer_outbox_pending')).toBe(1);
    expect(value('meldwijzer_outbox_dead')).toBe(0);
    expect(value('meldwijzer_outbox_oldest_pending_hours')).toBe(0);
    expect(value('meldwijzer_deliveries_total')).toBe(0);
    // Nothing that could single out a reader or a report: no address, id or path in a label.
    expect(text).not.toMatch(/127\.0\.0\.1|msg_|melden|woerden/);
    const labels = new Set([...text.matchAll(/^\w+\{([^}]*)\}/gm)].flatMap((m) => m[1].split(',').map((pair) => pair.split('=')[0])));
    expect([...labels].filter((label) => !['reason', 'version', 'major', 'minor', 'patch', 'kind', 'type', 'space', 'le', 'quantile'].includes(label))).toEqual(
      [],
    );
  });
});

describe('SIGTERM', { timeout: 90_000 }, () => {
  it('with 50 reports in flight: every one is answered with its receipt, none is lost, none gets a 5xx', async () => {
    // A queue for all 50 at once: under the default work budget part of such a burst is refused
    // with 503 and needs a proof of work (tests/integration/follow-up.test.ts covers that); here
    // every report must be in flight when SIGTERM comes.
    const server = await site({ REPORT_RATE_LIMIT_PER_HOUR: '1000', REPORT_WORK_QUEUE: '200' });
    const { port } = new URL(server.url);
    const tokens = await Promise.all(
      Array.from({ length: 50 }, async () => /name="token" value="([^"]+)"/.exec(await (await fetch(`${server.url}/melden/anoniem/`)).text())![1]),
    );
    // Each report: headers and half its body now, the rest after the signal.
    const inFlight = tokens.map((token, n) => {
      const body = new URLSearchParams({ ...report, description: `${report.description} Melding ${n}.`, token, language: 'nl' }).toString();
      const half = Math.floor(body.length / 2);
      let answer = '';
      let socket!: Socket;
      const answered = new Promise<string>((resolve) => {
        socket = connect(Number(port), '127.0.0.1', () =>
          socket.write(
            `POST /melden/anoniem/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n` +
              `Connection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
          ),
        );
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => resolve(answer));
      });
      return { socket, rest: body.slice(half), answered };
    });
    // A request on a new connection (not fetch's pool) is answered only after the server took
    // the earlier connections in and read what they sent.
    await waitFor(() => inFlight.every(({ socket }) => socket.bytesWritten > 0), 10_000, 'alle verbindingen open');
    const probe = await new Promise<string>((resolve) => {
      let text = '';
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(probe).toMatch(/^HTTP\/1\.1 200/);

    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
    server.process.kill('SIGTERM');
    // The server no longer takes new connections...
    await waitFor(
      () =>
        new Promise<boolean>((resolve) => {
          const probe = connect(Number(port), '127.0.0.1', () => {
            probe.destroy();
            resolve(false);
          });
          probe.on('error', () => resolve(true));
        }),
      10_000,
      'de server neemt geen verbindingen meer aan',
    );
    // ...but finishes the ones it has.
    for (const { socket, rest } of inFlight) socket.write(rest);
    const answers = await Promise.all(inFlight.map(({ answered }) => answered));
    const statuses = answers.map((a) => Number(/^HTTP\/1\.1 (\d{3})/.exec(a)?.[1] ?? 0));
    expect(statuses).toEqual(Array(50).fill(303));
    expect(await exited).toBe(0);

    const db = new DatabaseSync(join(server.dataDir, 'outbox.sqlite'), { readOnly: true });
    const { count } = db.prepare('SELECT COUNT(*) AS count FROM outbox').get() as { count: number };
    db.close();
    expect(count).toBe(50);
  });
});
