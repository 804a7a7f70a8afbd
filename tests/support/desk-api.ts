/**
 * The desk's API in-process for unit tests: a desk on a real SQLite file in a temporary folder,
 * members with a signed-in session, and calls that carry the session cookie, the desk's own
 * Origin and the CSRF token as a browser would. `closeTestDesks()` (in afterEach) closes the
 * stores and removes the folders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Desk, handleApi } from '../../src/desk/server/api.ts';
import { AttemptLimiter, startSession } from '../../src/desk/server/auth.ts';
import { loadDeskConfig } from '../../src/desk/server/config.ts';
import { SqliteDeskStore } from '../../src/desk/server/sqlite-store.ts';
import type { Credential, Role } from '../../src/desk/server/store.ts';

export interface SignedIn {
  cookie: string;
  csrf: string;
}

const opened: { store: SqliteDeskStore; dir: string }[] = [];

export function openTestDesk(name: string): Desk {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const store = new SqliteDeskStore(dir);
  opened.push({ store, dir });
  return { config: loadDeskConfig({}), store, limiter: new AttemptLimiter() };
}

export async function closeTestDesks() {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A member with a session; with `credential`, also a passkey holding what it names. */
export async function signedInMember(desk: Desk, id: string, role: Role, credential?: Pick<Credential, 'wrappedIdentity' | 'recipient'>): Promise<SignedIn> {
  await desk.store.addMember({ id, name: `Lid ${id}`, role });
  if (credential) await desk.store.addCredential({ id: `cred-${id}`, memberId: id, publicKey: 'AA', counter: 0, transports: [], ...credential });
  const { token, session } = await startSession(desk.store, id);
  return { cookie: `meldbalie_sessie=${token}`, csrf: session.csrf };
}

/** GET without a body, POST with one (JSON). */
export function callDesk(desk: Desk, who: SignedIn, path: string, body?: unknown) {
  const headers = { cookie: who.cookie, origin: desk.config.origin, 'content-type': 'application/json', 'x-csrf-token': who.csrf };
  return handleApi(desk, {
    method: body === undefined ? 'GET' : 'POST',
    path,
    headers,
    body: body === undefined ? '' : JSON.stringify(body),
    address: '127.0.0.1',
  });
}
