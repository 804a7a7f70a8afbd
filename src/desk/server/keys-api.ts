/**
 * The desk API for keys, for a signed-in member: their own passkeys (list, add another, remove
 * one but never the last) and, for a beheerder, rotating the desk key. The server only ever gets
 * public keys and wrapped copies: the browser made the new identity, sealed the keyring to each
 * passkey's transfer key and wrapped it under the new recovery key.
 */
import { AGE_RECIPIENT } from '../../lib/report/crypto/seal.ts';
import type { ApiRequest, ApiResponse, Desk } from './api.ts';
import { record } from './audit.ts';
import { type ChallengePurpose, challengeExpiry, challengeKey, newChallenge } from './challenges.ts';
import { finishRegistration, registrationOptions } from './auth.ts';
import { seal } from '../../lib/report/crypto/seal.ts';
import type { Member } from './store.ts';
import { MAX_WRAPPED, newSecret, secrets, siteSettings } from './site-settings.ts';

const json = (status: number, body: unknown): ApiResponse => ({ status, body });
const error = (status: number, message: string) => json(status, { error: message });
const sealedCopy = (v: unknown): v is string => typeof v === 'string' && v.startsWith('-----BEGIN AGE ENCRYPTED FILE-----') && v.length <= MAX_WRAPPED;
/** Purpose of the one-use nonces that prove a browser holds the desk key (see `/api/sleutel/bewijs`). */
const PROOF: ChallengePurpose = 'sleutelbewijs';
/** Whether `value` is a proof nonce this desk sealed, not expired and not used before (it is used now). */
async function proven(desk: Desk, value: unknown): Promise<boolean> {
  if (typeof value !== 'string') return false;
  const now = Date.now();
  const expiresAt = challengeExpiry(await challengeKey(desk.store), PROOF, value, now);
  return expiresAt !== undefined && desk.store.spendChallenge(value, PROOF, expiresAt, now);
}
const label = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 60) : null);

/** Answers the key routes, or undefined for any other path. The session and CSRF token are checked already. */
export async function handleKeysApi(
  desk: Desk,
  request: ApiRequest,
  body: Record<string, unknown>,
  current: { member: Member },
): Promise<ApiResponse | undefined> {
  const { store, config } = desk;
  const { method, path } = request;
  const { member } = current;

  if (path === '/api/sleutel/bewijs' && method === 'POST') {
    // A random nonce sealed to the desk key: only a browser that unlocked it can send it back. Adding
    // a passkey and rotating need it, so a stolen session cookie alone can neither add a passkey
    // (which a later rotation would seal the keyring to) nor replace every copy with garbage.
    const recipient = await store.getSetting('recipient');
    if (!recipient) return error(409, 'De meldbalie heeft nog geen sleutel.');
    // A signed nonce like a sign-in challenge (challenges.ts): nothing is stored until it is used.
    const nonce = Buffer.from(newChallenge(await challengeKey(store), PROOF)).toString('base64url');
    return json(200, { sealed: await seal([recipient], nonce) });
  }
  if (path === '/api/passkeys' && method === 'GET') {
    const credentials = await store.credentialsOf(member.id);
    return json(200, {
      passkeys: credentials.map((c) => ({ id: c.id, label: c.label ?? null, createdDay: c.createdDay ?? null, hasKey: c.wrappedIdentity !== null })),
    });
  }
  if (path === '/api/passkeys/opties' && method === 'POST') {
    // The member's own user handle, and their passkeys excluded: an authenticator that holds one
    // would otherwise replace it with the new one.
    const { options } = await registrationOptions(config, store, member.name, member.id, await store.credentialsOf(member.id));
    return json(200, { options });
  }
  if (path === '/api/passkeys' && method === 'POST') {
    if (!(await proven(desk, body.possession))) return error(403, 'Ontgrendel eerst de meldingen in deze browser; daarna kunt u een passkey toevoegen.');
    const name = label(body.label);
    const credential = await finishRegistration(config, store, body.response as never, member, { existing: true, label: name });
    if (!credential) return error(400, 'De passkey kon niet worden geregistreerd. Probeer het opnieuw.');
    await record(store, member.id, 'passkey.toegevoegd', name ?? 'zonder naam');
    return json(200, { credentialId: credential.id });
  }
  if (path === '/api/passkeys/verwijderen' && method === 'POST') {
    const credentialId = typeof body.credentialId === 'string' ? body.credentialId : '';
    const result = await store.removeCredential(member.id, credentialId);
    if (result === 'unknown') return error(404, 'Deze passkey hoort niet bij u.');
    if (result === 'last') return error(409, 'Dit is uw laatste passkey. Voeg eerst een andere toe: zonder passkey kunt u zich niet meer aanmelden.');
    await record(store, member.id, 'passkey.verwijderd');
    return json(200, { ok: true });
  }
  if (path === '/api/sleutel/roteren' && method === 'POST') {
    if (member.role !== 'beheerder') return error(403, 'Alleen een beheerder vernieuwt de sleutel.');
    const { expected, recipient, wrappedRecovery, copies, newSecrets } = body;
    if (!(await proven(desk, body.possession))) return error(403, 'Ontgrendel eerst de meldingen met de huidige sleutel.');
    if (typeof expected !== 'string' || typeof recipient !== 'string' || !AGE_RECIPIENT.test(recipient) || recipient === expected)
      return error(400, 'Verwacht expected en een nieuwe recipient (age1…).');
    if (typeof wrappedRecovery !== 'string' || wrappedRecovery.startsWith('-----BEGIN') || wrappedRecovery.length > MAX_WRAPPED)
      return error(400, 'Verwacht wrappedRecovery: de sleutels, verpakt onder de nieuwe herstelsleutel.');
    if (!copies || typeof copies !== 'object' || Array.isArray(copies) || !Object.values(copies).every(sealedCopy))
      return error(400, 'Verwacht copies: per passkey de sleutels, versleuteld (age).');
    // Secrets from the environment (DESK_FORWARD_SECRET, DESK_INTAKE_SECRET) cannot be changed here.
    const fromEnvironment = !!(config.forwardSecret || config.intakeSecret);
    const renew = newSecrets === true && !fromEnvironment;
    const settings: Record<string, string> = { recipient, wrapped_recovery: wrappedRecovery };
    const previous = await store.getSetting('previous_recipients');
    settings.previous_recipients = [expected, previous].filter(Boolean).join('\n');
    if (renew) Object.assign(settings, { forward_secret: newSecret(), intake_secret: newSecret() });
    const result = await store.rotateKey({ expected, settings, copies: copies as Record<string, string> });
    if ('refused' in result) return error(409, 'Een andere beheerder heeft de sleutel net vernieuwd. Meld u opnieuw aan en kijk of het nog nodig is.');
    const { sealed, cleared } = result.rotated;
    // Counts only: no key material, not even the public key, goes into the log.
    await record(
      store,
      member.id,
      'sleutel.geroteerd',
      `${sealed} passkeys opnieuw versleuteld, ${cleared.length} wachten op toegang${renew ? ', nieuwe webhookgeheimen' : ''}`,
    );
    const { forward, intake } = await secrets(desk);
    const waiting = (await store.listMembers()).filter((m) => m.credentials.some((c) => cleared.includes(c.id))).map((m) => m.name);
    return json(200, {
      site: siteSettings(config, recipient, forward ?? '', intake ?? ''),
      waiting,
      secretsRenewed: renew,
      secretsFromEnvironment: fromEnvironment,
    });
  }
  return undefined;
}
