/**
 * Questions pages ask of the signal catalogue. Pure functions over SiteContent, unit-tested.
 */
import type { Entry, SiteContent } from '../content/integrity.ts';
import { FORMS, ROLES, SECTORS, type Form, type Role, type Sector, type Signaal } from '../content/schemas.ts';

const byStatement = (a: Entry<Signaal>, b: Entry<Signaal>) => a.data.statement.localeCompare(b.data.statement, 'nl');

export function signalsForForm(site: SiteContent, form: Form): Entry<Signaal>[] {
  return site.signalen.filter((s) => s.data.forms.includes(form)).sort(byStatement);
}

export function signalsForResidents(site: SiteContent): Entry<Signaal>[] {
  return site.signalen.filter((s) => s.data.audiences.inwoner).sort(byStatement);
}

export function signalsForSector(site: SiteContent, sector: Sector): Entry<Signaal>[] {
  return site.signalen.filter((s) => s.data.audiences.ondernemer.includes(sector)).sort(byStatement);
}

export function signalsForRole(site: SiteContent, role: Role): Entry<Signaal>[] {
  return site.signalen.filter((s) => s.data.audiences.professional.includes(role)).sort(byStatement);
}

/**
 * The signals printed on a signalenkaart: per form, the key signals first, topped up with
 * others so every form shows `perForm` signals. A signal appears under one form only.
 */
export function keySignalsByForm(site: SiteContent, perForm = 4) {
  const used = new Set<string>();
  return (Object.keys(FORMS) as Form[]).map((form) => {
    const candidates = signalsForForm(site, form).filter((s) => !used.has(s.id));
    const picked = [...candidates.filter((s) => s.data.key), ...candidates.filter((s) => !s.data.key)].slice(0, perForm);
    picked.forEach((s) => used.add(s.id));
    return { form, title: FORMS[form], signals: picked };
  });
}

/** The audiences of a signal as links: sector and role pages, and the residents' page. */
export function audienceLinks(signal: Signaal) {
  return [
    ...(signal.audiences.inwoner ? [{ href: '/signalen/inwoners/', label: 'Inwoners' }] : []),
    ...signal.audiences.ondernemer.map((sector) => ({ href: `/ondernemers/${sector}/`, label: SECTORS[sector], key: `sector.${sector}` as const })),
    ...signal.audiences.professional.map((role) => ({ href: `/signalen/professionals/${role}/`, label: ROLES[role], key: `role.${role}` as const })),
  ];
}
