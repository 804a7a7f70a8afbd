/**
 * The desk server's parts on a real SQLite file: the receiver's answers (docs/RECEIVER.md), the
 * audit chain and what breaks it, and the settings a desk refuses.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDeskStore } from '../../src/desk/server/sqlite-store.ts';
import { receiveEvent } from '../../src/desk/server/receiver.ts';
import { record, verifyChain } from '../../src/desk/server/audit.ts';
import { loadDeskConfig } from '../../src/desk/server/config.ts';
import { AttemptLimiter } from '../../src/desk/server/auth.ts';
import { signedHeaders } from '../../src/lib/report/crypto/signing.ts';
import { newKeyPair, seal } from '../../src/lib/report/crypto/seal.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function newStore() {
  const dir = mkdtempSync(join(tmpdir(), 'desk-unit-'));
  dirs.push(dir);
  return { dir: join(dir, 'data'), store: new SqliteDeskStore(join(dir, 'data')) };
}

const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const id = (n: number) => `msg_${n.toString(16).padStart(32, '0')}`;

async function createdEvent(n: number) {
  const { recipient } = await newKeyPair();
  return JSON.stringify({ type: 'report.created', timestamp: '2026-12-01T10:00:00Z', data: { version: 2, id: id(n), replyRecipient: recipient, sealed: await seal([recipient], '{}') } });
}

describe('the desk as receiver', () => {
  it('answers as docs/RECEIVER.md says: 200, 200 duplicate, 401, 415, 413, 400, 422, 503 before set-up', async () => {
    const { store, dir } = newStore();
    const context = { store, forwardSecret: secret, ackDays: 7, feedbackDays: 90, now: Date.parse('2026-12-01T10:20:00Z') };
    const body = await createdEvent(1);
    const send = (b: string, headers = signedHeaders(secret, id(1), b, context.now), contentType = 'application/json', ctx = context) =>
      receiveEvent({ contentType, headers: { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'] }, body: b }, ctx);
    expect(await send(body)).toEqual({ status: 200, body: { status: 'received' } });
    expect(await send(body)).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect((await send(body, signedHeaders(`whsec_${Buffer.alloc(32, 8).toString('base64')}`, id(1), body, context.now))).status).toBe(401);
    expect((await send(body, signedHeaders(secret, id(1), body, context.now - 6 * 60_000))).status).toBe(401);
    expect((await send(body, undefined, 'text/plain')).status).toBe(415);
    expect((await send('x'.repeat(70_000))).status).toBe(413);
    expect((await send('{nope')).status).toBe(400);
    const other = body.replace(id(1), id(2));
    expect((await send(other)).status).toBe(400); // data.id is not webhook-id
    const plain = JSON.stringify({ type: 'report.created', data: { version: 2, id: id(1), replyRecipient: 'x', report: {} } });
    expect((await send(plain)).status).toBe(422);
    expect((await send(body, undefined, 'application/json', { ...context, forwardSecret: undefined as unknown as string })).status).toBe(503);

    // The case: received day and deadlines, nothing else; the event as it came.
    const [stored] = await store.listCases();
    expect(stored).toMatchObject({ reportId: id(1), receivedDay: '2026-12-01', status: 'nieuw', ackDue: '2026-12-08', feedbackDue: '2027-03-01', newAnswer: false });
    expect((await store.events(id(1)))[0].body).toBe(body);
    // An answer marks its case.
    const message = JSON.stringify({ type: 'report.message', data: { version: 2, id: id(3), reportId: id(1), sealed: '-----BEGIN AGE ENCRYPTED FILE-----\nYQ==\n-----END AGE ENCRYPTED FILE-----\n' } });
    expect((await send(message, signedHeaders(secret, id(3), message, context.now))).status).toBe(200);
    expect((await store.getCase(id(1)))!.newAnswer).toBe(true);
    await store.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'desk.sqlite')).mode & 0o777).toBe(0o600);
  });
});

describe('the audit log', () => {
  it('chains every row to the one before, and a changed, removed or reordered row breaks the chain', async () => {
    const { store, dir } = newStore();
    for (const action of ['instellen', 'aanmelden', 'zaak.geopend'] as const) await record(store, 'lid-1', action, id(1));
    const rows = await store.audit();
    expect(verifyChain(rows)).toBeUndefined();
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(verifyChain([rows[0], rows[2]])).toMatchObject({ seq: 3 });
    expect(verifyChain([rows[0], { ...rows[1], subject: id(2) }, rows[2]])).toMatchObject({ seq: 2, reason: 'inhoud past niet bij de hash' });
    expect(verifyChain([rows[0], rows[1], { ...rows[2], prevHash: rows[0].hash }])).toMatchObject({ seq: 3 });
    await store.close();
    // The database itself refuses changes and deletions.
    const db = new DatabaseSync(join(dir, 'desk.sqlite'));
    expect(() => db.exec("UPDATE audit SET subject = 'x' WHERE seq = 1")).toThrow(/alleen groeien/);
    expect(() => db.exec('DELETE FROM audit WHERE seq = 3')).toThrow(/alleen groeien/);
    // Someone with the file can drop the guards; the chain still tells, and verify-audit fails.
    db.exec("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'iemand anders' WHERE seq = 2");
    db.close();
    const run = spawnSync(process.execPath, ['scripts/desk.ts', 'verify-audit'], { cwd: new URL('../..', import.meta.url).pathname, env: { ...process.env, DESK_DATA_DIR: dir }, encoding: 'utf8' });
    expect(run.stderr).toContain('GEBROKEN bij regel 2');
    expect(run.status).toBe(1);
  });
});

describe('sign-in limits', () => {
  it('refuses an address after its quota and everyone after the total, until the window has passed', () => {
    const limiter = new AttemptLimiter(3, 5, 60_000);
    const t = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.allow('a', t))).toEqual([true, true, true, false]);
    expect([limiter.allow('b', t), limiter.allow('b', t), limiter.allow('c', t)]).toEqual([true, true, false]);
    expect(limiter.allow('a', t + 60_001)).toBe(true);
  });
});

describe('desk settings', () => {
  it('takes its RP ID and origin from DESK_URL and refuses an IP address or plain http elsewhere', () => {
    expect(loadDeskConfig({})).toMatchObject({ host: '127.0.0.1', port: 4330, origin: 'http://localhost:4330', rpId: 'localhost', ackDays: 7, feedbackDays: 90 });
    expect(loadDeskConfig({ DESK_URL: 'https://meldbalie.example.nl/' })).toMatchObject({ origin: 'https://meldbalie.example.nl', rpId: 'meldbalie.example.nl' });
    expect(() => loadDeskConfig({ DESK_URL: 'http://127.0.0.1:4330' })).toThrow(/IP-adres kan geen WebAuthn RP ID zijn/);
    expect(() => loadDeskConfig({ DESK_URL: 'http://meldbalie.example.nl' })).toThrow(/https/);
    expect(() => loadDeskConfig({ DESK_ACK_DAYS: '0' })).toThrow(/DESK_ACK_DAYS/);
    expect(() => loadDeskConfig({ DESK_FORWARD_SECRET: 'geheim' })).toThrow(/whsec_/);
  });
});
