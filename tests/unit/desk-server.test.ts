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
import { CHALLENGE_SECONDS, challengeExpiry, newChallenge } from '../../src/desk/server/challenges.ts';
import { type Desk, handleApi } from '../../src/desk/server/api.ts';
import { softPasskey } from '../support/soft-passkey.ts';
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
  return JSON.stringify({
    type: 'report.created',
    timestamp: '2026-12-01T10:00:00Z',
    data: { version: 2, id: id(n), replyRecipient: recipient, sealed: await seal([recipient], '{}') },
  });
}

describe('the desk as receiver', () => {
  it('answers as docs/RECEIVER.md says: 200, 200 duplicate, 401, 415, 413, 400, 422, 503 before set-up', async () => {
    const { store, dir } = newStore();
    const context = { store, forwardSecret: secret, ackDays: 7, feedbackDays: 90, now: Date.parse('2026-12-01T10:20:00Z') };
    const body = await createdEvent(1);
    const send = (b: string, headers = signedHeaders(secret, id(1), b, context.now), contentType = 'application/json', ctx = context) =>
      receiveEvent(
        { contentType, headers: { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'] }, body: b },
        ctx,
      );
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
    expect(stored).toMatchObject({
      reportId: id(1),
      receivedDay: '2026-12-01',
      status: 'nieuw',
      ackDue: '2026-12-08',
      feedbackDue: '2027-03-01',
      newAnswer: false,
    });
    expect((await store.events(id(1)))[0].body).toBe(body);
    // An answer marks its case.
    const message = JSON.stringify({
      type: 'report.message',
      data: { version: 2, id: id(3), reportId: id(1), sealed: '-----BEGIN AGE ENCRYPTED FILE-----\nYQ==\n-----END AGE ENCRYPTED FILE-----\n' },
    });
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
    const run = spawnSync(process.execPath, ['scripts/desk.ts', 'verify-audit'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, DESK_DATA_DIR: dir },
      encoding: 'utf8',
    });
    expect(run.stderr).toContain('GEBROKEN bij regel 2');
    expect(run.status).toBe(1);
  });
});

describe('sign-in limits', () => {
  it('refuses a client after its failures, never another client: there is no total', () => {
    const limiter = new AttemptLimiter({ perClient: 3, windowMs: 60_000 });
    const t = 1_000_000 * 60_000;
    for (let i = 0; i < 3; i++) limiter.failed('a', t);
    expect(limiter.allows('a', t)).toBe(false);
    // A thousand other clients at their limit change nothing for a fresh one.
    for (let client = 0; client < 1000; client++) for (let i = 0; i < 3; i++) limiter.failed(`c${client}`, t);
    expect(limiter.allows('b', t)).toBe(true);
    // At most perClient in any window: failures at the end of one window still count in the next.
    expect(limiter.allows('a', t + 59_999)).toBe(false);
    expect(limiter.allows('a', t + 60_000)).toBe(false);
    expect(limiter.allows('a', t + 120_000)).toBe(true);
  });

  it('remembers a bounded number of clients, the most recent', () => {
    const limiter = new AttemptLimiter({ perClient: 1, maxClients: 100 });
    const t = Date.now();
    for (let client = 0; client < 1000; client++) limiter.failed(`c${client}`, t);
    expect(limiter.allows('c999', t)).toBe(false);
    expect(limiter.allows('c900', t)).toBe(false);
    expect(limiter.allows('c0', t)).toBe(true);
  });

  it('logs at most so many failures an hour, and says how many it left out', () => {
    const limiter = new AttemptLimiter({ loggedPerHour: 2 });
    const hour = 500_000 * 3_600_000;
    expect([1, 2, 3, 4, 5].map((i) => limiter.failed(`c${i}`, hour + i))).toEqual([
      { log: true, unlogged: 0 },
      { log: true, unlogged: 0 },
      { log: false, unlogged: 0 },
      { log: false, unlogged: 0 },
      { log: false, unlogged: 0 },
    ]);
    expect(limiter.failed('c6', hour + 3_600_000)).toEqual({ log: true, unlogged: 3 });
    expect(limiter.failed('c7', hour + 3_600_001)).toEqual({ log: true, unlogged: 0 });
  });
});

describe('signed challenges', () => {
  const key = Buffer.alloc(32, 1);
  const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
  it('are accepted for their purpose until they expire, and not when changed or made with another key', () => {
    const now = Date.now();
    const challenge = text(newChallenge(key, 'aanmelden', now));
    expect(challengeExpiry(key, 'aanmelden', challenge, now)).toBe(Math.floor(now / 1000) + CHALLENGE_SECONDS);
    expect(challengeExpiry(key, 'registratie', challenge, now)).toBeUndefined();
    expect(challengeExpiry(Buffer.alloc(32, 2), 'aanmelden', challenge, now)).toBeUndefined();
    expect(challengeExpiry(key, 'aanmelden', challenge, now + (CHALLENGE_SECONDS + 1) * 1000)).toBeUndefined();
    const bytes = Buffer.from(challenge, 'base64url');
    bytes.writeUInt32BE(bytes.readUInt32BE(0) + 3600, 0);
    expect(challengeExpiry(key, 'aanmelden', bytes.toString('base64url'), now)).toBeUndefined();
    expect(challengeExpiry(key, 'aanmelden', 'kort', now)).toBeUndefined();
    expect(text(newChallenge(key, 'aanmelden', now))).not.toBe(challenge);
  });
});

describe('signing in under a flood', () => {
  async function deskWithMember(limiter = new AttemptLimiter()) {
    const { store } = newStore();
    const desk: Desk = { config: loadDeskConfig({}), store, limiter };
    const passkey = softPasskey();
    await store.addMember({ id: 'lid-a', name: 'Lid A', role: 'behandelaar' });
    await store.addCredential(passkey.credential('lid-a'));
    const call = (path: string, body: unknown, address: string) =>
      handleApi(desk, {
        method: 'POST',
        path,
        headers: { origin: desk.config.origin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        address,
      });
    const options = async (address: string) =>
      ((await call('/api/aanmelden/opties', {}, address)).body as { options: { challenge: string } }).options.challenge;
    return { desk, store, passkey, call, options };
  }

  it('always verifies a known passkey, also from an address at its limit; refuses an unknown one there', async () => {
    const { desk, store, passkey, call, options } = await deskWithMember();
    const stranger = softPasskey();
    for (let i = 0; i < 10; i++)
      expect((await call('/api/aanmelden', { response: stranger.answer(await options('office'), desk.config.origin) }, 'office')).status).toBe(401);
    expect((await call('/api/aanmelden', { response: stranger.answer(await options('office'), desk.config.origin) }, 'office')).status).toBe(429);
    // A forged answer for the member's passkey is verified too (and fails), then the member signs in.
    const forged = passkey.answer(await options('office'), 'https://elders.example') as { response: object };
    expect((await call('/api/aanmelden', { response: { ...forged, id: passkey.id } }, 'office')).status).toBe(401);
    const answer = passkey.answer(await options('office'), desk.config.origin);
    const signedIn = await call('/api/aanmelden', { response: answer }, 'office');
    expect(signedIn.status).toBe(200);
    expect(signedIn.cookie).toMatch(/^meldbalie_sessie=/);
    // The same answer again is a replay.
    expect((await call('/api/aanmelden', { response: answer }, 'elders')).status).toBe(401);
    const actions = (await store.audit()).map((r) => r.action);
    expect(actions.filter((a) => a === 'aanmelden.mislukt')).toHaveLength(12);
    expect(actions.filter((a) => a === 'aanmelden')).toHaveLength(1);
    await store.close();
  });

  it('stores nothing for a flood of option requests, and logs a flood of failures only up to its hourly share', async () => {
    const { desk, store, call, options } = await deskWithMember(new AttemptLimiter({ loggedPerHour: 20 }));
    for (let i = 0; i < 1000; i++) await options(`198.51.100.${i % 250}`);
    const stranger = softPasskey();
    for (let i = 0; i < 100; i++)
      await call('/api/aanmelden', { response: stranger.answer(await options(`203.0.113.${i}`), desk.config.origin) }, `203.0.113.${i}`);
    const failures = (await store.audit()).filter((r) => r.action === 'aanmelden.mislukt');
    expect(failures).toHaveLength(20);
    await store.close();
    const db = new DatabaseSync(join(dirs.at(-1)!, 'data', 'desk.sqlite'));
    expect(db.prepare('SELECT count(*) AS n FROM challenges').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('desk settings', () => {
  it('takes its RP ID and origin from DESK_URL and refuses an IP address or plain http elsewhere', () => {
    expect(loadDeskConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 4330,
      origin: 'http://localhost:4330',
      rpId: 'localhost',
      ackDays: 7,
      feedbackDays: 90,
    });
    expect(loadDeskConfig({ DESK_URL: 'https://meldbalie.example.nl/' })).toMatchObject({
      origin: 'https://meldbalie.example.nl',
      rpId: 'meldbalie.example.nl',
    });
    expect(() => loadDeskConfig({ DESK_URL: 'http://127.0.0.1:4330' })).toThrow(/IP-adres kan geen WebAuthn RP ID zijn/);
    expect(() => loadDeskConfig({ DESK_URL: 'http://meldbalie.example.nl' })).toThrow(/https/);
    expect(() => loadDeskConfig({ DESK_ACK_DAYS: '0' })).toThrow(/DESK_ACK_DAYS/);
    expect(() => loadDeskConfig({ DESK_FORWARD_SECRET: 'geheim' })).toThrow(/whsec_/);
    // Behind a proxy: which hops may name the client, as the site's REPORT_TRUSTED_PROXIES; none by default.
    expect(loadDeskConfig({}).trustedProxies).toEqual({ hops: 0 });
    expect(loadDeskConfig({ DESK_TRUSTED_PROXIES: '1' }).trustedProxies).toEqual({ hops: 1 });
    expect(() => loadDeskConfig({ DESK_TRUSTED_PROXIES: 'proxy.example' })).toThrow(/^DESK_TRUSTED_PROXIES: "proxy.example" is geen adres/);
  });
});
