/**
 * Staff accounts without passwords: passkeys (WebAuthn through @simplewebauthn/server), one-use
 * challenges kept in the store, sessions as random tokens of which only a hash is stored, a CSRF
 * token per session, and a limit on sign-in attempts (per address and in total).
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

export const SESSION_COOKIE = 'meldbalie_sessie';
const SESSION_SECONDS = 8 * 3600;
const CHALLENGE_SECONDS = 5 * 60;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const randomToken = () => randomBytes(32).toString('base64url');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `exclude`: a member's passkeys so far, so an authenticator that has one does not make a second (it would replace it). */
export async function registrationOptions(config: DeskConfig, store: DeskStore, name: string, userId: string = randomUUID(), exclude: Credential[] = []) {
  const options = await generateRegistrationOptions({
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
  await store.addChallenge(options.challenge, 'registratie', nowSeconds() + CHALLENGE_SECONDS);
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
  const now = Date.now();
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: (challenge) => store.useChallenge(challenge, 'registratie', now),
    expectedOrigin: config.origin,
    expectedRPID: config.rpId,
    requireUserVerification: true,
  }).catch(() => undefined);
  if (!result?.verified) return undefined;
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

export async function authenticationOptions(config: DeskConfig, store: DeskStore) {
  const options = await generateAuthenticationOptions({ rpID: config.rpId, userVerification: 'required' });
  await store.addChallenge(options.challenge, 'aanmelden', nowSeconds() + CHALLENGE_SECONDS);
  return options;
}

export async function finishAuthentication(config: DeskConfig, store: DeskStore, response: AuthenticationResponseJSON): Promise<Credential | undefined> {
  const credential = typeof response?.id === 'string' ? await store.getCredential(response.id) : undefined;
  if (!credential) return undefined;
  const now = Date.now();
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: (challenge) => store.useChallenge(challenge, 'aanmelden', now),
    expectedOrigin: config.origin,
    expectedRPID: config.rpId,
    requireUserVerification: true,
    credential: { id: credential.id, publicKey: Buffer.from(credential.publicKey, 'base64url'), counter: credential.counter, transports: credential.transports as never },
  }).catch(() => undefined);
  if (!result?.verified) return undefined;
  await store.updateCredential(credential.id, { counter: result.authenticationInfo.newCounter });
  return credential;
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

/**
 * Sign-in attempts in a sliding window (15 minutes), per address and in total, in memory (per
 * replica). A sign-in takes two calls (options, then the answer): 20 calls are 10 sign-ins.
 */
export class AttemptLimiter {
  readonly #hits = new Map<string, number[]>();
  readonly perAddress: number;
  readonly total: number;
  readonly windowMs: number;
  constructor(perAddress = 20, total = 200, windowMs = 15 * 60_000) {
    this.perAddress = perAddress;
    this.total = total;
    this.windowMs = windowMs;
  }
  allow(address: string, now = Date.now()): boolean {
    const recent = (key: string) => (this.#hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    const mine = recent(address);
    const all = recent('*');
    if (mine.length >= this.perAddress || all.length >= this.total) return false;
    this.#hits.set(address, [...mine, now]);
    this.#hits.set('*', [...all, now]);
    return true;
  }
}
