/**
 * The one-time receipt against a real server and its real SQLite file: once the page has shown
 * the code, the used link (as a proxy log or the history keeps it), a full copy of the store
 * (every file, every row) and REPORT_SECRET together do not give the code. HEAD never uses the
 * link up. Needs a build.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { hkdfSync, randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openBox } from '../../src/lib/report/crypto/sealed-box.ts';
import { deriveKeys } from '../../src/lib/report/crypto/keys.ts';
import { startServer, submitReport, waitFor, type Started } from '../support/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'receipt-'));
let server: Started | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('shows the code once (HEAD does not use it up), after which link, store and REPORT_SECRET together hold no code', { timeout: 60_000 }, async () => {
  const secret = randomBytes(32).toString('base64');
  const dataDir = join(dir, 'data');
  server = await startServer({ REPORT_DATA_DIR: dataDir, REPORT_SECRET: secret, REPORT_RELAY: 'off', REPORT_MIN_FILL_SECONDS: '0' });
  const response = await submitReport(server.url, {
    municipality: 'venlo',
    exploitationForm: 'arbeidsuitbuiting',
    dangerNow: 'nee',
    description: 'Elke nacht een busje bij de loods aan de haven.',
  });
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get('location')!, server.url);
  const link = location.searchParams.get('r')!;

  const head = await fetch(location, { method: 'HEAD' });
  expect(head.status).toBe(200);
  // no-transform: no proxy may compress the page with the code (BREACH).
  expect(head.headers.get('cache-control')).toBe('no-store, no-transform');
  const shown = await fetch(location);
  expect(shown.status).toBe(200);
  const code = /class="reference-code"[^>]*>([0-9A-Z-]+)</.exec(await shown.text())?.[1];
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  const again = await fetch(location);
  expect(again.status).toBe(410);
  expect(await again.text()).not.toContain(code!);

  // The attacker's material: the link, REPORT_SECRET with every key derived from it, and the store.
  const compact = code!.replaceAll('-', '');
  const file = join(dataDir, 'outbox.sqlite');
  // The server folds the WAL back after a receipt is taken; wait for that, as a copy made later would see.
  await waitFor(() => readdirSync(dataDir).every((name) => !name.endsWith('-wal') || readFileSync(join(dataDir, name)).length === 0), 10_000, 'een lege WAL');
  const bytes = Buffer.concat(readdirSync(dataDir).map((name) => readFileSync(join(dataDir, name))));
  expect(bytes.includes(code!)).toBe(false);
  expect(bytes.includes(compact)).toBe(false);
  expect(link).not.toContain(compact);

  const db = new DatabaseSync(file, { readOnly: true });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  const values = tables.flatMap((table) => (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).flatMap((row) => Object.values(row)));
  expect(db.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual({ n: 0 });
  db.close();
  const linkBytes = Buffer.from(link, 'base64url');
  const keys = deriveKeys(Buffer.from(secret, 'base64'));
  const candidateKeys = [
    linkBytes.subarray(16),
    linkBytes.subarray(0, 32),
    keys.fillToken,
    keys.proofOfWork,
    keys.usedKey,
    keys.codePepper,
    // The key the link was sealed under before this change.
    Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'base64'), 'meldwijzer-mensenhandel', 'receipt-link', 32)),
  ];
  const boxes = [link, ...values.filter((v): v is string => typeof v === 'string')];
  for (const key of candidateKeys) {
    for (const box of boxes) expect(openBox(key, box) ?? '').not.toContain(compact);
  }
  for (const value of values) expect(String(value)).not.toContain(compact);
});
