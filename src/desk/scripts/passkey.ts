/**
 * Passkeys with the PRF extension (@simplewebauthn/browser, bundled). Sign-in asks the
 * authenticator to evaluate the desk's PRF input; the output stays in this browser and derives
 * the key that unwraps the desk identity. It is removed before the response goes to the server.
 */
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { api } from './client.ts';
import { identityToRecipient } from 'age-encryption';
import { prfSalt, toBase64Url, transferIdentity } from './crypto.ts';

type PrfResults = { prf?: { enabled?: boolean; results?: { first?: ArrayBuffer } } };

/** The PRF output taken out of a WebAuthn response: it stays in this browser, the rest may go to the server. */
function withoutPrf<T extends { clientExtensionResults: unknown }>(response: T): { response: T; prf?: ArrayBuffer } {
  const results = response.clientExtensionResults as PrfResults;
  const { prf, ...others } = results;
  return { response: { ...response, clientExtensionResults: others }, prf: prf?.results?.first };
}

export async function registerPasskey(options: PublicKeyCredentialCreationOptionsJSON) {
  return startRegistration({ optionsJSON: { ...options, extensions: { ...options.extensions, prf: {} } as never } });
}

export interface SignedIn {
  csrf: string;
  member: { id: string; name: string; role: 'beheerder' | 'behandelaar' };
  credentialId: string;
  wrappedIdentity: string | null;
  /** The PRF output, when the authenticator has PRF. */
  prf?: ArrayBuffer;
}

export async function signInWithPasskey(): Promise<SignedIn> {
  const { options } = await api<{ options: PublicKeyCredentialRequestOptionsJSON }>('/api/aanmelden/opties', {});
  // The PRF output never leaves the browser.
  const { response, prf } = withoutPrf(
    await startAuthentication({ optionsJSON: { ...options, extensions: { prf: { eval: { first: await prfSalt() } } } as never } }),
  );
  const answer = await api<Omit<SignedIn, 'prf'>>('/api/aanmelden', { response });
  return { ...answer, prf };
}

/**
 * Publish the transfer key a passkey gives: a new member's, so a beheerder's browser can seal the
 * desk key to it; and every member's, so a key rotation can seal the new keyring to it without
 * anyone typing a key. The server keeps the first one it gets. False without PRF.
 */
export async function requestKey(signedIn: Pick<SignedIn, 'prf' | 'credentialId'>): Promise<boolean> {
  if (!signedIn.prf) return false;
  const recipient = await identityToRecipient(await transferIdentity(signedIn.prf, signedIn.credentialId));
  await api('/api/sleutel/aanvraag', { credentialId: signedIn.credentialId, recipient });
  return true;
}

/**
 * Another passkey for a signed-in member. PRF is asked for at creation; an authenticator that
 * gives no output then (many do not) is asked once more, with an authentication by the new
 * passkey alone. That assertion goes nowhere: it only yields the PRF output in this browser.
 * `possession` proves to the server that this browser holds the desk key (keyring.ts `prove`).
 */
export async function addPasskey(label: string, possession: () => Promise<string>): Promise<{ credentialId: string; prf?: ArrayBuffer }> {
  const { options } = await api<{ options: PublicKeyCredentialCreationOptionsJSON }>('/api/passkeys/opties', {});
  const first = await prfSalt();
  const created = withoutPrf(
    await startRegistration({ optionsJSON: { ...options, extensions: { ...options.extensions, prf: { eval: { first } } } as never } }),
  );
  const { credentialId } = await api<{ credentialId: string }>('/api/passkeys', { response: created.response, label, possession: await possession() });
  if (created.prf) return { credentialId, prf: created.prf };
  const asserted = await startAuthentication({
    optionsJSON: {
      challenge: toBase64Url(crypto.getRandomValues(new Uint8Array(32))),
      rpId: options.rp.id,
      allowCredentials: [{ id: credentialId, type: 'public-key' }],
      userVerification: 'required',
      extensions: { prf: { eval: { first } } } as never,
    },
  }).catch(() => undefined);
  return { credentialId, prf: asserted && withoutPrf(asserted).prf };
}
