/**
 * The team's reply templates through the desk API on a real SQLite file: the shipped defaults are
 * sealed to the desk once, every member reads them, only a beheerder adds, changes and removes
 * them, only sealed text is accepted, and the audit log names the template, never its words.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { callDesk, closeTestDesks, openTestDesk, signedInMember } from '../support/desk-api.ts';
import { verifyChain } from '../../src/desk/server/audit.ts';
import { newKeyPair, seal, unseal } from '../../src/lib/report/crypto/seal.ts';
import { DEFAULT_TEMPLATES, fillPlaceholders } from '../../src/desk/default-templates.ts';

afterEach(closeTestDesks);

async function newDesk() {
  const desk = openTestDesk('desk-templates');
  const key = await newKeyPair();
  await desk.store.setSettings({ recipient: key.recipient });
  return { desk, key };
}

type Listed = { templates: { id: string; sealed: string; day: string }[] };

describe('reply templates', () => {
  it("seals the defaults to the desk once, and lets only a beheerder change the team's templates", async () => {
    const { desk, key } = await newDesk();
    const admin = await signedInMember(desk, 'a', 'beheerder');
    const worker = await signedInMember(desk, 'w', 'behandelaar');

    const listed = (await callDesk(desk, worker, '/api/sjablonen')).body as Listed;
    expect(listed.templates).toHaveLength(DEFAULT_TEMPLATES.length);
    const opened = await Promise.all(listed.templates.map(async (t) => JSON.parse(await unseal([key.identity], t.sealed))));
    expect(opened).toEqual(DEFAULT_TEMPLATES);
    expect(((await callDesk(desk, admin, '/api/sjablonen')).body as Listed).templates.map((t) => t.id)).toEqual(listed.templates.map((t) => t.id));

    const secret = 'GEHEIM-sjabloon-5d2a Waar staat het busje?';
    const sealed = await seal([key.recipient], JSON.stringify({ title: 'Busje', language: 'nl', text: secret }));
    expect((await callDesk(desk, worker, '/api/sjablonen', { sealed })).status).toBe(403);
    expect((await callDesk(desk, admin, '/api/sjablonen', { sealed: secret })).status).toBe(400);
    const added = await callDesk(desk, admin, '/api/sjablonen', { sealed });
    expect(added.status).toBe(200);
    const { id } = added.body as { id: string };
    expect((await callDesk(desk, worker, `/api/sjablonen/${id}`, { sealed })).status).toBe(403);
    expect((await callDesk(desk, admin, `/api/sjablonen/${id}`, { sealed })).status).toBe(200);
    expect((await callDesk(desk, worker, `/api/sjablonen/${id}/verwijderen`, {})).status).toBe(403);
    expect((await callDesk(desk, admin, `/api/sjablonen/${listed.templates[0].id}/verwijderen`, {})).status).toBe(200);
    expect((await callDesk(desk, admin, `/api/sjablonen/${listed.templates[0].id}/verwijderen`, {})).status).toBe(404);
    expect((await callDesk(desk, admin, `/api/sjablonen/${listed.templates[0].id}`, { sealed })).status).toBe(404);

    const now = ((await callDesk(desk, worker, '/api/sjablonen')).body as Listed).templates;
    expect(now).toHaveLength(DEFAULT_TEMPLATES.length);
    expect(now.at(-1)).toMatchObject({ id, sealed });

    const audit = await desk.store.audit();
    expect(audit.filter((r) => r.action.startsWith('sjabloon.')).map((r) => [r.action, r.subject])).toEqual([
      ['sjabloon.standaard', `${DEFAULT_TEMPLATES.length} standaardteksten`],
      ['sjabloon.toegevoegd', id],
      ['sjabloon.gewijzigd', id],
      ['sjabloon.verwijderd', listed.templates[0].id],
    ]);
    expect(JSON.stringify(audit)).not.toContain('GEHEIM');
    expect(verifyChain(audit)).toBeUndefined();
  });

  it("fills in the day received in the template's language and leaves other braces alone", () => {
    expect(fillPlaceholders('Uw melding van {ontvangen}. {onbekend}', 'nl', '2026-12-03')).toBe('Uw melding van 3 december 2026. {onbekend}');
    expect(fillPlaceholders('Your report of {ontvangen}.', 'en', '2026-12-03')).toBe('Your report of 3 December 2026.');
  });

  it('ships each default in Dutch and English, using no placeholder but {ontvangen}', () => {
    const byLanguage = (language: string) => DEFAULT_TEMPLATES.filter((t) => t.language === language).map((t) => t.title);
    expect(byLanguage('nl')).toEqual(byLanguage('en'));
    for (const t of DEFAULT_TEMPLATES) for (const placeholder of t.text.match(/\{[^}]*\}/g) ?? []) expect(placeholder).toBe('{ontvangen}');
    expect(DEFAULT_TEMPLATES.filter((t) => t.text.includes('{ontvangen}')).length).toBeGreaterThan(0);
  });
});
