/**
 * The behaviour every report store promises (src/lib/report/store/port.ts), as one suite that
 * runs against each implementation: the same tests for SQLite and PostgreSQL.
 * `open()` returns a fresh, empty store; `reopen()` a second connection to the same data.
 */
import { describe, expect, it } from 'vitest';
import type { ReportStore } from '../../src/lib/report/store/port.ts';

export interface StoreFactory {
  /** A new store on fresh, empty storage. */
  open(): Promise<ReportStore>;
  /** Another connection (or process-level handle) to the storage of `store`. */
  reopen(store: ReportStore): Promise<ReportStore>;
}

const report = (n: number) => ({ id: `msg_${n}`, payload: `{"n":${n}}` });
const HOUR = 3600;

export function describeStoreContract(name: string, factory: StoreFactory) {
  describe(`${name}: the report store contract`, { timeout: 30_000 }, () => {
    const withStore = (test: (store: ReportStore) => Promise<void>) => async () => {
      const store = await factory.open();
      try {
        await test(store);
      } finally {
        await store.close();
      }
    };

    it(
      'keeps an enqueued report across a reopen (it is on disk, not in memory)',
      withStore(async (store) => {
        await store.enqueue(report(1));
        const second = await factory.reopen(store);
        expect(await second.list()).toMatchObject([{ id: 'msg_1', state: 'pending', attempts: 0 }]);
        await second.close();
      }),
    );

    it(
      'hands a receipt out once, across connections at the same moment; a look (HEAD) does not use it up; an expired one is gone',
      withStore(async (a) => {
        const b = await factory.reopen(a);
        const now = Date.now();
        const expiresAt = Math.ceil(now / 1000 / HOUR) * HOUR + HOUR;
        await a.enqueue(report(1), { receipt: { lookup: 'r1', sealed: 'box-1', expiresAt } });
        await a.enqueue(report(2), { receipt: { lookup: 'r2', sealed: 'box-2', expiresAt } });
        expect(await b.openReceipt('r1', false, now)).toBe('box-1');
        expect(await a.openReceipt('r1', false, now)).toBe('box-1');
        const taken = await Promise.all([a.openReceipt('r1', true, now), b.openReceipt('r1', true, now)]);
        expect(taken.filter((t) => t === 'box-1')).toHaveLength(1);
        expect(await a.openReceipt('r1', false, now)).toBeUndefined();
        expect(await a.openReceipt('r2', true, (expiresAt + 1) * 1000)).toBeUndefined();
        expect(await b.openReceipt('r2', false, now)).toBeUndefined();
        await b.close();
      }),
    );

    it(
      'counts the reports in the outbox, pending and dead',
      withStore(async (store) => {
        expect(await store.outboxSize()).toBe(0);
        for (let n = 1; n <= 3; n++) await store.enqueue(report(n));
        const [claim] = await store.claim(1, 60_000);
        await store.fail(claim.id, claim.leaseToken, { error: 'weg', dead: true });
        expect(await store.outboxSize()).toBe(3);
      }),
    );

    it(
      'refuses a second entry with the same id',
      withStore(async (store) => {
        await store.enqueue(report(1));
        await expect(store.enqueue(report(1))).rejects.toThrow();
        expect(await store.list()).toHaveLength(1);
      }),
    );

    it(
      'never leases one entry to two workers, also across two connections claiming at once',
      withStore(async (a) => {
        const b = await factory.reopen(a);
        for (let n = 1; n <= 9; n++) await a.enqueue(report(n));
        const [claimedA, claimedB] = await Promise.all([a.claim(5, 60_000), b.claim(10, 60_000)]);
        expect(claimedA.length + claimedB.length).toBe(9);
        expect(new Set([...claimedA, ...claimedB].map((c) => c.id)).size).toBe(9);
        expect(await a.claim(10, 60_000)).toEqual([]);
        await b.close();
      }),
    );

    it(
      'names the hour of the oldest report still waiting, and nothing once none waits',
      withStore(async (store) => {
        expect(await store.oldestPendingHour()).toBeNull();
        await store.enqueue({ id: 'msg_b', payload: '{"type":"report.created","timestamp":"2026-03-02T11:00:00Z","data":{}}' });
        await store.enqueue({ id: 'msg_a', payload: '{"type":"report.created","timestamp":"2026-03-02T09:00:00Z","data":{}}' });
        expect(await store.oldestPendingHour()).toBe('2026-03-02T09:00:00Z');
        // A dead letter is not waiting for delivery any more.
        const claims = await store.claim(2, 60_000);
        const older = claims.find((c) => c.id === 'msg_a')!;
        await store.fail(older.id, older.leaseToken, { error: 'HTTP 400', dead: true });
        expect(await store.oldestPendingHour()).toBe('2026-03-02T11:00:00Z');
        const newer = claims.find((c) => c.id === 'msg_b')!;
        await store.acknowledge(newer.id, newer.leaseToken);
        expect(await store.oldestPendingHour()).toBeNull();
      }),
    );

    it(
      'hands the payload to the claimer but never to the operator listing',
      withStore(async (store) => {
        await store.enqueue(report(1));
        expect(JSON.stringify(await store.list())).not.toContain('"n":1');
        const [claim] = await store.claim(1, 60_000);
        expect(claim.payload).toBe('{"n":1}');
      }),
    );

    it(
      'gives an expired lease to another worker, and ignores the old worker afterwards',
      withStore(async (store) => {
        await store.enqueue(report(1));
        const now = Date.now();
        const [crashed] = await store.claim(1, 1_000, now);
        expect(await store.claim(1, 1_000, now + 500)).toHaveLength(0);
        // Leases are kept in whole seconds, rounded up: never shorter than asked, at most a second longer.
        expect(await store.claim(1, 1_000, now + 999)).toHaveLength(0);
        const [taken] = await store.claim(1, 1_000, now + 2_000);
        expect(taken.id).toBe('msg_1');
        await store.fail(crashed.id, crashed.leaseToken, { error: 'te laat', dead: true });
        await store.acknowledge(crashed.id, crashed.leaseToken);
        expect((await store.list())[0].state).toBe('pending');
        await store.acknowledge(taken.id, taken.leaseToken);
        expect(await store.list()).toEqual([]);
      }),
    );

    it(
      'schedules retries, moves exhausted entries to the dead letters and lets an operator retry them',
      withStore(async (store) => {
        await store.enqueue(report(1));
        await store.enqueue(report(2));
        const claims = await store.claim(2, 60_000);
        const retryAt = Date.now() + 60_000;
        for (const claim of claims) await store.fail(claim.id, claim.leaseToken, { error: 'HTTP 503', retryAt });
        expect(await store.claim(2, 60_000)).toHaveLength(0);
        // The time of the next attempt is kept in whole seconds (rounded up: never early).
        for (const entry of await store.list()) {
          expect(entry.nextAttemptAt % 1000).toBe(0);
          expect(entry.nextAttemptAt).toBeGreaterThanOrEqual(retryAt);
          expect(entry.nextAttemptAt).toBeLessThan(retryAt + 1000);
        }
        const later = await store.claim(2, 60_000, Date.now() + 61_000);
        expect(later).toHaveLength(2);
        for (const claim of later) await store.fail(claim.id, claim.leaseToken, { error: 'HTTP 410', dead: true });
        expect(await store.list('dead')).toMatchObject([
          { id: 'msg_1', attempts: 2, lastError: 'HTTP 410', nextAttemptAt: 0 },
          { id: 'msg_2', attempts: 2, lastError: 'HTTP 410', nextAttemptAt: 0 },
        ]);
        expect(await store.list('pending')).toEqual([]);
        expect(await store.claim(1, 60_000, Date.now() + 10 ** 9)).toHaveLength(0);
        expect(await store.retry('msg_1')).toBe(1);
        expect(await store.retry('msg_1')).toBe(0);
        expect(await store.claim(5, 60_000)).toMatchObject([{ id: 'msg_1', attempts: 0 }]);
        expect(await store.retry()).toBe(1);
      }),
    );

    it(
      'uses a key once, across connections, until it expires',
      withStore(async (store) => {
        const other = await factory.reopen(store);
        const now = Date.now();
        const expiresAt = Math.ceil(now / 1000 / HOUR) * HOUR + HOUR;
        const results = await Promise.all([store.useOnce('k1', expiresAt, now), other.useOnce('k1', expiresAt, now)]);
        expect(results.sort()).toEqual([false, true]);
        expect(await store.useOnce('k1', expiresAt, now)).toBe(false);
        expect(await store.useOnce('k2', expiresAt, now)).toBe(true);
        // After expiry the key is forgotten (and may be used again: the caller refuses expired tokens itself).
        expect(await store.useOnce('k1', expiresAt, (expiresAt + 1) * 1000)).toBe(true);
        await other.close();
      }),
    );

    it(
      'counts a sliding window: the previous slot weighs in, and the limit holds under concurrency',
      withStore(async (store) => {
        const other = await factory.reopen(store);
        const now = Date.now();
        const expiresAt = Math.ceil(now / 1000 / HOUR) * HOUR + 2 * HOUR;
        const window = { current: 'c:2', previous: 'c:1', previousWeight: 1, limit: 4, expiresAt };
        const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).hit(window, now)));
        expect(outcomes.filter(Boolean)).toHaveLength(4);
        // The next slot: at its start the previous slot (4) still counts fully …
        expect(await store.hit({ current: 'c:3', previous: 'c:2', previousWeight: 1, limit: 4, expiresAt }, now)).toBe(false);
        // … and halfway through, half of it: 2 + 0 + 1 ≤ 4, 2 + 1 + 1 ≤ 4, then 2 + 2 + 1 > 4.
        const half = { current: 'c:3', previous: 'c:2', previousWeight: 0.5, limit: 4, expiresAt };
        expect([await store.hit(half, now), await store.hit(half, now), await store.hit(half, now)]).toEqual([true, true, false]);
        // Another client is counted apart.
        expect(await store.hit({ ...window, current: 'd:2', previous: 'd:1' }, now)).toBe(true);
        await other.close();
      }),
    );

    const day = 86_400;
    const mailbox = (n: number, expiresAt: number) => ({
      lookup: `lookup-${n}`,
      reportId: `msg_${n}`,
      wrappedIdentity: `ingepakt-${n}`,
      createdDay: '2026-11-30',
      expiresAt,
    });

    it(
      'commits a report with its conversation, or neither',
      withStore(async (store) => {
        const now = Date.now();
        const expiresAt = Math.ceil(now / 1000 / day) * day + 90 * day;
        await store.enqueue(report(1), { mailbox: mailbox(1, expiresAt) });
        expect(await store.findMailbox('lookup-1', now)).toEqual({
          reportId: 'msg_1',
          wrappedIdentity: 'ingepakt-1',
          createdDay: '2026-11-30',
          expiresAt,
          messages: [],
        });
        expect(await store.findMailbox('lookup-2', now)).toBeUndefined();
        // A second conversation for the same report is refused, and takes its outbox entry with it.
        await expect(store.enqueue(report(2), { mailbox: { ...mailbox(1, expiresAt), lookup: 'lookup-x' } })).rejects.toThrow();
        expect((await store.list()).map((e) => e.id)).toEqual(['msg_1']);
      }),
    );

    it(
      'keeps messages in order, moves the expiry, and refuses messages for unknown or expired conversations',
      withStore(async (store) => {
        const now = Date.now();
        const soon = Math.ceil(now / 1000 / day) * day + day;
        await store.enqueue(report(1), { mailbox: mailbox(1, soon) });
        const later = soon + 30 * day;
        expect(await store.addMessage('msg_1', { from: 'intake', sealed: 'vraag-1', day: '2026-12-01' }, later, now)).toBe(true);
        // The reporter's answer goes out through the outbox and into the conversation at once.
        await store.enqueue(report(2), {
          message: { reportId: 'msg_1', message: { from: 'reporter', sealed: 'antwoord-1', day: '2026-12-02' }, expiresAt: later + day },
        });
        // The handling status the desk sets (report.status) is a message of its own kind.
        expect(await store.addMessage('msg_1', { from: 'status', sealed: 'status-1', day: '2026-12-03' }, later + day, now)).toBe(true);
        const found = await store.findMailbox('lookup-1', now);
        expect(found?.messages).toEqual([
          { from: 'intake', sealed: 'vraag-1', day: '2026-12-01' },
          { from: 'reporter', sealed: 'antwoord-1', day: '2026-12-02' },
          { from: 'status', sealed: 'status-1', day: '2026-12-03' },
        ]);
        expect(found?.expiresAt).toBe(later + day);
        expect(await store.addMessage('msg_9', { from: 'intake', sealed: 'x', day: '2026-12-01' }, later, now)).toBe(false);
        // A message for a conversation that does not exist stores nothing, not even its outbox entry.
        await expect(
          store.enqueue(report(3), { message: { reportId: 'msg_9', message: { from: 'reporter', sealed: 'y', day: '2026-12-02' }, expiresAt: later } }),
        ).rejects.toThrow();
        expect((await store.list()).map((e) => e.id)).toEqual(['msg_1', 'msg_2']);
        // Past its expiry the conversation is gone for the reader and for new messages, then purged.
        const after = (later + 2 * day) * 1000;
        expect(await store.findMailbox('lookup-1', after)).toBeUndefined();
        expect(await store.addMessage('msg_1', { from: 'intake', sealed: 'te laat', day: '2027-02-01' }, later + 90 * day, after)).toBe(false);
        expect(await store.purgeMailboxes(after)).toBe(1);
        expect(await store.purgeMailboxes(after)).toBe(0);
        expect(await store.findMailbox('lookup-1', now)).toBeUndefined();
      }),
    );

    it(
      'forgets counts once they expire',
      withStore(async (store) => {
        const now = Date.now();
        const expiresAt = Math.ceil(now / 1000 / HOUR) * HOUR;
        const window = { current: 'e:1', previous: 'e:0', previousWeight: 0, limit: 1, expiresAt };
        expect(await store.hit(window, now)).toBe(true);
        expect(await store.hit(window, now)).toBe(false);
        expect(await store.hit(window, (expiresAt + 1) * 1000)).toBe(true);
      }),
    );
  });
}
