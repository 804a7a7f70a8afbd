/**
 * Questions pages ask of the content: which organisations serve a municipality, which plans
 * apply, which municipalities form a region. Pure functions over SiteContent.
 */
import type { Entry, SiteContent } from './integrity.ts';
import type { Gebied, GebiedType, Gemeente, Organisatie, RegionalBodies } from './schemas.ts';
import { GEBIED_TYPES, REGIONAL_BODY_LABELS } from './schemas.ts';
import { byName } from '../format.ts';

export function findById<T>(entries: Entry<T>[], id: string): Entry<T> {
  const entry = entries.find((e) => e.id === id);
  // Integrity checks run before any page renders, so this only trips on a programming error.
  if (!entry) throw new Error(`Onbekend id "${id}"`);
  return entry;
}

export interface ServingBody {
  role: keyof RegionalBodies;
  label: string;
  organisation: Entry<Organisatie>;
  /** True when the municipality names its own organisation instead of the region's. */
  local: boolean;
}

/** What a Veilig Thuis region (content/gebieden/) says about a role for all its municipalities. */
function fromVeiligThuisRegio(role: keyof RegionalBodies, gebied: Gebied | undefined): string | undefined {
  if (!gebied) return undefined;
  if (role === 'veiligThuis') return gebied.organisation;
  if (role === 'zorgcoordinator' || role === 'zorgVeiligheidshuis') return gebied[role];
  return undefined;
}

/**
 * The organisations that serve a municipality: its own choices first, then its region's
 * (content/regios/), then the organisations its Veilig Thuis region names (content/gebieden/).
 */
export function servingBodies(site: SiteContent, gemeente: Gemeente): ServingBody[] {
  const regio = gemeente.regio ? findById(site.regios, gemeente.regio).data : undefined;
  const veiligThuisRegio = gemeente.veiligThuisRegio ? findById(site.gebieden, gemeente.veiligThuisRegio).data : undefined;
  return (Object.keys(REGIONAL_BODY_LABELS) as (keyof RegionalBodies)[]).flatMap((role) => {
    const id = gemeente.bodies[role] ?? regio?.bodies[role] ?? fromVeiligThuisRegio(role, veiligThuisRegio);
    if (!id) return [];
    return [
      {
        role,
        label: REGIONAL_BODY_LABELS[role],
        organisation: findById(site.organisaties, id),
        local: gemeente.bodies[role] !== undefined,
      },
    ];
  });
}

export interface MunicipalityGebied {
  type: GebiedType;
  /** "Veilig Thuis-regio", "Politie-eenheid", "Veiligheidsregio". */
  label: string;
  gebied: Entry<Gebied>;
}

/** The official regions (CBS) a municipality lies in: Veilig Thuis region, police unit, veiligheidsregio. */
export function gebiedenOf(site: SiteContent, gemeente: Gemeente): MunicipalityGebied[] {
  const pairs: [GebiedType, string | undefined][] = [
    ['veilig-thuis-regio', gemeente.veiligThuisRegio],
    ['politie-eenheid', gemeente.politieEenheid],
    ['veiligheidsregio', gemeente.veiligheidsregio],
  ];
  return pairs.flatMap(([type, id]) => (id ? [{ type, label: GEBIED_TYPES[type], gebied: findById(site.gebieden, id) }] : []));
}

/** Municipalities that lie in an official region (content/gebieden/), sorted by name. */
export function gebiedMembers(site: SiteContent, gebied: Entry<Gebied>): Entry<Gemeente>[] {
  const field = ({ veiligheidsregio: 'veiligheidsregio', 'politie-eenheid': 'politieEenheid', 'veilig-thuis-regio': 'veiligThuisRegio' } as const)[
    gebied.data.type
  ];
  return site.gemeenten.filter((g) => g.data[field] === gebied.id).sort((a, b) => byName(a.data, b.data));
}

export function membersOf(site: SiteContent, regioId: string): Entry<Gemeente>[] {
  return site.gemeenten.filter((g) => g.data.regio === regioId).sort((a, b) => byName(a.data, b.data));
}

/** Plans that apply to a municipality: its own list, then the region's plans not already named. */
export function plansFor(site: SiteContent, gemeente: Gemeente) {
  const regio = gemeente.regio ? findById(site.regios, gemeente.regio).data : undefined;
  const ids = [...new Set([...gemeente.policy.beleid, ...(regio?.beleid ?? [])])];
  return ids.map((id) => findById(site.beleid, id));
}

/** Municipalities grouped by province (provinces and municipalities sorted by name). */
export function gemeentenByProvince(site: SiteContent): { province: string; gemeenten: Entry<Gemeente>[] }[] {
  const provinces = new Map<string, Entry<Gemeente>[]>();
  for (const gemeente of [...site.gemeenten].sort((a, b) => byName(a.data, b.data))) {
    provinces.set(gemeente.data.province, [...(provinces.get(gemeente.data.province) ?? []), gemeente]);
  }
  return [...provinces.entries()].sort(([a], [b]) => a.localeCompare(b, 'nl')).map(([province, gemeenten]) => ({ province, gemeenten }));
}
