import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteOutbox } from '../../../src/lib/report/outbox.ts';

const dirs: string[] = [];
function outboxFile() {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  dirs.push(dir);
  return join(dir, 'outbox.sqlite');
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const report = (n: number) => ({ id: `msg_${n}`, referenceCode: `MW-0000-000${n}`, payload: `{"n":${n}}` });

describe('SqliteOutbox', () => {
  it('keeps an enqueued report across a reopen (it is on disk, not in memory)', () => {
    const file = outboxFile();
    const first = new SqliteOutbox(file);
    first.enqueue(report(1));
    first.close();
    const second = new SqliteOutbox(file);
    expect(second.list()).toMatchObject([{ id: 'msg_1', state: 'pending', attempts: 0 }]);
    second.close();
  });

  it('never leases one entry to two workers, also across two connections', () => {
    const file = outboxFile();
    const a = new SqliteOutbox(file);
    const b = new SqliteOutbox(file);
    for (let n = 1; n <= 5; n++) a.enqueue(report(n));
    const claimedA = a.claim(3, 60_000);
    const claimedB = b.claim(10, 60_000);
    expect(claimedA).toHaveLength(3);
    expect(claimedB).toHaveLength(2);
    expect(new Set([...claimedA, ...claimedB].map((c) => c.id)).size).toBe(5);
    a.close();
    b.close();
  });

  it('gives an expired lease to another worker, and ignores the old worker afterwards', () => {
    const outbox = new SqliteOutbox(outboxFile());
    outbox.enqueue(report(1));
    const now = Date.now();
    const [crashed] = outbox.claim(1, 1_000, now);
    expect(outbox.claim(1, 1_000, now + 500)).toHaveLength(0);
    const [taken] = outbox.claim(1, 1_000, now + 1_001);
    expect(taken.id).toBe('msg_1');
    outbox.fail(crashed.id, crashed.leaseToken, { error: 'te laat', dead: true });
    expect(outbox.list()[0].state).toBe('pending');
    outbox.acknowledge(taken.id, taken.leaseToken);
    expect(outbox.list()).toEqual([]);
    outbox.close();
  });

  it('schedules retries, moves exhausted entries to the dead letters and lets an operator retry them', () => {
    const outbox = new SqliteOutbox(outboxFile());
    outbox.enqueue(report(1));
    const [claim] = outbox.claim(1, 60_000);
    outbox.fail(claim.id, claim.leaseToken, { error: 'HTTP 503', retryAt: Date.now() + 60_000 });
    expect(outbox.claim(1, 60_000)).toHaveLength(0);
    const [later] = outbox.claim(1, 60_000, Date.now() + 61_000);
    outbox.fail(later.id, later.leaseToken, { error: 'HTTP 410', dead: true });
    expect(outbox.list('dead')).toMatchObject([{ id: 'msg_1', attempts: 2, lastError: 'HTTP 410' }]);
    expect(outbox.claim(1, 60_000, Date.now() + 10 ** 9)).toHaveLength(0);
    expect(outbox.retry('msg_1')).toBe(1);
    expect(outbox.claim(1, 60_000)).toHaveLength(1);
    outbox.close();
  });

  it('refuses a second entry with the same id', () => {
    const outbox = new SqliteOutbox(outboxFile());
    outbox.enqueue(report(1));
    expect(() => outbox.enqueue(report(1))).toThrow();
    expect(outbox.list()).toHaveLength(1);
    outbox.close();
  });
});
