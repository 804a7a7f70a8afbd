/**
 * Questions pages ask of the content: which organisations serve a municipality, which plans
 * apply, which municipalities form a region. Pure functions over SiteContent.
 */
import type { Entry, SiteContent } from './integrity.ts';
import type { Gemeente, Organisatie, Regio, RegionalBodies } from './schemas.ts';
import { REGIONAL_BODY_LABELS } from './schemas.ts';
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

/** The region's organisations, with the municipality's own choices taking precedence. */
export function servingBodies(site: SiteContent, gemeente: Gemeente): ServingBody[] {
  const regio = findById(site.regios, gemeente.regio).data;
  return (Object.keys(REGIONAL_BODY_LABELS) as (keyof RegionalBodies)[]).flatMap((role) => {
    const id = gemeente.bodies[role] ?? regio.bodies[role];
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

export function membersOf(site: SiteContent, regioId: string): Entry<Gemeente>[] {
  return site.gemeenten.filter((g) => g.data.regio === regioId).sort((a, b) => byName(a.data, b.data));
}

/** Plans that apply to a municipality: its own list, then the region's plans not already named. */
export function plansFor(site: SiteContent, gemeente: Gemeente) {
  const regio = findById(site.regios, gemeente.regio).data;
  const ids = [...new Set([...gemeente.policy.beleid, ...regio.beleid])];
  return ids.map((id) => findById(site.beleid, id));
}

/** Municipalities grouped by province, then by region, all sorted by name. */
export function gemeentenByProvince(site: SiteContent) {
  const provinces = new Map<string, Map<string, Entry<Gemeente>[]>>();
  for (const gemeente of [...site.gemeenten].sort((a, b) => byName(a.data, b.data))) {
    const regions = provinces.get(gemeente.data.province) ?? new Map<string, Entry<Gemeente>[]>();
    regions.set(gemeente.data.regio, [...(regions.get(gemeente.data.regio) ?? []), gemeente]);
    provinces.set(gemeente.data.province, regions);
  }
  return [...provinces.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'nl'))
    .map(([province, regions]) => ({
      province,
      regions: [...regions.entries()]
        .map(([regioId, gemeenten]) => ({ regio: findById(site.regios, regioId) as Entry<Regio>, gemeenten }))
        .sort((a, b) => byName(a.regio.data, b.regio.data)),
    }));
}
