/** The signal catalogue is complete enough for every page that lists signals. */
import { describe, expect, it } from 'vitest';
import { idField } from '../../src/lib/content/fields';
import { readContent } from '../../src/lib/content/read-content';
import { FORMS, ROLES, SECTORS, type Form, type Role, type Sector } from '../../src/lib/content/schemas';
import { keySignalsByForm, signalsForForm, signalsForResidents, signalsForRole, signalsForSector } from '../../src/lib/signalen/queries';

const { site } = readContent('content');

describe('signal catalogue', () => {
  it('holds at least 60 signals, plus the vulnerability factors', () => {
    expect(site.signalen.length).toBeGreaterThanOrEqual(60);
    expect(site.kwetsbaarheden.length).toBeGreaterThanOrEqual(8);
  });

  // Ids are file names in one folder, so they are unique by construction; what can go wrong is a
  // file name that makes a bad address (/signalen/signaal/<id>/) or a bad form value.
  it('names every signal file as an id: lowercase words joined by hyphens', () => {
    expect(site.signalen.map((s) => s.id).filter((id) => !idField.safeParse(id).success)).toEqual([]);
  });

  it.each(Object.keys(FORMS) as Form[])('lists at least five signals for the form %s', (form) => {
    expect(signalsForForm(site, form).length).toBeGreaterThanOrEqual(5);
  });

  it.each(Object.keys(SECTORS) as Sector[])('has guidance and at least five signals for the sector %s', (sector) => {
    expect(site.sectoren.map((s) => s.id)).toContain(sector);
    expect(signalsForSector(site, sector).length).toBeGreaterThanOrEqual(5);
  });

  it.each(Object.keys(ROLES) as Role[])('lists at least five signals for the role %s', (role) => {
    expect(signalsForRole(site, role).length).toBeGreaterThanOrEqual(5);
  });

  it('has signals for residents and no sector guidance without a sector page', () => {
    expect(signalsForResidents(site).length).toBeGreaterThanOrEqual(20);
    for (const guidance of site.sectoren) expect(Object.keys(SECTORS)).toContain(guidance.id);
  });

  it('puts key signals for every form on the signal card, each signal once', () => {
    const groups = keySignalsByForm(site, 3);
    expect(groups.map((g) => g.form)).toEqual(Object.keys(FORMS));
    const ids = groups.flatMap((g) => g.signals.map((s) => s.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const group of groups) expect(group.signals.length).toBeGreaterThan(0);
    expect(groups.flatMap((g) => g.signals).filter((s) => s.data.key).length).toBeGreaterThanOrEqual(8);
  });
});
