/**
 * The team's reply templates (Standaardteksten): every member reads them, a beheerder adds,
 * changes and removes them. Title, language and text are sealed to the desk in the beheerder's
 * browser, like internal notes: the server keeps ciphertext and a day, and the audit log keeps
 * which template changed, never its words. The shipped defaults are sealed here once, on the
 * first request after set-up; their text is in the public source, so the server learns nothing.
 */
import { randomUUID } from 'node:crypto';
import { isAgeArmor, seal } from '../../lib/report/crypto/seal.ts';
import { DEFAULT_TEMPLATES } from '../default-templates.ts';
import type { ApiResponse, Desk } from './api.ts';
import { record } from './audit.ts';
import { today } from './days.ts';
import { TEMPLATES_SEEDED } from './rows.ts';
import type { Member } from './store.ts';

const PATH = /^\/api\/sjablonen(?:\/([0-9a-f-]{36})(\/verwijderen)?)?$/;
/** A template is short text; its sealed form stays well below this. */
const MAX_SEALED = 24 * 1024;

const answer = (status: number, body: unknown): ApiResponse => ({ status, body });
const refuse = (status: number, message: string) => answer(status, { error: message });
const sealedText = (value: unknown): value is string => typeof value === 'string' && value.length < MAX_SEALED && isAgeArmor(value);

async function seedDefaults(desk: Desk, member: Member) {
  const recipient = await desk.store.getSetting('recipient');
  if (!recipient || (await desk.store.getSetting(TEMPLATES_SEEDED))) return;
  const day = today();
  const rows = await Promise.all(DEFAULT_TEMPLATES.map(async (t) => ({ id: randomUUID(), sealed: await seal([recipient], JSON.stringify(t)), day })));
  if (await desk.store.seedTemplates(rows)) await record(desk.store, member.id, 'sjabloon.standaard', `${rows.length} standaardteksten`);
}

/** Answers /api/sjablonen…; the caller has checked the session, the origin and the CSRF token. */
export async function handleTemplates(desk: Desk, member: Member, method: string, path: string, body: Record<string, unknown>): Promise<ApiResponse> {
  const match = PATH.exec(path);
  if (!match) return refuse(404, 'Onbekend adres.');
  const [, id, remove] = match;
  const { store } = desk;
  if (!id && method === 'GET') {
    await seedDefaults(desk, member);
    return answer(200, { templates: await store.listTemplates() });
  }
  if (method !== 'POST') return refuse(405, 'Deze methode kan hier niet.');
  if (member.role !== 'beheerder') return refuse(403, 'Alleen een beheerder beheert de standaardteksten.');
  if (remove) {
    if (!(await store.deleteTemplate(id))) return refuse(404, 'Deze standaardtekst bestaat niet (meer).');
    await record(store, member.id, 'sjabloon.verwijderd', id);
    return answer(200, { ok: true });
  }
  if (!sealedText(body.sealed)) return refuse(400, 'Verwacht sealed: de standaardtekst, versleuteld (age).');
  if (!id) {
    const template = { id: randomUUID(), sealed: body.sealed, day: today() };
    await store.addTemplate(template);
    await record(store, member.id, 'sjabloon.toegevoegd', template.id);
    return answer(200, { id: template.id });
  }
  if (!(await store.updateTemplate({ id, sealed: body.sealed, day: today() }))) return refuse(404, 'Deze standaardtekst bestaat niet (meer).');
  await record(store, member.id, 'sjabloon.gewijzigd', id);
  return answer(200, { id });
}
