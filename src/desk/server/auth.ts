/**
 * Staff accounts without passwords: passkeys (WebAuthn through @simplewebauthn/server), signed
 * one-use challenges (challenges.ts), sessions as random tokens of which only a hash is stored, a
 * CSRF token per session, and a limit on failed sign-ins per address that never refuses a passkey
 * this desk knows (AttemptLimiter).
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { DeskConfig } from './config.ts';
import { today } from './days.ts';
import type { Credential, DeskStore, Member, Role, Session } from './store.ts';
import { type ChallengePurpose, challengeExpiry, challengeKey, newChallenge } from './challenges.ts';

export const SESSION_COOKIE = 'meldbalie_sessie';
const SESSION_SECONDS = 8 * 3600;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const randomToken = () => randomBytes(32).toString('base64url');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks a signed challenge while the library verifies an answer, and afterwards (only for an
 * answer that verified) marks it used: `spend` is false for a replay.
 */
async function challengeCheck(store: DeskStore, purpose: ChallengePurpose, now: number) {
  const key = await challengeKey(store);
  let seen: { challenge: string; expiresAt: number } | undefined;
  return {
    expected: (challenge: string) => {
      const expiresAt = challengeExpiry(key, purpose, challenge, now);
      seen = expiresAt === undefined ? undefined : { challenge, expiresAt };
      return seen !== undefined;
    },
    spend: () => (seen ? store.spendChallenge(seen.challenge, purpose, seen.expiresAt, now) : Promise.resolve(false)),
  };
}

/** `exclude`: a member's passkeys so far, so an authenticator that has one does not make a second (it would replace it). */
export async function registrationOptions(config: DeskConfig, store: DeskStore, name: string, userId: string = randomUUID(), exclude: Credential[] = []) {
  const options = await generateRegistrationOptions({
    challenge: newChallenge(await challengeKey(store), 'registratie'),
    excludeCredentials: exclude.map((c) => ({ id: c.id, transports: c.transports as never })),
    rpName: 'Meldbalie',
    rpID: config.rpId,
    userName: name,
    userID: new TextEncoder().encode(userId),
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    // Ask for PRF: its output, never sent here, unlocks the desk key in the browser.
    extensions: { prf: {} } as never,
  });
  return { options, userId };
}

/** A new member's first passkey adds the member too; `existing` adds another passkey to a member. */
export async function finishRegistration(
  config: DeskConfig,
  store: DeskStore,
  response: RegistrationResponseJSON,
  member: Member,
  { existing = false, label = null }: { existing?: boolean; label?: string | null } = {},
): Promise<Credential | undefined> {
  const challenge = await challengeCheck(store, 'registratie', Date.now());
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge.expected,
    expectedOrigin: config.origin,
    expectedRPID: config.rpId,
    requireUserVerification: true,
  }).catch(() => undefined);
  if (!result?.verified || !(await challenge.spend())) return undefined;
  const { credential } = result.registrationInfo;
  const stored: Credential = {
    id: credential.id,
    memberId: member.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? [],
    wrappedIdentity: null,
    recipient: null,
    label,
    createdDay: today(),
  };
  if (!existing) await store.addMember(member);
  await store.addCredential(stored);
  return stored;
}

/** Options for signing in: a signed challenge, nothing stored (challenges.ts). */
export async function authenticationOptions(config: DeskConfig, store: DeskStore) {
  return generateAuthenticationOptions({ rpID: config.rpId, userVerification: 'required', challenge: newChallenge(await challengeKey(store), 'aanmelden') });
}

/** The passkey an answer names, if this desk knows it: looked up before anything is limited. */
export async function answeredCredential(store: DeskStore, response: AuthenticationResponseJSON | undefined): Promise<Credential | undefined> {
  return typeof response?.id === 'string' && response.id.length <= 1024 ? store.getCredential(response.id) : undefined;
}

/** Verifies a sign-in answer for a known passkey; false when it does not verify or was used before. */
export async function finishAuthentication(
  config: DeskConfig,
  store: DeskStore,
  response: AuthenticationResponseJSON,
  credential: Credential,
): Promise<boolean> {
  const challenge = await challengeCheck(store, 'aanmelden', Date.now());
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge.expected,
    expectedOrigin: config.origin,
    expectedRPID: config.rpId,
    requireUserVerification: true,
    credential: {
      id: credential.id,
      publicKey: Buffer.from(credential.publicKey, 'base64url'),
      counter: credential.counter,
      transports: credential.transports as never,
    },
  }).catch(() => undefined);
  if (!result?.verified || !(await challenge.spend())) return false;
  await store.updateCredential(credential.id, { counter: result.authenticationInfo.newCounter });
  return true;
}

export async function startSession(store: DeskStore, memberId: string): Promise<{ token: string; session: Session }> {
  const token = randomToken();
  const session = { memberId, csrf: randomToken(), expiresAt: nowSeconds() + SESSION_SECONDS };
  await store.addSession(hashToken(token), session);
  return { token, session };
}

export function sessionCookie(token: string, maxAge = SESSION_SECONDS): string {
  // Secure even on http://localhost: browsers treat localhost as a secure context.
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAge}`;
}

export function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export const canSeeAudit = (role: Role) => role === 'beheerder';

export interface AttemptLimiterOptions {
  /** Failed sign-ins per client in any window (default 10). */
  perClient?: number;
  windowMs?: number;
  /** Clients remembered at most; beyond it the oldest are forgotten (memory stays bounded). */
  maxClients?: number;
  /** Failed sign-ins written to the audit log per clock hour; the rest are counted (default 100). */
  loggedPerHour?: number;
}

/**
 * Failed sign-ins per client (client-address.ts: an IPv4 address, an IPv6 /64, behind trusted
 * proxies the forwarded one), in memory, per replica. There is no total for everyone: a total
 * lets strangers lock the staff out. And a refusal only ever meets an answer from a passkey this
 * desk does not know (api.ts looks the passkey up first): a member's sign-in is always verified,
 * whatever others did from the same address or from a thousand others. What the limit protects
 * is the server: after `perClient` failures in a window, a client's answers are refused before
 * anything is written. Failures are counted in two fixed windows (the current and the one
 * before), so no window of `windowMs` holds more than `perClient` of them.
 *
 * The audit log keeps a row per failed sign-in, but at most `loggedPerHour` an hour: a flood
 * from many addresses would otherwise grow an append-only table without bound. The first row
 * logged after such an hour says how many were left out.
 */
export class AttemptLimiter {
  readonly perClient: number;
  readonly windowMs: number;
  readonly maxClients: number;
  readonly loggedPerHour: number;
  /** Per client: the window its count started in, that count, and the count of the window before. */
  readonly #clients = new Map<string, { slot: number; current: number; previous: number }>();
  #logHour = -1;
  #logged = 0;
  #unlogged = 0;

  constructor(options: AttemptLimiterOptions = {}) {
    this.perClient = options.perClient ?? 10;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.maxClients = options.maxClients ?? 100_000;
    this.loggedPerHour = options.loggedPerHour ?? 100;
  }

  #recent(client: string, now: number): number {
    const entry = this.#clients.get(client);
    if (!entry) return 0;
    const slot = Math.floor(now / this.windowMs);
    if (entry.slot === slot) return entry.current + entry.previous;
    return entry.slot === slot - 1 ? entry.current : 0;
  }

  /** Whether `client` may still try a passkey this desk does not know. */
  allows(client: string, now = Date.now()): boolean {
    return this.#recent(client, now) < this.perClient;
  }

  /**
   * Counts a failed sign-in of `client`. Says whether to write it to the audit log and, when so,
   * how many failures before it were not written (in an hour over `loggedPerHour`).
   */
  failed(client: string, now = Date.now()): { log: boolean; unlogged: number } {
    const slot = Math.floor(now / this.windowMs);
    const entry = this.#clients.get(client);
    const previous = entry?.slot === slot ? entry.previous : entry?.slot === slot - 1 ? entry.current : 0;
    const current = entry?.slot === slot ? entry.current + 1 : 1;
    // Re-inserted, so the map's order is the order of last failure: the first key is the oldest.
    this.#clients.delete(client);
    this.#clients.set(client, { slot, current, previous });
    while (this.#clients.size > this.maxClients) this.#clients.delete(this.#clients.keys().next().value!);

    const hour = Math.floor(now / 3_600_000);
    if (hour !== this.#logHour) [this.#logHour, this.#logged] = [hour, 0];
    if (this.#logged >= this.loggedPerHour) {
      this.#unlogged++;
      return { log: false, unlogged: 0 };
    }
    this.#logged++;
    const unlogged = this.#unlogged;
    this.#unlogged = 0;
    return { log: true, unlogged };
  }
}
