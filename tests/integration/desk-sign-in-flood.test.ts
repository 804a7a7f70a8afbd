/**
 * Strangers cannot lock the staff out of the desk: its HTTP server on loopback behind a "proxy"
 * (DESK_TRUSTED_PROXIES=loopback, the client in X-Forwarded-For), a real SQLite file, and 1,000
 * failed sign-ins from 100 addresses (IPv4 and IPv6, ten each, so every one reaches its limit,
 * half with made-up passkeys and half with forged answers for the member's own passkey). Then the
 * member signs in, from a fresh address and from one the flood used up; the challenges table is
 * as empty as before, and the audit log grew by at most its hourly share.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptLimiter } from '../../src/desk/server/auth.ts';
import { loadDeskConfig } from '../../src/desk/server/config.ts';
import { createDeskServer } from '../../src/desk/server/http.ts';
import { SqliteDeskStore } from '../../src/desk/server/sqlite-store.ts';
import { softPasskey } from '../support/soft-passkey.ts';

const dir = mkdtempSync(join(tmpdir(), 'desk-flood-'));
const config = loadDeskConfig({ DESK_TRUSTED_PROXIES: 'loopback', DESK_DATA_DIR: dir });
const store = new SqliteDeskStore(dir);
const limiter = new AttemptLimiter();
// The pages are not under test: every non-API path answers 404.
const server = createDeskServer({ config, store, limiter }, (_req, res) => res.writeHead(404).end());
let base = '';

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function post(path: string, body: unknown, client: string): Promise<{ status: number; body: Record<string, unknown>; cookie: string | null }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { origin: config.origin, 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, cookie: response.headers.get('set-cookie') };
}
const challenge = async (client: string) => ((await post('/api/aanmelden/opties', {}, client)).body.options as { challenge: string }).challenge;

describe('signing in to the desk during a flood of failed sign-ins', () => {
  it('lets the member in after 1,000 failures from 100 addresses', async () => {
    const member = softPasskey();
    await store.addMember({ id: 'lid-a', name: 'Lid A', role: 'beheerder' });
    await store.addCredential(member.credential('lid-a'));
    const auditBefore = (await store.audit()).length;

    // 75 IPv4 addresses and 25 IPv6 /64s of one /48, ten failed sign-ins each.
    const clients = [...Array.from({ length: 75 }, (_, i) => `203.0.113.${i + 1}`), ...Array.from({ length: 25 }, (_, i) => `2001:db8:7:${i.toString(16)}::1`)];

    const stranger = softPasskey();
    const statuses = new Map<number, number>();
    let attempts = 0;
    await Promise.all(
      Array.from({ length: 8 }, async (_, lane) => {
        for (let c = lane; c < clients.length; c += 8) {
          for (let i = 0; i < 10; i++) {
            const client = clients[c];
            // A passkey the desk does not know, or the member's passkey id with a stranger's signature.
            const answer = stranger.answer(await challenge(client), config.origin) as object;
            const { status } = await post('/api/aanmelden', { response: i % 2 === 0 ? answer : { ...answer, id: member.id, rawId: member.id } }, client);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            attempts++;
          }
        }
      }),
    );
    expect(attempts).toBe(1000);
    expect(statuses.get(401)).toBe(1000);

    // Each address is at its limit now: a made-up passkey is refused there before anything is written.
    expect((await post('/api/aanmelden', { response: softPasskey().answer(await challenge(clients[0]), config.origin) }, clients[0])).status).toBe(429);
    // Another /64 of the same /48 is another client.
    expect(
      (await post('/api/aanmelden', { response: softPasskey().answer(await challenge('2001:db8:7:ff::1'), config.origin) }, '2001:db8:7:ff::1')).status,
    ).toBe(401);

    // The member signs in from a fresh address, and from one the flood used up.
    for (const client of ['192.0.2.10', clients[3], '2001:db8:7:1::99']) {
      const signedIn = await post('/api/aanmelden', { response: member.answer(await challenge(client), config.origin) }, client);
      expect(signedIn.status, client).toBe(200);
      expect(signedIn.cookie).toMatch(/^meldbalie_sessie=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict/);
    }

    // Nothing was stored for the 1,000 challenges handed out to strangers; the log took its share.
    const db = new DatabaseSync(join(dir, 'desk.sqlite'));
    const rows = db.prepare('SELECT purpose, count(*) AS n FROM challenges GROUP BY purpose').all();
    db.close();
    expect(rows).toEqual([{ purpose: 'aanmelden', n: 3 }]);
    const audit = (await store.audit()).slice(auditBefore);
    expect(audit.filter((r) => r.action === 'aanmelden')).toHaveLength(3);
    expect(audit.filter((r) => r.action === 'aanmelden.mislukt').length).toBeLessThanOrEqual(limiter.loggedPerHour);
  }, 120_000);
});
