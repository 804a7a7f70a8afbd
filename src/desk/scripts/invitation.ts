/** Accepting an invitation: passkey, sign-in with PRF, publish the transfer key (passkey.ts). */
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { api, notice, setCsrf } from './client.ts';
import { registerPasskey, requestKey, signInWithPasskey } from './passkey.ts';

const token = location.hash.slice(1);
history.replaceState(null, '', location.pathname);

const button = document.getElementById('accept') as HTMLButtonElement;
button.addEventListener('click', async () => {
  notice();
  button.disabled = true;
  try {
    const { options } = await api<{ options: PublicKeyCredentialCreationOptionsJSON }>('/api/uitnodiging/opties', { token });
    await api('/api/uitnodiging/passkey', { token, response: await registerPasskey(options) });
    const signedIn = await signInWithPasskey();
    setCsrf(signedIn.csrf);
    if (!(await requestKey(signedIn))) {
      notice(
        'Uw passkey kan de sleutel niet bewaren (geen PRF in deze browser of op dit apparaat). U kunt zich aanmelden en de meldingen openen met de herstelsleutel van het team.',
      );
    }
    document.getElementById('step-passkey')!.hidden = true;
    document.getElementById('step-done')!.hidden = false;
    document.getElementById('done-title')!.focus();
  } catch (error) {
    notice(`Dat is niet gelukt: ${(error as Error).message}`);
    button.disabled = false;
  }
});
