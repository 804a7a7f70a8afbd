/**
 * The desk's key routes on a real SQLite file with real age: rotating needs a beheerder, proof that
 * the browser holds the current key (a nonce the server sealed to it, one use) and the current
 * public key as `expected`; it replaces the copies, renews the secrets when asked and logs counts,
 * never a key. A passkey's transfer key is written once. A member's passkeys: never the last.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { callDesk, closeTestDesks, openTestDesk, type SignedIn, signedInMember } from '../support/desk-api.ts';
import type { Desk } from '../../src/desk/server/api.ts';
import { newKeyPair, seal, unseal } from '../../src/lib/report/crypto/seal.ts';

afterEach(closeTestDesks);

async function newDesk() {
  const desk = openTestDesk('desk-keys');
  const key = await newKeyPair();
  await desk.store.setSettings({ recipient: key.recipient, wrapped_recovery: 'herstel', forward_secret: 'whsec_oud1', intake_secret: 'whsec_oud2' });
  return { desk, key };
}

/** What a browser holding `identity` answers to the server's sealed nonce. */
async function proof(desk: Desk, who: SignedIn, identity: string) {
  const answer = await callDesk(desk, who, '/api/sleutel/bewijs', {});
  expect(answer.status).toBe(200);
  return unseal([identity], (answer.body as { sealed: string }).sealed);
}

describe('rotating the desk key', () => {
  it('needs a beheerder, proof of the current key and the current public key; then replaces the copies and logs no key', async () => {
    const { desk, key } = await newDesk();
    const admin = await signedInMember(desk, 'a', 'beheerder', { wrappedIdentity: 'aes-a', recipient: (await newKeyPair()).recipient });
    const worker = await signedInMember(desk, 'b', 'behandelaar', { wrappedIdentity: 'aes-b', recipient: null });
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

    expect((await callDesk(desk, worker, '/api/sleutel/roteren', rotation(await proof(desk, worker, key.identity)))).status).toBe(403);
    expect((await callDesk(desk, admin, '/api/sleutel/roteren', rotation('geraden'))).status).toBe(403);
    // A nonce opened with another key is not the nonce.
    const wrongKey = await newKeyPair();
    await expect(proof(desk, admin, wrongKey.identity)).rejects.toThrow();
    expect((await callDesk(desk, admin, '/api/sleutel/roteren', rotation(await proof(desk, admin, key.identity), next.recipient))).status).toBe(400);
    expect((await callDesk(desk, admin, '/api/sleutel/roteren', rotation(await proof(desk, admin, key.identity), (await newKeyPair()).recipient))).status).toBe(
      409,
    );

    const nonce = await proof(desk, admin, key.identity);
    const answer = await callDesk(desk, admin, '/api/sleutel/roteren', rotation(nonce));
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
      (await callDesk(desk, admin, '/api/sleutel/roteren', { ...rotation(nonce), expected: next.recipient, recipient: (await newKeyPair()).recipient })).status,
    ).toBe(403);

    const logged = (await desk.store.audit()).find((row) => row.action === 'sleutel.geroteerd')!;
    expect(logged.subject).toBe('1 passkeys opnieuw versleuteld, 1 wachten op toegang, nieuwe webhookgeheimen');
    expect(logged.subject).not.toMatch(/age1|AGE-SECRET/);
  });

  it("keeps a passkey's first transfer key: a session cannot swap in another", async () => {
    const { desk } = await newDesk();
    const first = (await newKeyPair()).recipient;
    const member = await signedInMember(desk, 'a', 'beheerder', { wrappedIdentity: 'aes-a', recipient: null });
    expect((await callDesk(desk, member, '/api/sleutel/aanvraag', { credentialId: 'cred-a', recipient: first })).status).toBe(200);
    expect((await callDesk(desk, member, '/api/sleutel/aanvraag', { credentialId: 'cred-a', recipient: (await newKeyPair()).recipient })).status).toBe(200);
    expect((await desk.store.getCredential('cred-a'))?.recipient).toBe(first);
  });
});

describe("a member's passkeys", () => {
  it('lists them, refuses to add one without proof of the key, and never removes the last', async () => {
    const { desk } = await newDesk();
    const member = await signedInMember(desk, 'a', 'behandelaar', { wrappedIdentity: 'aes-a', recipient: null });
    expect((await callDesk(desk, member, '/api/passkeys')).body).toEqual({ passkeys: [{ id: 'cred-a', label: null, createdDay: null, hasKey: true }] });
    expect((await callDesk(desk, member, '/api/passkeys', { response: {}, label: 'Telefoon', possession: 'geraden' })).status).toBe(403);
    expect((await callDesk(desk, member, '/api/passkeys/verwijderen', { credentialId: 'cred-a' })).status).toBe(409);
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
    expect((await callDesk(desk, member, '/api/passkeys/verwijderen', { credentialId: 'cred-a' })).status).toBe(200);
    expect((await callDesk(desk, member, '/api/passkeys')).body).toEqual({
      passkeys: [{ id: 'cred-a2', label: 'Telefoon', createdDay: '2026-12-06', hasKey: false }],
    });
    expect((await desk.store.audit()).map((row) => row.action)).toEqual(['passkey.verwijderd']);
  });
});
