/**
 * The desk's two stores (SQLite in DESK_DATA_DIR, PostgreSQL with DESK_DATABASE_URL) against one
 * contract, on real engines: events idempotent on webhook-id with their case, the inbox order and
 * its pages (nothing lost or repeated while cases arrive and change), reads, questions and notes, passkeys, sessions, one-use challenges and invitations, and the
 * audit chain, append-only in the database itself and linked correctly under concurrent appends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SqliteDeskStore } from '../../src/desk/server/sqlite-store.ts';
import { PostgresDeskStore } from '../../src/desk/server/postgres-store.ts';
import { record, verifyChain } from '../../src/desk/server/audit.ts';
import type { DeskStore } from '../../src/desk/server/store.ts';
import { FROM_NEWEST, inboxPage } from '../../src/desk/server/inbox-pages.ts';
import { createDatabase, startPostgres, type PostgresServer } from '../support/postgres.ts';

let serverUrl = inject('postgresUrl') as string | undefined;
let own: PostgresServer | undefined;
const dirs: string[] = [];
beforeAll(async () => {
  if (serverUrl) return;
  own = await startPostgres();
  serverUrl = own.url;
}, 120_000);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  return own?.stop();
});

const id = (n: number) => `msg_${n.toString(16).padStart(32, '0')}`;
const newCase = (n: number, day: string) => ({
  reportId: id(n),
  receivedDay: day,
  status: 'nieuw' as const,
  closingReason: null,
  ackDue: day,
  feedbackDue: day,
  acknowledgedDay: null,
  assignee: null,
  replyRecipient: `age1${'q'.repeat(58)}`,
});
const event = (n: number, type: 'report.created' | 'report.message', reportId: string, day: string) => ({
  webhookId: id(n),
  type,
  reportId,
  body: `{"n":${n}}`,
  receivedDay: day,
});

const engines: { name: string; open: () => Promise<{ store: DeskStore; raw: (sql: string) => Promise<unknown> }> }[] = [
  {
    name: 'SQLite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'desk-store-'));
      dirs.push(dir);
      const store = new SqliteDeskStore(dir);
      const { DatabaseSync } = await import('node:sqlite');
      return { store, raw: async (sql: string) => new DatabaseSync(join(dir, 'desk.sqlite')).exec(sql) };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const url = await createDatabase(serverUrl!);
      const store = await PostgresDeskStore.open(url);
      return {
        store,
        raw: async (sql: string) => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(sql);
          } finally {
            await client.end();
          }
        },
      };
    },
  },
];

for (const engine of engines) {
  describe(`desk store: ${engine.name}`, { timeout: 60_000 }, () => {
    it('stores each event once with its case, orders the inbox, and keeps reads, questions and notes', async () => {
      const { store } = await engine.open();
      expect(await store.receive(event(1, 'report.created', id(1), '2026-12-01'), newCase(1, '2026-12-01'))).toBe(true);
      expect(await store.receive(event(1, 'report.created', id(1), '2026-12-01'), newCase(1, '2026-12-01'))).toBe(false);
      expect(await store.receive(event(2, 'report.created', id(2), '2026-12-03'), newCase(2, '2026-12-03'))).toBe(true);
      expect((await store.listCases()).map((c) => c.reportId)).toEqual([id(2), id(1)]);
      // An answer puts its case on top until someone opens it.
      expect(await store.receive(event(3, 'report.message', id(1), '2026-12-04'))).toBe(true);
      expect((await store.listCases()).map((c) => [c.reportId, c.newAnswer])).toEqual([
        [id(1), true],
        [id(2), false],
      ]);
      await store.markRead(id(1), 'lid-a');
      await store.markRead(id(1), 'lid-a');
      await store.markRead(id(1), 'lid-b');
      expect(await store.getCase(id(1))).toMatchObject({ newAnswer: false, readBy: ['lid-a', 'lid-b'] });
      // The whole inbox in one go: who read each case, and each report's own event (not the answer).
      expect((await store.listCases()).map((c) => [c.reportId, c.readBy])).toEqual([
        [id(2), []],
        [id(1), ['lid-a', 'lid-b']],
      ]);
      expect((await store.casePage({ limit: 10 })).map((c) => [c.reportId, c.body, c.readBy])).toEqual([
        [id(2), '{"n":2}', []],
        [id(1), '{"n":1}', ['lid-a', 'lid-b']],
      ]);
      expect((await store.events(id(1))).map((e) => e.body)).toEqual(['{"n":1}', '{"n":3}']);
      await store.updateCase(id(1), { status: 'afgesloten', closingReason: 'politie', acknowledgedDay: '2026-12-02' });
      expect(await store.getCase(id(1))).toMatchObject({ status: 'afgesloten', closingReason: 'politie', acknowledgedDay: '2026-12-02' });
      // Assigned to a member and back to no one; the other fields stay as they were.
      await store.updateCase(id(1), { assignee: 'lid-a' });
      expect(await store.getCase(id(1))).toMatchObject({ assignee: 'lid-a', status: 'afgesloten', closingReason: 'politie' });
      await store.updateCase(id(1), { assignee: null });
      expect((await store.getCase(id(1)))?.assignee).toBeNull();
      await store.addOutgoing({ kind: 'question', reportId: id(1), sealed: 'v', day: '2026-12-02', memberId: 'lid-a' });
      await store.addOutgoing({ kind: 'note', reportId: id(1), sealed: 'n', day: '2026-12-02', memberId: 'lid-a' });
      expect((await store.outgoing(id(1))).map((o) => [o.kind, o.sealed])).toEqual([
        ['question', 'v'],
        ['note', 'n'],
      ]);
      await store.close();
    });

    it('pages the inbox newest first, unread answers on the first page, and loses or repeats no case while cases arrive, get answers and are read', async () => {
      const { store } = await engine.open();
      // 30 cases over 6 days, several a day (the report id orders a day); 4 answered, one of them read again.
      const day = (n: number) => `2026-11-0${1 + (n % 6)}`;
      for (let n = 1; n <= 30; n++) await store.receive(event(n, 'report.created', id(n), day(n)), newCase(n, day(n)));
      for (const n of [7, 14, 21, 28]) await store.receive(event(100 + n, 'report.message', id(n), '2026-11-20'));
      await store.markRead(id(14), 'lid-a');
      const newest = Array.from({ length: 30 }, (_, i) => i + 1).sort((a, b) => day(b).localeCompare(day(a)) || b - a);
      const ids = (cases: { reportId: string }[]) => cases.map((c) => c.reportId);
      // The store's order, in pages of 4 after the last case of each: every case once, in order.
      const walked: string[] = [];
      for (let page = await store.casePage({ limit: 4 }); page.length > 0; page = await store.casePage({ after: page.at(-1), limit: 4 }))
        walked.push(...ids(page));
      expect(walked).toEqual(newest.map(id));
      expect(ids(await store.casePage({ newAnswer: true, limit: 10 }))).toEqual(newest.filter((n) => [7, 21, 28].includes(n)).map(id));
      expect(await store.countCases()).toBe(30);

      // The first page: the unread answers, then the newest others; then the rest in pages.
      const first = (await inboxPage(store, undefined, 5))!;
      const answeredFirst = newest.filter((n) => [7, 21, 28].includes(n));
      const othersFirst = newest.filter((n) => ![7, 21, 28].includes(n)).slice(0, 2);
      expect(ids(first.cases)).toEqual([...answeredFirst, ...othersFirst].map(id));
      expect(first.next).toBe(id(othersFirst[1]));
      // Between pages: a case arrives, a case not listed yet gets an answer, an answered one is read.
      const seen = [...ids(first.cases)];
      let next = first.next;
      let round = 0;
      while (next !== null) {
        if (round++ === 1) {
          await store.receive(event(31, 'report.created', id(31), '2026-12-01'), newCase(31, '2026-12-01'));
          await store.receive(event(131, 'report.message', id(newest.at(-1)!), '2026-12-01'));
          await store.markRead(id(21), 'lid-a');
        }
        const page = (await inboxPage(store, next, 4))!;
        seen.push(...ids(page.cases));
        next = page.next;
      }
      // Every case once, and only the first page's unread answers again (the key worker skips those).
      expect(new Set(seen)).toEqual(new Set(newest.map(id)));
      const twice = seen.filter((reportId, i) => seen.indexOf(reportId) !== i);
      const afterCursor = (n: number) => newest.indexOf(n) > newest.indexOf(othersFirst[1]);
      expect(twice.sort()).toEqual(answeredFirst.filter(afterCursor).map(id).sort());
      expect(twice.length).toBeGreaterThan(0);
      // The case that arrived is on top of the next first page, with the answered one.
      expect(ids((await inboxPage(store, undefined, 3))!.cases)).toContain(id(newest.at(-1)!));
      expect(ids((await inboxPage(store, undefined, 4))!.cases)).toContain(id(31));

      // More unread answers than a page holds: the whole inbox follows from its newest case.
      const full = (await inboxPage(store, undefined, 2))!;
      expect(full.next).toBe(FROM_NEWEST);
      expect(full.cases.every((c) => c.newAnswer)).toBe(true);
      expect(ids((await inboxPage(store, FROM_NEWEST, 40))!.cases)).toHaveLength(31);
      expect(await inboxPage(store, id(999), 4)).toBeUndefined();
      await store.close();
    });

    it('keeps members, passkeys, sessions, answered challenges and invitations', async () => {
      const { store } = await engine.open();
      await store.setSettings({ recipient: 'age1x', setup_token: 'h' });
      await store.deleteSetting('setup_token');
      expect([await store.getSetting('recipient'), await store.getSetting('setup_token')]).toEqual(['age1x', undefined]);
      await store.addMember({ id: 'lid-a', name: 'Beheerder', role: 'beheerder' });
      await store.addCredential({
        id: 'cred-a',
        memberId: 'lid-a',
        publicKey: 'pk',
        counter: 0,
        transports: ['internal'],
        wrappedIdentity: null,
        recipient: null,
      });
      await store.updateCredential('cred-a', { counter: 3, recipient: 'age1y' });
      expect((await store.listMembers())[0].credentials).toEqual([{ id: 'cred-a', hasKey: false, waiting: true, recipient: 'age1y' }]);
      await store.updateCredential('cred-a', { wrappedIdentity: 'w' });
      expect(await store.getCredential('cred-a')).toMatchObject({ counter: 3, wrappedIdentity: 'w', transports: ['internal'] });
      expect(await store.getMember('lid-a')).toEqual({ id: 'lid-a', name: 'Beheerder', role: 'beheerder' });
      expect(await store.getMember('lid-x')).toBeUndefined();
      const now = Date.now();
      await store.addSession('s', { memberId: 'lid-a', csrf: 'c', expiresAt: Math.floor(now / 1000) + 60 });
      expect(await store.getSession('s', now)).toMatchObject({ memberId: 'lid-a', csrf: 'c' });
      expect(await store.getSession('s', now + 120_000)).toBeUndefined();
      await store.deleteSession('s');
      expect(await store.getSession('s', now)).toBeUndefined();
      for (const token of ['s1', 's2']) await store.addSession(token, { memberId: 'lid-a', csrf: 'c', expiresAt: Math.floor(now / 1000) + 60 });
      await store.deleteSessionsOf('lid-a');
      expect([await store.getSession('s1', now), await store.getSession('s2', now)]).toEqual([undefined, undefined]);
      // Answered challenges are kept until they expire, so an answer cannot be replayed; then they go.
      const inAMinute = Math.floor(now / 1000) + 60;
      expect(await store.spendChallenge('ch', 'aanmelden', inAMinute, now)).toBe(true);
      expect(await store.spendChallenge('ch', 'aanmelden', inAMinute, now)).toBe(false);
      expect(await store.spendChallenge('ch', 'aanmelden', inAMinute, now + 120_000)).toBe(true);
      // Every store has its key for signing challenges from the first open.
      expect(Buffer.from((await store.getSetting('challenge_key'))!, 'base64')).toHaveLength(32);
      await store.addInvitation('t', { memberId: 'lid-b', name: 'Nieuw', role: 'behandelaar', expiresAt: Math.floor(now / 1000) + 60 });
      expect(await store.getInvitation('t', now)).toMatchObject({ memberId: 'lid-b', role: 'behandelaar' });
      expect(await store.getInvitation('t', now + 120_000)).toBeUndefined();
      expect(await store.useInvitation('t')).toBe(true);
      expect(await store.useInvitation('t')).toBe(false);
      expect(await store.getInvitation('t', now)).toBeUndefined();
      await store.close();
    });

    it('removes a member with their sessions, passkeys and invitation, but never the last beheerder, even when two remove each other at once', async () => {
      const { store } = await engine.open();
      for (const [id, role] of [
        ['a', 'beheerder'],
        ['b', 'beheerder'],
        ['w', 'behandelaar'],
      ] as const) {
        await store.addMember({ id, name: id, role });
        await store.addCredential({
          id: `cred-${id}`,
          memberId: id,
          publicKey: 'AA',
          counter: 0,
          transports: [],
          wrappedIdentity: `key-${id}`,
          recipient: null,
        });
        await store.addSession(`session-${id}`, { memberId: id, csrf: 'c', expiresAt: Math.floor(Date.now() / 1000) + 60 });
      }
      await store.addInvitation('inv-w', { memberId: 'w', name: 'w', role: 'behandelaar', expiresAt: Math.floor(Date.now() / 1000) + 60 });
      await store.receive(event(1, 'report.created', id(1), '2026-12-01'), { ...newCase(1, '2026-12-01'), assignee: 'w' });
      expect(await store.removeMember('w')).toEqual({ removed: { id: 'w', name: 'w', role: 'behandelaar' } });
      expect(await store.getSession('session-w', Date.now())).toBeUndefined();
      expect(await store.getCredential('cred-w')).toBeUndefined();
      expect(await store.getInvitation('inv-w', Date.now())).toBeUndefined();
      expect((await store.getCase(id(1)))?.assignee).toBeNull();
      expect(await store.removeMember('w')).toEqual({ refused: 'unknown' });
      const both = await Promise.all([store.removeMember('a'), store.removeMember('b')]);
      expect(both.filter((r) => 'removed' in r)).toHaveLength(1);
      expect(both.filter((r) => 'refused' in r && r.refused === 'last-beheerder')).toHaveLength(1);
      expect((await store.listMembers()).map((m) => m.role)).toEqual(['beheerder']);
      expect(await store.getSession((await store.listMembers())[0].id === 'a' ? 'session-a' : 'session-b', Date.now())).toBeDefined();
    });

    it("rotates the key with compare-and-set, replacing every passkey's copy, and never removes a member's last passkey", async () => {
      const { store } = await engine.open();
      await store.setSettings({ recipient: 'age1oud', wrapped_recovery: 'herstel-oud' });
      await store.addMember({ id: 'a', name: 'a', role: 'beheerder' });
      for (const [cred, recipient] of [
        ['cred-1', 'age1t1'],
        ['cred-2', null],
      ] as const) {
        await store.addCredential({
          id: cred,
          memberId: 'a',
          publicKey: 'AA',
          counter: 0,
          transports: [],
          wrappedIdentity: `oud-${cred}`,
          recipient,
          label: cred === 'cred-2' ? 'Sleutel' : null,
          createdDay: '2026-12-0' + cred.at(-1),
        });
      }
      // A new member still waiting for access: a rotation leaves them waiting, even when it brings a copy.
      await store.addMember({ id: 'n', name: 'n', role: 'behandelaar' });
      await store.addCredential({ id: 'cred-n', memberId: 'n', publicKey: 'AA', counter: 0, transports: [], wrappedIdentity: null, recipient: 'age1tn' });
      expect((await store.credentialsOf('a')).map((c) => [c.id, c.label, c.createdDay])).toEqual([
        ['cred-1', null, '2026-12-01'],
        ['cred-2', 'Sleutel', '2026-12-02'],
      ]);
      const rotation = (expected: string, recipient: string) => ({
        expected,
        settings: { recipient, wrapped_recovery: `herstel-${recipient}` },
        copies: { 'cred-1': `-----BEGIN AGE ENCRYPTED FILE----- ${recipient}`, 'cred-n': 'binnengesmokkeld' },
      });
      // Two beheerders rotating at once: one wins, the other was based on the old key and is refused.
      const both = await Promise.all([store.rotateKey(rotation('age1oud', 'age1x')), store.rotateKey(rotation('age1oud', 'age1y'))]);
      expect(both.filter((r) => 'rotated' in r)).toEqual([{ rotated: { sealed: 1, cleared: ['cred-2'] } }]);
      expect(both.filter((r) => 'refused' in r)).toEqual([{ refused: 'changed' }]);
      const winner = (await store.getSetting('recipient'))!;
      expect(await store.getSetting('wrapped_recovery')).toBe(`herstel-${winner}`);
      expect((await store.getCredential('cred-1'))?.wrappedIdentity).toBe(`-----BEGIN AGE ENCRYPTED FILE----- ${winner}`);
      expect((await store.getCredential('cred-2'))?.wrappedIdentity).toBeNull();
      expect((await store.getCredential('cred-n'))?.wrappedIdentity).toBeNull();

      expect(await store.removeCredential('a', 'cred-x')).toBe('unknown');
      expect(await store.removeCredential('b', 'cred-1')).toBe('unknown');
      const removing = await Promise.all([store.removeCredential('a', 'cred-1'), store.removeCredential('a', 'cred-2')]);
      expect(removing.sort()).toEqual(['last', 'removed']);
      expect(await store.credentialsOf('a')).toHaveLength(1);
      await store.close();
    });

    it('chains the audit log under concurrent appends and refuses to change it', async () => {
      const { store, raw } = await engine.open();
      await Promise.all(Array.from({ length: 12 }, (_, i) => record(store, `lid-${i % 3}`, 'zaak.geopend', id(i))));
      const rows = await store.audit();
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(verifyChain(rows)).toBeUndefined();
      await expect(raw("UPDATE audit SET subject = 'x' WHERE seq = 2")).rejects.toThrow(/alleen groeien/);
      await expect(raw('DELETE FROM audit WHERE seq = 12')).rejects.toThrow(/alleen groeien/);
      await store.close();
    });

    it('keeps reply templates in order, changes and removes them, and seeds the defaults once even when asked at the same time', async () => {
      const { store } = await engine.open();
      const template = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, sealed: `verzegeld-${n}`, day: '2026-12-01' });
      const seeded = await Promise.all([store.seedTemplates([template(1), template(2)]), store.seedTemplates([template(3), template(4)])]);
      expect(seeded.filter(Boolean)).toHaveLength(1);
      const first = seeded[0] ? [1, 2] : [3, 4];
      expect((await store.listTemplates()).map((t) => t.id)).toEqual(first.map((n) => template(n).id));
      await store.addTemplate(template(5));
      expect(await store.updateTemplate({ ...template(5), sealed: 'anders', day: '2026-12-02' })).toBe(true);
      expect(await store.updateTemplate(template(9))).toBe(false);
      expect(await store.deleteTemplate(template(first[0]).id)).toBe(true);
      expect(await store.deleteTemplate(template(first[0]).id)).toBe(false);
      expect(await store.listTemplates()).toEqual([template(first[1]), { ...template(5), sealed: 'anders', day: '2026-12-02' }]);
      // Removing every template does not bring the defaults back.
      for (const t of await store.listTemplates()) await store.deleteTemplate(t.id);
      expect(await store.seedTemplates([template(6)])).toBe(false);
      expect(await store.listTemplates()).toEqual([]);
      await store.close();
    });
  });
}

// A desk made before passkeys had a name and a day: opening it adds the columns, twice is harmless.
const OLD_TABLES = `CREATE TABLE members (id text PRIMARY KEY, name text NOT NULL, role text NOT NULL);
CREATE TABLE credentials (id text PRIMARY KEY, member_id text NOT NULL, public_key text NOT NULL, counter bigint NOT NULL, transports text NOT NULL, wrapped_identity text, recipient text);
INSERT INTO members VALUES ('a', 'a', 'beheerder');
INSERT INTO credentials VALUES ('oud', 'a', 'AA', 0, '[]', 'w', NULL);`;
const OLD_DESKS: { name: string; open: () => Promise<() => Promise<DeskStore>> }[] = [
  {
    name: 'SQLite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'desk-store-old-'));
      dirs.push(dir);
      const { DatabaseSync } = await import('node:sqlite');
      const db = new DatabaseSync(join(dir, 'desk.sqlite'));
      db.exec(OLD_TABLES);
      db.close();
      return async () => new SqliteDeskStore(dir);
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const url = await createDatabase(serverUrl!);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(OLD_TABLES);
      await client.end();
      return () => PostgresDeskStore.open(url);
    },
  },
];
for (const old of OLD_DESKS) {
  it(`desk store: ${old.name} adds the passkey name and day to a desk made before them`, { timeout: 60_000 }, async () => {
    const reopen = await old.open();
    await (await reopen()).close();
    const store = await reopen();
    expect(await store.getCredential('oud')).toMatchObject({ wrappedIdentity: 'w', label: null, createdDay: null });
    await store.addCredential({
      id: 'nieuw',
      memberId: 'a',
      publicKey: 'AA',
      counter: 0,
      transports: [],
      wrappedIdentity: null,
      recipient: null,
      label: 'Telefoon',
      createdDay: '2026-12-06',
    });
    expect((await store.credentialsOf('a')).map((c) => [c.id, c.label])).toEqual([
      ['oud', null],
      ['nieuw', 'Telefoon'],
    ]);
    await store.close();
  });
}
