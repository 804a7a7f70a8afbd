/**
 * The Team page's "Verwijderen" button: after a confirmation the server ends the member's
 * sessions and deletes their passkeys with the desk key wrapped for them (POST /api/leden/verwijderen),
 * then offers to rotate the desk key (rotation.ts).
 */
import { announce, api, notice } from './client.ts';
import { offerRotation } from './rotation.ts';

interface Removable {
  id: string;
  name: string;
}

export function removeCell(member: Removable, selfId: string | undefined, refresh: () => Promise<void>): HTMLTableCellElement {
  const cell = document.createElement('td');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'utrecht-button utrecht-button--secondary-action';
  button.textContent = `${member.name} verwijderen`;
  button.addEventListener('click', async () => {
    const self = member.id === selfId;
    const question = self
      ? 'Uzelf verwijderen? U wordt meteen afgemeld en uw passkey opent de meldbalie niet meer.'
      : `${member.name} verwijderen? Alle sessies van dit lid eindigen meteen en de passkey opent de meldbalie niet meer.`;
    if (!confirm(question)) return;
    button.disabled = true;
    try {
      await api('/api/leden/verwijderen', { memberId: member.id });
      if (self) return location.assign('/');
      await refresh();
      announce(`${member.name} is verwijderd.`);
      // The row and its button are gone: the focus goes to the next step, renewing the key.
      offerRotation(member.name);
    } catch (error) {
      notice((error as Error).message);
      button.disabled = false;
    }
  });
  cell.append(button);
  return cell;
}
