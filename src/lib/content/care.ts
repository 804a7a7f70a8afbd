/**
 * Who a victim of trafficking can reach, and who arranges their care (issue 22). Every
 * municipality gets its regional zorgcoördinator mensenhandel and Zorg- en Veiligheidshuis where
 * content names them (the municipality, its region in content/regios/, or its Veilig Thuis
 * region in content/gebieden/); where none is named, CoMensha, which arranges shelter and help
 * together with the regional coordinators (content/organisaties/comensha.yaml). Phone numbers
 * and hours always come from content/organisaties/, never from code.
 */
import type { Entry, SiteContent } from './integrity.ts';
import type { Gemeente, Organisatie } from './schemas.ts';
import type { HelpPurpose } from './schemas/ids.ts';
import { findById, servingBodies } from './queries.ts';
import { LABOUR_VICTIM_SUPPORT, NATIONAL_CARE, NATIONAL_VEILIG_THUIS, VICTIM_SUPPORT } from './required-ids.ts';

export interface CareCoordination {
  /** The regional coordinator; undefined where no source names one, and the page says CoMensha coordinates. */
  coordinator?: Entry<Organisatie>;
  /** The region's Zorg- en Veiligheidshuis, where a source names one with a contact. */
  zorgVeiligheidshuis?: Entry<Organisatie>;
  /** CoMensha: the national centre, always shown as the number to call where no coordinator is named. */
  comensha: Entry<Organisatie>;
}

/** The care coordination of one municipality. CoMensha named as a region's coordinator counts as "none named". */
export function careFor(site: SiteContent, gemeente: Gemeente): CareCoordination {
  const bodies = servingBodies(site, gemeente);
  const coordinator = bodies.find((b) => b.role === 'zorgcoordinator')?.organisation;
  return {
    coordinator: coordinator?.id === NATIONAL_CARE ? undefined : coordinator,
    zorgVeiligheidshuis: bodies.find((b) => b.role === 'zorgVeiligheidshuis')?.organisation,
    comensha: findById(site.organisaties, NATIONAL_CARE),
  };
}

export interface HelpContact {
  purpose: HelpPurpose;
  organisation: Entry<Organisatie>;
}

/**
 * The people a victim can reach, in the order the help page shows them (after 112): the regional
 * coordinator where there is one, CoMensha, Slachtofferhulp, FairWork, then Veilig Thuis (the
 * region's own where content names it). Without a municipality: the national organisations.
 */
export function helpContacts(site: SiteContent, gemeente?: Gemeente): HelpContact[] {
  const care = gemeente ? careFor(site, gemeente) : undefined;
  const veiligThuis =
    (gemeente && servingBodies(site, gemeente).find((b) => b.role === 'veiligThuis')?.organisation) ?? findById(site.organisaties, NATIONAL_VEILIG_THUIS);
  const zorgVeiligheidshuis = care?.zorgVeiligheidshuis;
  return [
    ...(care?.coordinator ? [{ purpose: 'care' as const, organisation: care.coordinator }] : []),
    ...(zorgVeiligheidshuis && zorgVeiligheidshuis.id !== care?.coordinator?.id ? [{ purpose: 'care' as const, organisation: zorgVeiligheidshuis }] : []),
    { purpose: 'comensha', organisation: findById(site.organisaties, NATIONAL_CARE) },
    { purpose: 'slachtofferhulp', organisation: findById(site.organisaties, VICTIM_SUPPORT) },
    { purpose: 'fairwork', organisation: findById(site.organisaties, LABOUR_VICTIM_SUPPORT) },
    { purpose: 'veiligThuis', organisation: veiligThuis },
  ];
}

/** The phone lines a source says are answered day and night (`dayAndNight` in content/organisaties/), for "what to do at night". */
export function dayAndNightLines(contacts: Entry<Organisatie>[]): { organisation: Entry<Organisatie>; number: string }[] {
  const seen = new Set<string>();
  return contacts.flatMap((organisation) =>
    organisation.data.phones
      .filter((phone) => phone.dayAndNight && !seen.has(phone.number) && seen.add(phone.number))
      .map((phone) => ({ organisation, number: phone.number })),
  );
}
