/**
 * Regional care and help first (issue 22): who arranges care per municipality, the order of the
 * people a victim can call, the lines open at night, and the warning about contacts not checked
 * for twelve months. Pure functions over the real content; a change that breaks them fails here.
 */
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { careFor, dayAndNightLines, helpContacts } from '../../src/lib/content/care';
import { checkDeadline, staleContacts, staleContactsWarning } from '../../src/lib/content/contact-checks';
import { findById } from '../../src/lib/content/queries';

const { site } = readContent('content');
const gemeente = (id: string) => findById(site.gemeenten, id).data;

describe('careFor', () => {
  it('every municipality gets a coordinator or CoMensha, never nothing', () => {
    for (const g of site.gemeenten) {
      const care = careFor(site, g.data);
      expect(care.comensha.id, g.id).toBe('comensha');
      if (care.coordinator) expect(care.coordinator.data.kind, g.id).toBe('zorgcoordinatie');
    }
  });

  it('names the seeds’ coordinators and CoMensha elsewhere', () => {
    expect(careFor(site, gemeente('veendam')).coordinator?.id).toBe('zorg-en-veiligheidshuis-groningen');
    expect(careFor(site, gemeente('veendam')).zorgVeiligheidshuis?.id).toBe('zorg-en-veiligheidshuis-groningen');
    expect(careFor(site, gemeente('amersfoort')).coordinator?.id).toBe('moviera');
    expect(careFor(site, gemeente('woerden')).coordinator?.id).toBe('moviera');
    expect(careFor(site, gemeente('nijmegen')).coordinator?.id).toBe('zorgcoordinator-mensenhandel-gelderland-zuid');
    expect(careFor(site, gemeente('mook-en-middelaar')).coordinator?.id).toBe('zorgcoordinator-mensenhandel-gelderland-zuid');
    // No source names a coordinator with a contact: CoMensha coordinates (also where a region names CoMensha).
    for (const id of ['amsterdam', 'venlo', 'enschede', 'maastricht']) expect(careFor(site, gemeente(id)).coordinator, id).toBeUndefined();
  });
});

describe('helpContacts: the people a victim can call, in the order the issue asks', () => {
  it('nationally: CoMensha, Slachtofferhulp, FairWork, Veilig Thuis', () => {
    expect(helpContacts(site).map((c) => [c.purpose, c.organisation.id])).toEqual([
      ['comensha', 'comensha'],
      ['slachtofferhulp', 'slachtofferhulp-nederland'],
      ['fairwork', 'fairwork'],
      ['veiligThuis', 'veilig-thuis'],
    ]);
  });

  it('in a municipality: its coordinator first, and its own Veilig Thuis', () => {
    expect(helpContacts(site, gemeente('zeist')).map((c) => c.organisation.id)).toEqual([
      'moviera',
      'comensha',
      'slachtofferhulp-nederland',
      'fairwork',
      'veilig-thuis-utrecht',
    ]);
    expect(helpContacts(site, gemeente('veendam'))[0].organisation.id).toBe('zorg-en-veiligheidshuis-groningen');
    // The ZVHG is both coordinator and Zorg- en Veiligheidshuis: listed once.
    expect(helpContacts(site, gemeente('veendam')).filter((c) => c.organisation.id === 'zorg-en-veiligheidshuis-groningen')).toHaveLength(1);
  });
});

describe('dayAndNightLines: what to do at night comes from content, not from code', () => {
  it('Veilig Thuis and the police are open day and night; CoMensha (office hours) is not', () => {
    const orgs = ['comensha', 'slachtofferhulp-nederland', 'veilig-thuis', 'politie'].map((id) => findById(site.organisaties, id));
    expect(dayAndNightLines(orgs).map((l) => [l.organisation.id, l.number])).toEqual([
      ['veilig-thuis', '0800-2000'],
      ['politie', '0900-8844'],
    ]);
  });

  it('only lines whose availability says 24 hours are marked day and night', () => {
    for (const o of site.organisaties) {
      for (const phone of o.data.phones) {
        if (phone.dayAndNight) expect(phone.availability, o.id).toMatch(/24 uur per dag/);
      }
    }
  });

  it('a number shared by two organisations is listed once', () => {
    const politie = findById(site.organisaties, 'politie');
    const avim = findById(site.organisaties, 'avim');
    expect(dayAndNightLines([politie, avim])).toHaveLength(1);
  });
});

describe('contacts not checked for twelve months', () => {
  it('the deadline is twelve months before the day', () => {
    expect(checkDeadline(new Date('2027-12-07T10:00:00Z'))).toBe('2026-12-07');
  });

  it('every organisation has a check date now, so today nothing is stale', () => {
    for (const o of site.organisaties) expect(o.data.checked, o.filePath).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(staleContacts(site, new Date('2026-12-06'))).toEqual([]);
    expect(staleContactsWarning([])).toBe('');
  });

  it('a year and a day later every organisation is listed, and the warning names each file and the fix', () => {
    const stale = staleContacts(site, new Date('2027-12-07'));
    expect(stale).toHaveLength(site.organisaties.length);
    const warning = staleContactsWarning(stale);
    expect(warning).toContain('content/organisaties/comensha.yaml: laatst gecontroleerd op 2026-12-06');
    expect(warning).toMatch(/zet daarna de datum van vandaag in checked/);
  });

  it('an organisation without a check date counts as never checked, oldest first', () => {
    const copy = structuredClone(site);
    delete copy.organisaties.find((o) => o.id === 'fairwork')!.data.checked;
    const stale = staleContacts(copy, new Date('2026-12-06'));
    expect(stale.map((s) => s.organisation.id)).toEqual(['fairwork']);
    expect(staleContactsWarning(stale)).toContain('content/organisaties/fairwork.yaml: nog nooit gecontroleerd');
  });
});
