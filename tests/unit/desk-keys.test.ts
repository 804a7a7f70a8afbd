/**
 * The desk's key routes on a real SQLite file with real age: rotating needs a beheerder, proof that
 * the browser holds the current key (a nonce the server sealed to it, one use) and the current
 * public key as `expected`; it replaces the copies, renews the secrets when asked and logs counts,
 * never a key. A passkey's transfer key is written once. A member's passkeys: never the last.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDeskStore } from '../../src/desk/server/sqlite-store.ts';
import { loadDeskConfig } from '../../src/desk/server/config.ts';
import { AttemptLimiter, startSession } from '../../src/desk/server/auth.ts';
import { type Desk, handleApi } from '../../src/desk/server/api.ts';
import type { Role } from '../../src/desk/server/store.ts';
import { newKeyPair, seal, unseal } from '../../src/lib/report/crypto/seal.ts';

const dirs: string[] = [];
const stores: SqliteDeskStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function newDesk() {
  const dir = mkdtempSync(join(tmpdir(), 'desk-keys-'));
  dirs.push(dir);
  const store = new SqliteDeskStore(dir);
  stores.push(store);
  const desk: Desk = { config: loadDeskConfig({}), store, limiter: new AttemptLimiter() };
  const key = await newKeyPair();
  await store.setSettings({ recipient: key.recipient, wrapped_recovery: 'herstel', forward_secret: 'whsec_oud1', intake_secret: 'whsec_oud2' });
  return { desk, key };
}

async function addMember(desk: Desk, id: string, role: Role, credential: { wrappedIdentity: string | null; recipient: string | null }) {
  await desk.store.addMember({ id, name: `Lid ${id}`, role });
  await desk.store.addCredential({ id: `cred-${id}`, memberId: id, publicKey: 'AA', counter: 0, transports: [], ...credential });
  const { token, session } = await startSession(desk.store, id);
  return { cookie: `meldbalie_sessie=${token}`, csrf: session.csrf };
}

function call(desk: Desk, who: { cookie: string; csrf: string }, path: string, body?: unknown) {
  const headers = { cookie: who.cookie, origin: desk.config.origin, 'content-type': 'application/json', 'x-csrf-token': who.csrf };
  return handleApi(desk, {
    method: body === undefined ? 'GET' : 'POST',
    path,
    headers,
    body: body === undefined ? '' : JSON.stringify(body),
    address: '127.0.0.1',
  });
}

/** What a browser holding `identity` answers to the server's sealed nonce. */
async function proof(desk: Desk, who: { cookie: string; csrf: string }, identity: string) {
  const answer = await call(desk, who, '/api/sleutel/bewijs', {});
  expect(answer.status).toBe(200);
  return unseal([identity], (answer.body as { sealed: string }).sealed);
}

describe('rotating the desk key', () => {
  it('needs a beheerder, proof of the current key and the current public key; then replaces the copies and logs no key', async () => {
    const { desk, key } = await newDesk();
    const admin = await addMember(desk, 'a', 'beheerder', { wrappedIdentity: 'aes-a', recipient: (await newKeyPair()).recipient });
    const worker = await addMember(desk, 'b', 'behandelaar', { wrappedIdentity: 'aes-b', recipient: null });
    const next = await newKeyPair();
    const copy = await seal([next.recipient], 'sleutelbos');
    const rotation = (possession: string, expected = key.recipient) => ({
      expected,
      recipient: next.recipient,
      wrappedRecovery: 'herstel-nieuw',
      copies: { 'cred-a': copy },
      newSecrets: true,
      possession,
    });

    expect((await call(desk, worker, '/api/sleutel/roteren', rotation(await proof(desk, worker, key.identity)))).status).toBe(403);
    expect((await call(desk, admin, '/api/sleutel/roteren', rotation('geraden'))).status).toBe(403);
    // A nonce opened with another key is not the nonce.
    const wrongKey = await newKeyPair();
    await expect(proof(desk, admin, wrongKey.identity)).rejects.toThrow();
    expect((await call(desk, admin, '/api/sleutel/roteren', rotation(await proof(desk, admin, key.identity), next.recipient))).status).toBe(400);
    expect((await call(desk, admin, '/api/sleutel/roteren', rotation(await proof(desk, admin, key.identity), (await newKeyPair()).recipient))).status).toBe(
      409,
    );

    const nonce = await proof(desk, admin, key.identity);
    const answer = await call(desk, admin, '/api/sleutel/roteren', rotation(nonce));
    expect(answer.status).toBe(200);
    const { site, waiting, secretsRenewed } = answer.body as { site: Record<string, string>; waiting: string[]; secretsRenewed: boolean };
    expect(site.REPORT_RECIPIENTS).toBe(next.recipient);
    expect([site.REPORT_FORWARD_SECRET, site.REPORT_INTAKE_SECRET]).not.toContain('whsec_oud1');
    expect(site.REPORT_FORWARD_SECRET).toMatch(/^whsec_/);
    expect([waiting, secretsRenewed]).toEqual([['Lid b'], true]);
    expect(await desk.store.getSetting('recipient')).toBe(next.recipient);
    expect(await desk.store.getSetting('previous_recipients')).toBe(key.recipient);
    expect(await desk.store.getSetting('wrapped_recovery')).toBe('herstel-nieuw');
    expect((await desk.store.getCredential('cred-a'))?.wrappedIdentity).toBe(copy);
    expect((await desk.store.getCredential('cred-b'))?.wrappedIdentity).toBeNull();
    // The proof is used up.
    expect(
      (await call(desk, admin, '/api/sleutel/roteren', { ...rotation(nonce), expected: next.recipient, recipient: (await newKeyPair()).recipient })).status,
    ).toBe(403);

    const logged = (await desk.store.audit()).find((row) => row.action === 'sleutel.geroteerd')!;
    expect(logged.subject).toBe('1 passkeys opnieuw versleuteld, 1 wachten op toegang, nieuwe webhookgeheimen');
    expect(logged.subject).not.toMatch(/age1|AGE-SECRET/);
  });

  it("keeps a passkey's first transfer key: a session cannot swap in another", async () => {
    const { desk } = await newDesk();
    const first = (await newKeyPair()).recipient;
    const member = await addMember(desk, 'a', 'beheerder', { wrappedIdentity: 'aes-a', recipient: null });
    expect((await call(desk, member, '/api/sleutel/aanvraag', { credentialId: 'cred-a', recipient: first })).status).toBe(200);
    expect((await call(desk, member, '/api/sleutel/aanvraag', { credentialId: 'cred-a', recipient: (await newKeyPair()).recipient })).status).toBe(200);
    expect((await desk.store.getCredential('cred-a'))?.recipient).toBe(first);
  });
});

describe("a member's passkeys", () => {
  it('lists them, refuses to add one without proof of the key, and never removes the last', async () => {
    const { desk } = await newDesk();
    const member = await addMember(desk, 'a', 'behandelaar', { wrappedIdentity: 'aes-a', recipient: null });
    expect((await call(desk, member, '/api/passkeys')).body).toEqual({ passkeys: [{ id: 'cred-a', label: null, createdDay: null, hasKey: true }] });
    expect((await call(desk, member, '/api/passkeys', { response: {}, label: 'Telefoon', possession: 'geraden' })).status).toBe(403);
    expect((await call(desk, member, '/api/passkeys/verwijderen', { credentialId: 'cred-a' })).status).toBe(409);
    await desk.store.addCredential({
      id: 'cred-a2',
      memberId: 'a',
      publicKey: 'AA',
      counter: 0,
      transports: [],
      wrappedIdentity: null,
      recipient: null,
      label: 'Telefoon',
      createdDay: '2026-12-06',
    });
    expect((await call(desk, member, '/api/passkeys/verwijderen', { credentialId: 'cred-a' })).status).toBe(200);
    expect((await call(desk, member, '/api/passkeys')).body).toEqual({
      passkeys: [{ id: 'cred-a2', label: 'Telefoon', createdDay: '2026-12-06', hasKey: false }],
    });
    expect((await desk.store.audit()).map((row) => row.action)).toEqual(['passkey.verwijderd']);
  });
});
