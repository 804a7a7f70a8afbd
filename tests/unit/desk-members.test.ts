/**
 * Removing a member through the desk API on a real SQLite file: their sessions end at once, the
 * desk key wrapped for their passkeys is deleted, their passkey cannot sign in, the removal is in
 * the audit log, and the last beheerder cannot be removed. Their notes keep their name.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { callDesk, closeTestDesks, openTestDesk, signedInMember } from '../support/desk-api.ts';
import { startSession } from '../../src/desk/server/auth.ts';
import { type Desk, handleApi } from '../../src/desk/server/api.ts';
import { joinSubject, record, verifyChain } from '../../src/desk/server/audit.ts';
import type { Role } from '../../src/desk/server/store.ts';

afterEach(closeTestDesks);

/** A member with one passkey that holds a wrapped copy of the desk key, and a signed-in session. */
const addMember = (desk: Desk, id: string, role: Role) => signedInMember(desk, id, role, { wrappedIdentity: `gewikkeld-${id}`, recipient: null });

/** A report the desk received on 1 December, as case `msg_<n…>`, assigned to `assignee`; returns its id. */
async function receiveCase(desk: Desk, n: string, assignee: string | null): Promise<string> {
  const reportId = `msg_${n.padStart(32, '0')}`;
  await desk.store.receive(
    { webhookId: `msg_${n}`, type: 'report.created', reportId, body: '{"data":{"sealed":"x"}}', receivedDay: '2026-12-01' },
    {
      reportId,
      receivedDay: '2026-12-01',
      status: 'nieuw',
      closingReason: null,
      ackDue: '2026-12-08',
      feedbackDue: '2027-03-01',
      acknowledgedDay: null,
      assignee,
      replyRecipient: `age1${'q'.repeat(58)}`,
    },
  );
  return reportId;
}

describe('removing a member', () => {
  it('ends their sessions, deletes their wrapped key copies and passkey, unassigns their cases and logs it', async () => {
    const desk = openTestDesk('desk-members');
    const admin = await addMember(desk, 'a', 'beheerder');
    const removed = await addMember(desk, 'b', 'behandelaar');
    const second = await startSession(desk.store, 'b');
    await desk.store.addCredential({ id: 'cred-b2', memberId: 'b', publicKey: 'AA', counter: 0, transports: [], wrappedIdentity: 'tweede', recipient: null });
    await receiveCase(desk, '1', 'b');
    expect((await callDesk(desk, removed, '/api/zaken')).status).toBe(200);

    const answer = await callDesk(desk, admin, '/api/leden/verwijderen', { memberId: 'b' });
    expect(answer).toMatchObject({ status: 200, body: { removed: { id: 'b', role: 'behandelaar' } } });
    expect(answer.cookie).toBeUndefined();

    // Every route now answers 401 to both of their sessions.
    for (const path of ['/api/zaken', '/api/herstel', '/api/namen']) expect((await callDesk(desk, removed, path)).status).toBe(401);
    expect((await callDesk(desk, { cookie: `meldbalie_sessie=${second.token}`, csrf: second.session.csrf }, '/api/zaken')).status).toBe(401);
    expect((await callDesk(desk, removed, '/api/sleutel/herverpakt', { credentialId: 'cred-b', wrappedIdentity: 'x' })).status).toBe(401);
    // No passkey, so no wrapped copy, and no sign-in with it.
    expect(await desk.store.getCredential('cred-b')).toBeUndefined();
    expect(await desk.store.getCredential('cred-b2')).toBeUndefined();
    expect(await desk.store.getMember('b')).toBeUndefined();
    const signIn = await handleApi(desk, {
      method: 'POST',
      path: '/api/aanmelden',
      headers: { origin: desk.config.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ response: { id: 'cred-b', rawId: 'cred-b', type: 'public-key', response: {} } }),
      address: '127.0.0.1',
    });
    expect(signIn.status).toBe(401);
    expect((await desk.store.listCases())[0].assignee).toBeNull();
    expect(await desk.store.getCredential('cred-a')).toMatchObject({ wrappedIdentity: 'gewikkeld-a' });

    const audit = await desk.store.audit();
    expect(audit.find((row) => row.action === 'lid.verwijderd')).toMatchObject({ actor: 'a', subject: 'Lid b (behandelaar)' });
    expect(verifyChain(audit)).toBeUndefined();
    expect((await callDesk(desk, admin, '/api/leden/verwijderen', { memberId: 'b' })).status).toBe(404);
  });

  it('refuses to remove the last beheerder, lets a beheerder remove another or themselves, and only a beheerder may remove', async () => {
    const desk = openTestDesk('desk-members');
    const first = await addMember(desk, 'a', 'beheerder');
    const worker = await addMember(desk, 'w', 'behandelaar');
    expect((await callDesk(desk, worker, '/api/leden/verwijderen', { memberId: 'a' })).status).toBe(403);
    const refused = await callDesk(desk, first, '/api/leden/verwijderen', { memberId: 'a' });
    expect(refused).toMatchObject({ status: 409, body: { error: expect.stringMatching(/laatste beheerder/) } });
    expect(await desk.store.getMember('a')).toBeDefined();
    expect((await callDesk(desk, first, '/api/zaken')).status).toBe(200);

    const second = await addMember(desk, 'c', 'beheerder');
    const self = await callDesk(desk, first, '/api/leden/verwijderen', { memberId: 'a' });
    expect(self.status).toBe(200);
    expect(self.cookie).toMatch(/Max-Age=0/);
    expect((await callDesk(desk, first, '/api/zaken')).status).toBe(401);
    expect((await callDesk(desk, second, '/api/leden/verwijderen', { memberId: 'c' })).status).toBe(409);
    expect((await callDesk(desk, second, '/api/leden/verwijderen', { memberId: 'w' })).status).toBe(200);
  });

  it("names a removed member's notes in the case by the name they joined under, not 'oud lid'", async () => {
    const desk = openTestDesk('desk-members');
    const admin = await addMember(desk, 'a', 'beheerder');
    const writer = await addMember(desk, 'b', 'behandelaar');
    // The row every invited member joins with (uitnodiging.aanvaard) is where the log keeps their name.
    await record(desk.store, 'b', 'uitnodiging.aanvaard', joinSubject['uitnodiging.aanvaard']('Sanne van de meldbalie', 'behandelaar'));
    const reportId = await receiveCase(desk, '2', null);
    const note = '-----BEGIN AGE ENCRYPTED FILE-----\nnotitie\n-----END AGE ENCRYPTED FILE-----\n';
    expect((await callDesk(desk, writer, `/api/zaken/${reportId}/notitie`, { sealed: note })).status).toBe(200);
    expect((await callDesk(desk, admin, '/api/leden/verwijderen', { memberId: 'b' })).status).toBe(200);

    const shown = await callDesk(desk, admin, `/api/zaken/${reportId}`);
    expect(shown.body).toMatchObject({ notes: [{ by: 'Sanne van de meldbalie', sealed: note }] });
  });
});
