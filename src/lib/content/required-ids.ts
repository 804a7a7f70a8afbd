/**
 * Organisations that code names by id rather than finding them through content: the national
 * contacts on the home page, the gemeente pages, the signalenkaart and the region pages. Each
 * is declared once here, with the files that use it, so the integrity pass (./integrity.ts)
 * can say which code file breaks when content/organisaties/<id>.yaml is renamed or removed.
 */
import type { Problem } from './integrity.ts';

export const EMERGENCY_NUMBER = 'alarmnummer-112';
export const ANONYMOUS_LINE = 'meld-misdaad-anoniem';
export const NATIONAL_VEILIG_THUIS = 'veilig-thuis';
export const NATIONAL_POLICE = 'politie';
export const LABOUR_INSPECTORATE = 'nederlandse-arbeidsinspectie';
export const NATIONAL_CARE = 'comensha';
export const VICTIM_SUPPORT = 'slachtofferhulp-nederland';
export const LABOUR_VICTIM_SUPPORT = 'fairwork';

/** Per constant: its id and the code files that import it (a unit test keeps this list true). */
export const REQUIRED_ORGANISATIONS = {
  EMERGENCY_NUMBER: {
    id: EMERGENCY_NUMBER,
    usedBy: [
      'src/lib/meldroute/graph.ts',
      'src/pages/gemeenten/[gemeente]/index.astro',
      'src/pages/gemeenten/[gemeente]/signalenkaart.astro',
      'src/views/HomePage.astro',
    ],
  },
  ANONYMOUS_LINE: {
    id: ANONYMOUS_LINE,
    usedBy: ['src/pages/gemeenten/[gemeente]/index.astro', 'src/pages/gemeenten/[gemeente]/signalenkaart.astro', 'src/views/HomePage.astro'],
  },
  NATIONAL_VEILIG_THUIS: {
    id: NATIONAL_VEILIG_THUIS,
    usedBy: [
      'src/lib/content/care.ts',
      'src/pages/gebieden/[gebied].astro',
      'src/pages/gemeenten/[gemeente]/index.astro',
      'src/pages/gemeenten/[gemeente]/signalenkaart.astro',
      'src/views/HomePage.astro',
    ],
  },
  NATIONAL_POLICE: {
    id: NATIONAL_POLICE,
    usedBy: ['src/components/HelpFirst.astro', 'src/pages/gebieden/[gebied].astro', 'src/pages/gemeenten/[gemeente]/index.astro'],
  },
  LABOUR_INSPECTORATE: {
    id: LABOUR_INSPECTORATE,
    usedBy: ['src/pages/gemeenten/[gemeente]/signalenkaart.astro'],
  },
  NATIONAL_CARE: {
    id: NATIONAL_CARE,
    usedBy: ['src/lib/content/care.ts'],
  },
  VICTIM_SUPPORT: {
    id: VICTIM_SUPPORT,
    usedBy: ['src/lib/content/care.ts'],
  },
  LABOUR_VICTIM_SUPPORT: {
    id: LABOUR_VICTIM_SUPPORT,
    usedBy: ['src/lib/content/care.ts'],
  },
} as const;

/** One problem per code file that names an organisation missing from content/organisaties/. */
export function findMissingRequiredIds(organisationIds: Set<string>): Problem[] {
  return Object.entries(REQUIRED_ORGANISATIONS).flatMap(([name, { id, usedBy }]) =>
    organisationIds.has(id)
      ? []
      : usedBy.map((file) => ({
          file,
          field: name,
          message: `Deze code gebruikt de organisatie "${id}", maar content/organisaties/${id}.yaml bestaat niet. Maak content/organisaties/${id}.yaml aan of pas ${file} aan (en ${name} in src/lib/content/required-ids.ts).`,
        })),
  );
}
