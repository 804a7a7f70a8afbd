/**
 * Passkeys with the PRF extension (@simplewebauthn/browser, bundled). Sign-in asks the
 * authenticator to evaluate the desk's PRF input; the output stays in this browser and derives
 * the key that unwraps the desk identity. It is removed before the response goes to the server.
 */
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { api } from './client.ts';
import { identityToRecipient } from 'age-encryption';
import { prfSalt, transferIdentity } from './crypto.ts';

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
  const response = await startAuthentication({ optionsJSON: { ...options, extensions: { prf: { eval: { first: await prfSalt() } } } as never } });
  const results = response.clientExtensionResults as { prf?: { results?: { first?: ArrayBuffer } } };
  const prf = results.prf?.results?.first;
  // The PRF output never leaves the browser.
  const { prf: _dropped, ...otherExtensions } = results;
  const answer = await api<Omit<SignedIn, 'prf'>>('/api/aanmelden', { response: { ...response, clientExtensionResults: otherExtensions } });
  return { ...answer, prf };
}

/**
 * A new member without the desk key yet: publish the transfer key their passkey gives, so a
 * beheerder's browser can seal the desk key to it. False without PRF.
 */
export async function requestKey(signedIn: SignedIn): Promise<boolean> {
  if (!signedIn.prf) return false;
  const recipient = await identityToRecipient(await transferIdentity(signedIn.prf, signedIn.credentialId));
  await api('/api/sleutel/aanvraag', { credentialId: signedIn.credentialId, recipient });
  return true;
}
