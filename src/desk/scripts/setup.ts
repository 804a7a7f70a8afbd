/**
 * Set-up in the browser: register the first beheerder's passkey, sign in with it (PRF), make the
 * desk's age identity here, wrap it for the passkey and under a new recovery key, and send only
 * the wrapped copies and the public key to the server. Ends with what the site needs.
 */
import { generateIdentity, identityToRecipient } from 'age-encryption';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { announce, api, notice, setCsrf } from './client.ts';
import { newRecoveryKey, passkeyKey, recoveryKey, wrap } from './crypto.ts';
import { registerPasskey, requestKey, signInWithPasskey } from './passkey.ts';
import { showHandover } from './handover.ts';

// The token is in the fragment, so it never reaches a server log; drop it from the address bar.
const token = location.hash.slice(1);
history.replaceState(null, '', location.pathname);

const form = document.getElementById('setup-form') as HTMLFormElement;
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  notice();
  const button = form.querySelector('button')!;
  button.disabled = true;
  try {
    const name = (document.getElementById('member-name-input') as HTMLInputElement).value.trim() || 'Beheerder';
    const { options, userId } = await api<{ options: PublicKeyCredentialCreationOptionsJSON; userId: string }>('/api/instellen/opties', { token, name });
    announce('Passkey maken…');
    const response = await registerPasskey(options);
    await api('/api/instellen/passkey', { token, name, userId, response });
    announce('Aanmelden met de nieuwe passkey…');
    const signedIn = await signInWithPasskey();
    setCsrf(signedIn.csrf);
    const identity = await generateIdentity();
    const recovery = newRecoveryKey();
    const { site } = await api<{ site: Record<string, string> }>('/api/instellen/sleutel', {
      token,
      recipient: await identityToRecipient(identity),
      credentialId: signedIn.credentialId,
      // Without PRF the passkey signs in but cannot unlock: the recovery key does.
      wrappedIdentity: signedIn.prf ? await wrap(await passkeyKey(signedIn.prf, signedIn.credentialId), identity) : '',
      wrappedRecovery: await wrap(await recoveryKey(recovery.bytes), identity),
    });
    showHandover('', recovery.text, site);
    // The passkey's transfer key, so a later key rotation can seal the new keyring to it.
    await requestKey(signedIn).catch(() => false);
    document.getElementById('step-passkey')!.hidden = true;
    document.getElementById('step-done')!.hidden = false;
    if (!signedIn.prf)
      notice(
        'Uw passkey kan de sleutel niet openen (geen PRF in deze browser of op dit apparaat). U meldt zich aan met de passkey en ontgrendelt met de herstelsleutel.',
      );
    document.getElementById('done-title')!.focus();
  } catch (error) {
    notice(`Instellen is niet gelukt: ${(error as Error).message}`);
    button.disabled = false;
  }
});
