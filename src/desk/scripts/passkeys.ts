/**
 * "Mijn passkeys": a member lists their passkeys, adds another (a security key, a phone) and
 * removes one, never the last. A new passkey gets the keyring from this browser's key worker,
 * wrapped under its own PRF output, so it unlocks like the first; its transfer key is published
 * too, so a later key rotation can seal the new keyring to it.
 */
import { announce, api, notice } from './client.ts';
import { prove, wrapFor } from './keyring.ts';
import { formatDay } from './labels.ts';
import { addPasskey, requestKey } from './passkey.ts';

interface Passkey {
  id: string;
  label: string | null;
  createdDay: string | null;
  hasKey: boolean;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function cell(text: string) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function removeButton(passkey: Passkey, name: string) {
  const td = document.createElement('td');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'utrecht-button utrecht-button--secondary-action';
  button.textContent = `${name} verwijderen`;
  button.addEventListener('click', async () => {
    if (!confirm(`${name} verwijderen? Met deze passkey kunt u zich daarna niet meer aanmelden.`)) return;
    notice();
    button.disabled = true;
    try {
      await api('/api/passkeys/verwijderen', { credentialId: passkey.id });
      await renderPasskeys();
      // The row and its button are gone: the focus goes to the table, where the change shows.
      $('passkeys-table').focus();
      announce(`${name} is verwijderd.`);
    } catch (error) {
      notice((error as Error).message);
      button.disabled = false;
    }
  });
  td.append(button);
  return td;
}

/** Fills the table; the last passkey has no remove button (the server refuses it anyway). */
export async function renderPasskeys() {
  const { passkeys } = await api<{ passkeys: Passkey[] }>('/api/passkeys');
  const body = $('passkey-rows');
  body.replaceChildren();
  for (const passkey of passkeys) {
    // Only the passkey made at set-up or with the invitation has no name.
    const name = passkey.label ?? 'Eerste passkey';
    const row = document.createElement('tr');
    row.append(
      cell(name),
      cell(passkey.createdDay ? formatDay(passkey.createdDay) : 'Bij het begin'),
      cell(passkey.hasKey ? 'Ja' : 'Nee: ontgrendel met de herstelsleutel'),
      passkeys.length > 1 ? removeButton(passkey, name) : cell('Uw enige passkey: niet te verwijderen'),
    );
    body.append(row);
  }
}

async function add(event: SubmitEvent) {
  event.preventDefault();
  notice();
  const input = $<HTMLInputElement>('passkey-label');
  const button = event.submitter as HTMLButtonElement | null;
  if (button) button.disabled = true;
  try {
    const label = input.value.trim() || 'Extra passkey';
    announce('Passkey maken…');
    const { credentialId, prf } = await addPasskey(label, prove);
    if (prf) {
      const { wrapped } = await wrapFor(prf, credentialId);
      await api('/api/sleutel/herverpakt', { credentialId, wrappedIdentity: wrapped });
      await requestKey({ prf, credentialId });
    }
    input.value = '';
    await renderPasskeys();
    // The button was disabled meanwhile, which took the focus away: it goes to the table, where the new passkey shows.
    $('passkeys-table').focus();
    if (!prf)
      notice(
        'De passkey is toegevoegd, maar kan de sleutel niet openen (geen PRF op dit apparaat). U meldt zich ermee aan en ontgrendelt met de herstelsleutel.',
      );
    announce(`${label} is toegevoegd.`);
  } catch (error) {
    notice(`Toevoegen is niet gelukt: ${(error as Error).message}`);
  } finally {
    if (button) button.disabled = false;
  }
}

$<HTMLFormElement>('passkey-form').addEventListener('submit', (event) => void add(event));
