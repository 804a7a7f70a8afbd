/**
 * Rotating the desk key (Team page, beheerders): this browser's key worker makes a new age
 * identity and puts it in front of the keyring, so every older report stays readable; seals the
 * whole keyring to the transfer key of every passkey the server knows one for; wraps it under a
 * new recovery key (shown once: the old one may be known to the member who left). The server
 * gets only those copies and the new public key, and answers with what the site needs.
 */
import { announce, api, notice } from './client.ts';
import { newRecoveryKey } from './crypto.ts';
import { showHandover } from './handover.ts';
import { commitRotation, prove, rotate } from './keyring.ts';

interface TeamMember {
  credentials: { id: string; hasKey: boolean; recipient: string | null }[];
}
interface Answer {
  site: Record<string, string>;
  waiting: string[];
  secretsRenewed: boolean;
  secretsFromEnvironment: boolean;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Right after removing a member: say why to rotate now, and take the focus there. */
export function offerRotation(name: string) {
  $('rotation-offer-text').textContent =
    `${name} is verwijderd. Wat dit lid in de browser kon openen, kan het hebben bewaard. Vernieuw nu de sleutel: dan kan alleen het team nieuwe meldingen lezen.`;
  $('rotation-offer').hidden = false;
  $('rotation-title').focus();
}

function notes(answer: Answer): string {
  const who = answer.waiting.length
    ? `Van deze leden was de passkey nog niet bekend: ${answer.waiting.join(', ')}. Zij melden zich opnieuw aan; daarna geeft u hun in de tabel toegang.`
    : 'Elk lid met een passkey kan de nieuwe sleutel openen; de browser bewaart die bij de volgende keer aanmelden.';
  const secrets = answer.secretsRenewed
    ? ' Ook de twee geheimen zijn nieuw. Tot de site ze heeft, wachten nieuwe meldingen op de site (ze gaan niet verloren) en kunnen vragen niet naar de melders.'
    : answer.secretsFromEnvironment
      ? ' De geheimen komen uit DESK_FORWARD_SECRET en DESK_INTAKE_SECRET: vervang ze daar en in de site als dat nodig is.'
      : '';
  return `${who}${secrets} Oude meldingen blijven leesbaar. Vernietig de oude herstelsleutel.`;
}

async function rotateKey(event: SubmitEvent) {
  event.preventDefault();
  notice();
  if (!confirm('De sleutel nu vernieuwen? U krijgt een nieuwe herstelsleutel en nieuwe regels voor de site.')) return;
  const button = event.submitter as HTMLButtonElement | null;
  if (button) button.disabled = true;
  try {
    const { members } = await api<{ members: TeamMember[] }>('/api/leden');
    // Only passkeys that can open the key now: one waiting for access is let in by a beheerder, not by a rotation.
    const transferKeys = Object.fromEntries(members.flatMap((m) => m.credentials.filter((c) => c.hasKey && c.recipient).map((c) => [c.id, c.recipient!])));
    const recovery = newRecoveryKey();
    announce('Nieuwe sleutel maken…');
    const rotated = await rotate(transferKeys, recovery.bytes);
    let answer: Answer;
    try {
      answer = await api<Answer>('/api/sleutel/roteren', {
        ...rotated,
        possession: await prove(),
        newSecrets: $<HTMLInputElement>('rotation-secrets').checked,
      });
    } catch (error) {
      await commitRotation(false);
      throw error;
    }
    await commitRotation(true);
    showHandover('rotation-', recovery.text, answer.site);
    $('rotation-notes').textContent = notes(answer);
    $('rotation-offer').hidden = true;
    $('rotation-form').hidden = true;
    $('rotation-done').hidden = false;
    $('rotation-done-title').focus();
    announce('De sleutel is vernieuwd.');
  } catch (error) {
    notice(`Vernieuwen is niet gelukt: ${(error as Error).message}`);
  } finally {
    if (button) button.disabled = false;
  }
}

/** The new recovery key is shown once: leaving the Team page clears it. */
function reset() {
  if (location.hash === '#team') return;
  $('rotation-recovery-key').textContent = '';
  $('rotation-site-env').textContent = '';
  $('rotation-done').hidden = true;
  $('rotation-form').hidden = false;
  $('rotation-offer').hidden = true;
}

$<HTMLFormElement>('rotation-form').addEventListener('submit', (event) => void rotateKey(event));
window.addEventListener('hashchange', reset);
