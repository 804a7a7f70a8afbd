/**
 * The desk's two stores (SQLite in DESK_DATA_DIR, PostgreSQL with DESK_DATABASE_URL) against one
 * contract, on real engines: events idempotent on webhook-id with their case, the inbox order,
 * reads, questions and notes, passkeys, sessions, one-use challenges and invitations, and the
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
const event = (n: number, type: 'report.created' | 'report.message', reportId: string, day: string) => ({ webhookId: id(n), type, reportId, body: `{"n":${n}}`, receivedDay: day });

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
      expect([...(await store.reportBodies())].sort()).toEqual([
        [id(1), '{"n":1}'],
        [id(2), '{"n":2}'],
      ]);
      expect((await store.events(id(1))).map((e) => e.body)).toEqual(['{"n":1}', '{"n":3}']);
      await store.updateCase(id(1), { status: 'afgesloten', closingReason: 'politie', acknowledgedDay: '2026-12-02' });
      expect(await store.getCase(id(1))).toMatchObject({ status: 'afgesloten', closingReason: 'politie', acknowledgedDay: '2026-12-02' });
      await store.addOutgoing({ kind: 'question', reportId: id(1), sealed: 'v', day: '2026-12-02', memberId: 'lid-a' });
      await store.addOutgoing({ kind: 'note', reportId: id(1), sealed: 'n', day: '2026-12-02', memberId: 'lid-a' });
      expect((await store.outgoing(id(1))).map((o) => [o.kind, o.sealed])).toEqual([
        ['question', 'v'],
        ['note', 'n'],
      ]);
      await store.close();
    });

    it('keeps members, passkeys, sessions, one-use challenges and invitations', async () => {
      const { store } = await engine.open();
      await store.setSettings({ recipient: 'age1x', setup_token: 'h' });
      await store.deleteSetting('setup_token');
      expect([await store.getSetting('recipient'), await store.getSetting('setup_token')]).toEqual(['age1x', undefined]);
      await store.addMember({ id: 'lid-a', name: 'Beheerder', role: 'beheerder' });
      await store.addCredential({ id: 'cred-a', memberId: 'lid-a', publicKey: 'pk', counter: 0, transports: ['internal'], wrappedIdentity: null, recipient: null });
      await store.updateCredential('cred-a', { counter: 3, recipient: 'age1y' });
      expect((await store.listMembers())[0].credentials).toEqual([{ id: 'cred-a', hasKey: false, waiting: true, recipient: 'age1y' }]);
      await store.updateCredential('cred-a', { wrappedIdentity: 'w' });
      expect(await store.getCredential('cred-a')).toMatchObject({ counter: 3, wrappedIdentity: 'w', transports: ['internal'] });
      expect(await store.countMembers()).toBe(1);
      const now = Date.now();
      await store.addSession('s', { memberId: 'lid-a', csrf: 'c', expiresAt: Math.floor(now / 1000) + 60 });
      expect(await store.getSession('s', now)).toMatchObject({ memberId: 'lid-a', csrf: 'c' });
      expect(await store.getSession('s', now + 120_000)).toBeUndefined();
      await store.deleteSession('s');
      expect(await store.getSession('s', now)).toBeUndefined();
      for (const token of ['s1', 's2']) await store.addSession(token, { memberId: 'lid-a', csrf: 'c', expiresAt: Math.floor(now / 1000) + 60 });
      await store.deleteSessionsOf('lid-a');
      expect([await store.getSession('s1', now), await store.getSession('s2', now)]).toEqual([undefined, undefined]);
      await store.addChallenge('ch', 'aanmelden', Math.floor(now / 1000) + 60);
      expect(await store.useChallenge('ch', 'registratie', now)).toBe(false);
      expect(await store.useChallenge('ch', 'aanmelden', now)).toBe(true);
      expect(await store.useChallenge('ch', 'aanmelden', now)).toBe(false);
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
      for (const [id, role] of [['a', 'beheerder'], ['b', 'beheerder'], ['w', 'behandelaar']] as const) {
        await store.addMember({ id, name: id, role });
        await store.addCredential({ id: `cred-${id}`, memberId: id, publicKey: 'AA', counter: 0, transports: [], wrappedIdentity: `key-${id}`, recipient: null });
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
  });
}
