/**
 * Strangers cannot lock the staff out of the desk, in the browser: the desk as a real process
 * behind a "proxy" (DESK_TRUSTED_PROXIES=loopback, the client in X-Forwarded-For), set up by a
 * beheerder with a passkey in Chromium's virtual authenticator; then 1,000 failed sign-ins from
 * 100 addresses (ten each, so every address reaches its limit), and the beheerder signs in with
 * the passkey from one of those addresses. On SQLite only: the limiter is in the desk's memory,
 * and a failed sign-in reads one passkey from the store, as every sign-in does on PostgreSQL in
 * desk.spec.ts (playwright.config.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { softPasskey } from '../support/soft-passkey.ts';
import { addPasskeyAuthenticator, freePort, setUpDesk, setupLinkOf, startDesk, type Desk } from './support.ts';

let dir: string;
let desk: Desk;
let origin: string;
let api: string;
let staff: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  dir = mkdtempSync(join(tmpdir(), 'meldbalie-flood-'));
  const port = await freePort();
  origin = `http://localhost:${port}`;
  api = `http://127.0.0.1:${port}`;
  desk = await startDesk({ DESK_PORT: String(port), DESK_URL: origin, DESK_DATA_DIR: join(dir, 'desk'), DESK_TRUSTED_PROXIES: 'loopback' });
  staff = await browser.newContext();
  page = await staff.newPage();
  await addPasskeyAuthenticator(staff, page);
  await setUpDesk(page, setupLinkOf(desk), 'Beheerder meldpunt');
});

test.afterAll(async () => {
  await staff?.close();
  await desk?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function post(path: string, body: unknown, client: string) {
  return fetch(`${api}${path}`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify(body),
  });
}

test('after 1,000 failed sign-ins from 100 addresses the beheerder signs in with the passkey', async () => {
  test.setTimeout(240_000);
  // Set-up signed the beheerder in; start from the sign-in page.
  await staff.clearCookies();
  await page.goto(`${origin}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden bij de meldbalie');

  const clients = [...Array.from({ length: 80 }, (_, i) => `198.51.100.${i + 1}`), ...Array.from({ length: 20 }, (_, i) => `2001:db8:5:${i.toString(16)}::7`)];
  const stranger = softPasskey();
  const statuses: number[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async (_, lane) => {
      for (let c = lane; c < clients.length; c += 8) {
        for (let i = 0; i < 10; i++) {
          const options = (await (await post('/api/aanmelden/opties', {}, clients[c])).json()) as { options: { challenge: string } };
          statuses.push((await post('/api/aanmelden', { response: stranger.answer(options.options.challenge, origin) }, clients[c])).status);
        }
      }
    }),
  );
  expect(statuses.length).toBe(1000);
  expect(new Set(statuses)).toEqual(new Set([401]));
  const options = (await (await post('/api/aanmelden/opties', {}, clients[0])).json()) as { options: { challenge: string } };
  expect((await post('/api/aanmelden', { response: stranger.answer(options.options.challenge, origin) }, clients[0])).status).toBe(429);

  // The beheerder, behind the same proxy and from an address the flood used up.
  await staff.setExtraHTTPHeaders({ 'x-forwarded-for': clients[0] });
  await page.getByRole('button', { name: 'Aanmelden met passkey' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meldingen');
});
