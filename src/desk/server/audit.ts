/**
 * The audit log: append-only (the store refuses updates and deletes) and hash-chained, so a row
 * changed or removed afterwards, even by someone with the database file, breaks the chain:
 *   hash = SHA-256(prev_hash "\n" JSON [seq, at, actor, action, subject]).
 * It records who did what to which case, never content.
 */
import { createHash } from 'node:crypto';
import type { AuditRow, DeskStore, Role } from './store.ts';

export const GENESIS = '0'.repeat(64);

export type AuditAction =
  | 'instellen'
  | 'sleutel.aangemaakt'
  | 'aanmelden'
  | 'aanmelden.mislukt'
  | 'afmelden'
  | 'afmelden.overal'
  | 'ontgrendelen.passkey'
  | 'ontgrendelen.herstelsleutel'
  | 'zaak.geopend'
  | 'zaak.status'
  | 'zaak.vraag'
  | 'zaak.notitie'
  | 'zaak.export'
  | 'cijfers.export'
  | 'zaak.toegewezen'
  | 'logboek.bekeken'
  | 'uitnodiging.gemaakt'
  | 'uitnodiging.aanvaard'
  | 'sleutel.gedeeld'
  | 'lid.verwijderd'
  | 'sleutel.geroteerd'
  | 'passkey.toegevoegd'
  | 'passkey.verwijderd'
  | 'sjabloon.standaard'
  | 'sjabloon.toegevoegd'
  | 'sjabloon.gewijzigd'
  | 'sjabloon.verwijderd';

export function rowHash(prevHash: string, row: Pick<AuditRow, 'seq' | 'at' | 'actor' | 'action' | 'subject'>): string {
  return createHash('sha256')
    .update(`${prevHash}\n${JSON.stringify([row.seq, row.at, row.actor, row.action, row.subject])}`)
    .digest('hex');
}

export function record(store: DeskStore, actor: string, action: AuditAction, subject = '', now = Date.now()): Promise<AuditRow> {
  const at = new Date(now).toISOString().slice(0, 19) + 'Z';
  return store.appendAudit((previous, seq) => {
    const prevHash = previous?.hash ?? GENESIS;
    return { at, actor, action, subject, prevHash, hash: rowHash(prevHash, { seq, at, actor, action, subject }) };
  });
}

/**
 * The subjects of the two rows with which a member joins the desk: `instellen` for the first
 * beheerder, `uitnodiging.aanvaard` for everyone invited. Each has the member as its actor, so
 * the log itself says under which name each id joined (`joinedNames`).
 */
export const joinSubject = {
  instellen: (name: string) => `passkey van ${name}`,
  'uitnodiging.aanvaard': (name: string, role: Role) => `${name} (${role})`,
};
const JOINED: Partial<Record<string, RegExp>> = {
  instellen: /^passkey van (.*)$/s,
  'uitnodiging.aanvaard': /^(.*) \((?:beheerder|behandelaar)\)$/s,
};

/**
 * Member id → the name they joined under, read from the log's joining rows. The Logboek names a
 * removed member with it: removal deletes their row in `members`, and the log, which already holds
 * their name, goes on saying who did what without the desk keeping anything else of them.
 */
export function joinedNames(rows: readonly AuditRow[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of rows) {
    const name = JOINED[row.action]?.exec(row.subject)?.[1];
    if (name) names.set(row.actor, name);
  }
  return names;
}

/** The first row where the chain breaks, or undefined when every row links to the one before. */
export function verifyChain(rows: readonly AuditRow[]): { seq: number; reason: string } | undefined {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { seq: row.seq, reason: `regel ${expectedSeq} ontbreekt` };
    if (row.prevHash !== prevHash) return { seq: row.seq, reason: 'verwijst niet naar de vorige regel' };
    if (rowHash(prevHash, row) !== row.hash) return { seq: row.seq, reason: 'inhoud past niet bij de hash' };
    prevHash = row.hash;
    expectedSeq++;
  }
  return undefined;
}
