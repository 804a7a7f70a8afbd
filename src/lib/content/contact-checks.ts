/**
 * Contact details age: numbers and opening hours change without the sources saying so. Each
 * organisation carries the date an editor last compared its contacts with their sources
 * (`checked` in content/organisaties/); twelve months later the build warns (it does not fail:
 * an old but probably right number helps a reader more than a broken build) and the editors'
 * list on /organisaties/ shows it.
 */
import type { Entry, SiteContent } from './integrity.ts';
import type { Organisatie } from './schemas.ts';

/** How long a check stays valid. */
export const CHECK_VALID_MONTHS = 12;

export interface StaleContact {
  organisation: Entry<Organisatie>;
  /** The last check, or undefined when the file has none. */
  checked?: string;
}

/** The day before which a check is too old: `today` minus CHECK_VALID_MONTHS, as JJJJ-MM-DD. */
export function checkDeadline(today: Date): string {
  const deadline = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - CHECK_VALID_MONTHS, today.getUTCDate()));
  return deadline.toISOString().slice(0, 10);
}

/** Organisations whose contacts were never checked or not in the last twelve months, oldest first. */
export function staleContacts(site: SiteContent, today: Date): StaleContact[] {
  const deadline = checkDeadline(today);
  return site.organisaties
    .filter((o) => o.data.checked === undefined || o.data.checked < deadline)
    .map((organisation) => ({ organisation, checked: organisation.data.checked }))
    .sort((a, b) => (a.checked ?? '').localeCompare(b.checked ?? '') || a.organisation.id.localeCompare(b.organisation.id));
}

/** The build's warning, in Dutch for editors: each file, its last check and the fix. Empty when all is current. */
export function staleContactsWarning(stale: StaleContact[]): string {
  if (stale.length === 0) return '';
  const lines = stale.map(
    ({ organisation, checked }) =>
      `  - ${organisation.filePath}: ${checked ? `laatst gecontroleerd op ${checked}` : 'nog nooit gecontroleerd (geen veld checked)'}`,
  );
  return [
    `Let op: de contactgegevens van ${stale.length} organisatie(s) zijn langer dan ${CHECK_VALID_MONTHS} maanden niet gecontroleerd:`,
    ...lines,
    'Vergelijk telefoonnummers, openingstijden, e-mail en website met de bron, en zet daarna de datum van vandaag in checked (JJJJ-MM-DD).',
  ].join('\n');
}
