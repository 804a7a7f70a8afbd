/**
 * A role must be filled by an organisation of the right kind: `veiligThuis: fairwork` names an
 * organisation that exists, so the reference check passes, but the page would send readers to
 * FairWork under the heading "Veilig Thuis". Each role lists what fits it.
 */
import type { Entry, Problem, SiteContent } from './integrity.ts';
import type { Organisatie, RegionalBody } from './schemas.ts';

interface RoleRule {
  /** What the role needs, in words, for the message. */
  needs: string;
  fits: (organisation: Organisatie) => boolean;
}

export const ROLE_RULES: Record<RegionalBody, RoleRule> = {
  veiligThuis: { needs: 'een Veilig Thuis-organisatie ("Veilig Thuis" in de naam)', fits: (o) => /Veilig Thuis/.test(o.name) },
  zorgcoordinator: {
    needs: 'een organisatie met kind: zorgcoordinatie (of CoMensha, kind: hulpverlening, als landelijke terugval)',
    fits: (o) => o.kind === 'zorgcoordinatie' || (o.kind === 'hulpverlening' && /CoMensha/.test(o.name)),
  },
  zorgVeiligheidshuis: {
    needs: 'een Zorg- en Veiligheidshuis (kind: zorgcoordinatie of samenwerkingsverband)',
    fits: (o) => /Veiligheidshuis/.test(o.name) && (o.kind === 'zorgcoordinatie' || o.kind === 'samenwerkingsverband'),
  },
  politie: { needs: 'een organisatie met kind: politie', fits: (o) => o.kind === 'politie' },
  riec: { needs: 'een RIEC (kind: samenwerkingsverband)', fits: (o) => o.kind === 'samenwerkingsverband' },
};

export function findBodyKindProblems(site: SiteContent): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(site.organisaties.map((o) => [o.id, o]));
  function check(file: string, field: string, role: RegionalBody, id: string | undefined) {
    const organisation = id === undefined ? undefined : byId.get(id);
    if (!organisation || ROLE_RULES[role].fits(organisation.data)) return;
    const fitting = site.organisaties.filter((o) => ROLE_RULES[role].fits(o.data)).map((o) => o.id);
    problems.push({
      file,
      field,
      message: `"${organisation.id}" (${organisation.data.name}, kind: ${organisation.data.kind}) kan de rol ${role} niet vervullen: daar hoort ${ROLE_RULES[role].needs}. Kies bijvoorbeeld: ${fitting.join(', ') || '(nog geen)'}.`,
    });
  }
  const withBodies: Entry<{ bodies: Partial<Record<RegionalBody, string>> }>[] = [...site.regios, ...site.gemeenten];
  for (const { filePath, data } of withBodies) {
    for (const [role, id] of Object.entries(data.bodies)) check(filePath, `bodies.${role}`, role as RegionalBody, id);
  }
  for (const { filePath, data } of site.gebieden) {
    if (data.type === 'veilig-thuis-regio') check(filePath, 'organisation', 'veiligThuis', data.organisation);
  }
  for (const { filePath, data } of site.meldroutes) {
    for (const [nodeId, node] of Object.entries(data.nodes)) {
      if (node.kind !== 'uitkomst') continue;
      node.contacts.forEach((ref, i) => {
        if ('body' in ref) check(filePath, `nodes.${nodeId}.contacts[${i}].fallback`, ref.body, ref.fallback);
      });
    }
  }
  return problems;
}
