/**
 * The SQLite store (the embedded default) against the shared store contract, plus what only a
 * file on disk can show: permissions, and no trace of a delivered report in any file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/lib/report/store/sqlite.ts';
import type { ReportStore } from '../../../src/lib/report/store/port.ts';
import { describeStoreContract } from '../../support/store-contract.ts';
import { waitFor } from '../../support/processes.ts';

const root = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const files = new WeakMap<ReportStore, string>();
let counter = 0;

function open(file = join(root, `d${counter++}`, 'outbox.sqlite')) {
  const store = new SqliteStore(file);
  files.set(store, file);
  return store;
}

describeStoreContract('SQLite', {
  open: async () => open(),
  reopen: async (store) => open(files.get(store)),
});

describe('SQLite store files', () => {
  it('creates its folder 0700 and every file 0600, and tightens an existing folder', async () => {
    const dir = join(root, 'modes');
    const store = open(join(dir, 'outbox.sqlite'));
    await store.enqueue({ id: 'msg_1', payload: '{}' });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dir)) expect([name, statSync(join(dir, name)).mode & 0o777]).toEqual([name, 0o600]);
    await store.close();
  });

  it('leaves no trace of a delivered report in the database or its WAL', async () => {
    const dir = join(root, 'trace');
    const store = open(join(dir, 'outbox.sqlite'));
    const marker = 'MARKEER-afgeleverd-7f3a9';
    await store.enqueue({ id: 'msg_1', payload: JSON.stringify({ description: marker }) });
    await store.enqueue({ id: 'msg_2', payload: JSON.stringify({ description: 'nog-onderweg' }) });
    const everything = () => readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');
    expect(everything()).toContain(marker);
    const claims = await store.claim(1, 60_000);
    expect(claims[0].id).toBe('msg_1');
    await store.acknowledge(claims[0].id, claims[0].leaseToken);
    // The checkpoint runs right after the delivery, in the store's own thread.
    await waitFor(() => !everything().includes(marker), 5_000, 'checkpoint na aflevering');
    expect(everything()).toContain('nog-onderweg');
    await store.close();
  });
});
