/**
 * The desk's JSON API. Every route but sign-in and set-up needs a session; every state change
 * also needs the desk's own Origin and the session's CSRF token. Answers never hold report
 * content in the clear: the browser gets ciphertext and opens it with the key only it holds.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { isReportStatus } from '../../lib/report/core/events.ts';
import { AGE_RECIPIENT } from '../../lib/report/crypto/seal.ts';
import type { DeskConfig } from './config.ts';
import type { DeskStore, Member, Session } from './store.ts';
import { joinedNames, joinSubject, record, verifyChain } from './audit.ts';
import {
  answeredCredential,
  type AttemptLimiter,
  authenticationOptions,
  canSeeAudit,
  cookieToken,
  finishAuthentication,
  finishRegistration,
  hashToken,
  registrationOptions,
  sameSecret,
  sessionCookie,
  startSession,
} from './auth.ts';
import { postToSite, sendStatus } from './site-client.ts';
import { today } from './days.ts';
import { receiveEvent, sealedOf } from './receiver.ts';
import { CLOSING_REASONS } from './closing-reasons.ts';
import { caseHistories, figureCases } from './history.ts';
import { DEFAULT_PAGE, inboxPage, MAX_PAGE } from './inbox-pages.ts';
import { handleTemplates } from './templates-api.ts';
import { handleKeysApi } from './keys-api.ts';
import { MAX_WRAPPED, RECEIVE_PATH, newSecret, secrets, siteSettings } from './site-settings.ts';

export { RECEIVE_PATH, secrets };
/** How long an invitation link works. */
const INVITATION_DAYS = 7;

export interface ApiRequest {
  method: string;
  path: string;
  /** The query string (`?aantal=…&na=…`); none when absent. */
  query?: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
  /** The client as the sign-in limit counts it (client-address.ts): never stored or logged. */
  address: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  cookie?: string;
}

const json = (status: number, body: unknown, cookie?: string): ApiResponse => ({ status, body, cookie });
const error = (status: number, message: string) => json(status, { error: message });

export interface Desk {
  config: DeskConfig;
  store: DeskStore;
  limiter: AttemptLimiter;
}

/** A fresh desk gets a one-time set-up link; its token is stored hashed. Undefined once set up. */
export async function setupLink(desk: Desk): Promise<string | undefined> {
  if (await desk.store.getSetting('recipient')) return undefined;
  const token = randomBytes(24).toString('base64url');
  await desk.store.setSettings({ setup_token: hashToken(token) });
  return `${desk.config.origin}/instellen/#${token}`;
}

async function validSetupToken(desk: Desk, token: unknown): Promise<boolean> {
  const stored = await desk.store.getSetting('setup_token');
  return typeof token === 'string' && !!stored && sameSecret(stored, hashToken(token)) && !(await desk.store.getSetting('recipient'));
}

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

async function currentSession(desk: Desk, request: ApiRequest): Promise<{ session: Session; member: Member; tokenHash: string } | undefined> {
  const token = cookieToken(request.headers.cookie);
  if (!token) return undefined;
  const tokenHash = hashToken(token);
  const session = await desk.store.getSession(tokenHash, Date.now());
  const member = session && (await desk.store.getMember(session.memberId));
  return session && member ? { session, member, tokenHash } : undefined;
}

/** Same origin and JSON: a cross-site form or fetch cannot change anything. */
function crossSite(desk: Desk, request: ApiRequest): boolean {
  return request.headers.origin !== desk.config.origin || !(request.headers['content-type'] ?? '').startsWith('application/json');
}

export async function handleApi(desk: Desk, request: ApiRequest): Promise<ApiResponse> {
  const { store, config } = desk;
  const { method, path } = request;

  if (path === RECEIVE_PATH) {
    if (method !== 'POST') return error(405, 'Alleen POST.');
    const answer = await receiveEvent(
      {
        contentType: request.headers['content-type'] ?? '',
        headers: { id: request.headers['webhook-id'], timestamp: request.headers['webhook-timestamp'], signature: request.headers['webhook-signature'] },
        body: request.body,
      },
      { store, forwardSecret: (await secrets(desk)).forward, ackDays: config.ackDays, feedbackDays: config.feedbackDays },
    );
    return json(answer.status, answer.body);
  }

  const body = method === 'GET' ? {} : parse(request.body);
  if (method !== 'GET') {
    if (crossSite(desk, request)) return error(403, 'Verzoek van buiten de meldbalie geweigerd.');
    if (!body) return error(400, 'Geen geldige JSON.');
  }
  const current = await currentSession(desk, request);

  // Without a session: only what signing in and setting up need.
  if (path === '/api/sessie' && method === 'GET') {
    const setUp = !!(await store.getSetting('recipient'));
    if (!current) return json(200, { signedIn: false, setUp });
    return json(200, { signedIn: true, setUp, csrf: current.session.csrf, member: current.member, recipient: await store.getSetting('recipient') });
  }
  if (path === '/api/instellen/opties' && method === 'POST') {
    if (!(await validSetupToken(desk, body!.token)))
      return error(403, 'Deze instellink is ongeldig of al gebruikt. Start de meldbalie opnieuw voor een nieuwe link.');
    const name = typeof body!.name === 'string' && body!.name.trim() ? body!.name.trim().slice(0, 80) : 'Beheerder';
    const { options, userId } = await registrationOptions(config, store, name);
    return json(200, { options, userId, name });
  }
  if (path === '/api/instellen/passkey' && method === 'POST') {
    if (!(await validSetupToken(desk, body!.token))) return error(403, 'Deze instellink is ongeldig of al gebruikt.');
    const name = typeof body!.name === 'string' ? body!.name.slice(0, 80) : 'Beheerder';
    const member: Member = { id: typeof body!.userId === 'string' ? body!.userId : randomUUID(), name, role: 'beheerder' };
    const credential = await finishRegistration(config, store, body!.response as never, member);
    if (!credential) return error(400, 'De passkey kon niet worden geregistreerd. Probeer het opnieuw.');
    await record(store, member.id, 'instellen', joinSubject.instellen(name));
    return json(200, { ok: true });
  }
  if (path === '/api/uitnodiging/opties' && method === 'POST') {
    const invitation = typeof body!.token === 'string' ? await store.getInvitation(hashToken(body!.token), Date.now()) : undefined;
    if (!invitation) return error(403, 'Deze uitnodiging is ongeldig, verlopen of al gebruikt. Vraag een beheerder om een nieuwe.');
    const { options, userId } = await registrationOptions(config, store, invitation.name, invitation.memberId);
    return json(200, { options, userId, name: invitation.name, role: invitation.role });
  }
  if (path === '/api/uitnodiging/passkey' && method === 'POST') {
    const tokenHash = typeof body!.token === 'string' ? hashToken(body!.token) : '';
    const invitation = await store.getInvitation(tokenHash, Date.now());
    if (!invitation) return error(403, 'Deze uitnodiging is ongeldig, verlopen of al gebruikt.');
    const member: Member = { id: invitation.memberId, name: invitation.name, role: invitation.role };
    if (!(await store.useInvitation(tokenHash))) return error(403, 'Deze uitnodiging is al gebruikt.');
    const credential = await finishRegistration(config, store, body!.response as never, member);
    if (!credential) return error(400, 'De passkey kon niet worden geregistreerd. Vraag een beheerder om een nieuwe uitnodiging.');
    await record(store, member.id, 'uitnodiging.aanvaard', joinSubject['uitnodiging.aanvaard'](member.name, member.role));
    return json(200, { ok: true });
  }
  if (path === '/api/aanmelden/opties' && method === 'POST') {
    // Not limited: a signed challenge is handed out without storing anything (challenges.ts).
    return json(200, { options: await authenticationOptions(config, store) });
  }
  if (path === '/api/aanmelden' && method === 'POST') {
    // A passkey this desk knows is always verified, whatever others tried from this address.
    const credential = await answeredCredential(store, body!.response as never);
    if (!credential && !desk.limiter.allows(request.address))
      return error(429, 'Te veel mislukte pogingen om aan te melden vanaf dit adres. Wacht een kwartier.');
    if (!credential || !(await finishAuthentication(config, store, body!.response as never, credential))) {
      const { log, unlogged } = desk.limiter.failed(request.address);
      if (log) await record(store, 'onbekend', 'aanmelden.mislukt', unlogged ? `${unlogged} eerdere mislukte pogingen niet apart gelogd` : '');
      return error(401, 'Aanmelden is niet gelukt. Gebruik de passkey van deze meldbalie.');
    }
    const { token, session } = await startSession(store, credential.memberId);
    const member = await store.getMember(credential.memberId);
    await record(store, credential.memberId, 'aanmelden');
    return json(200, { csrf: session.csrf, member, credentialId: credential.id, wrappedIdentity: credential.wrappedIdentity }, sessionCookie(token));
  }

  if (!current) return error(401, 'U bent niet aangemeld.');
  const { member, session } = current;
  if (method !== 'GET' && !sameSecret(request.headers['x-csrf-token'] ?? '', session.csrf)) return error(403, 'Ongeldig CSRF-token. Laad de pagina opnieuw.');

  const keys = await handleKeysApi(desk, request, body!, current);
  if (keys) return keys;

  if (path === '/api/afmelden' && method === 'POST') {
    await store.deleteSession(current.tokenHash);
    await record(store, member.id, 'afmelden');
    return json(200, { ok: true }, sessionCookie('', 0));
  }
  if (path === '/api/afmelden/overal' && method === 'POST') {
    // Every session of this member, on every device.
    await store.deleteSessionsOf(member.id);
    await record(store, member.id, 'afmelden.overal');
    return json(200, { ok: true }, sessionCookie('', 0));
  }
  if (path === '/api/instellen/sleutel' && method === 'POST') {
    if (!(await validSetupToken(desk, body!.token))) return error(403, 'Deze instellink is ongeldig of al gebruikt.');
    const { recipient, credentialId, wrappedIdentity, wrappedRecovery } = body as Record<string, unknown>;
    if (
      typeof recipient !== 'string' ||
      !AGE_RECIPIENT.test(recipient) ||
      typeof wrappedIdentity !== 'string' ||
      typeof wrappedRecovery !== 'string' ||
      typeof credentialId !== 'string'
    ) {
      return error(400, 'Verwacht recipient (age1…), credentialId, wrappedIdentity en wrappedRecovery.');
    }
    const credential = await store.getCredential(credentialId);
    if (!credential || credential.memberId !== member.id) return error(400, 'Deze passkey hoort niet bij u.');
    if (wrappedIdentity) await store.updateCredential(credentialId, { wrappedIdentity });
    const forward = config.forwardSecret ?? newSecret();
    const intake = config.intakeSecret ?? newSecret();
    await store.setSettings({ recipient, wrapped_recovery: wrappedRecovery, forward_secret: forward, intake_secret: intake });
    await store.deleteSetting('setup_token');
    await record(store, member.id, 'sleutel.aangemaakt', recipient);
    return json(200, { site: siteSettings(config, recipient, forward, intake) });
  }
  if (path === '/api/sleutel/aanvraag' && method === 'POST') {
    // A new member's transfer key, so a colleague can seal the desk key to it.
    const { credentialId, recipient } = body as Record<string, unknown>;
    const credential = typeof credentialId === 'string' ? await store.getCredential(credentialId) : undefined;
    if (!credential || credential.memberId !== member.id) return error(400, 'Deze passkey hoort niet bij u.');
    if (typeof recipient !== 'string' || !AGE_RECIPIENT.test(recipient)) return error(400, 'Verwacht recipient (age1…).');
    // Written once: the transfer key follows from the passkey, so a stolen session cannot redirect
    // later copies (a rotation seals the keyring to it) to a key of its own.
    if (!credential.recipient) await store.updateCredential(credential.id, { recipient });
    return json(200, { ok: true });
  }
  if (path === '/api/sleutel/herverpakt' && method === 'POST') {
    const { credentialId, wrappedIdentity } = body as Record<string, unknown>;
    const credential = typeof credentialId === 'string' ? await store.getCredential(credentialId) : undefined;
    if (!credential || credential.memberId !== member.id) return error(400, 'Deze passkey hoort niet bij u.');
    if (typeof wrappedIdentity !== 'string' || wrappedIdentity.startsWith('-----BEGIN') || wrappedIdentity.length > MAX_WRAPPED)
      return error(400, 'Verwacht de sleutel, verpakt onder de passkey.');
    await store.updateCredential(credential.id, { wrappedIdentity });
    return json(200, { ok: true });
  }
  if (path === '/api/herstel' && method === 'GET') {
    return json(200, { wrappedRecovery: await store.getSetting('wrapped_recovery') });
  }
  if (path === '/api/ontgrendeld' && method === 'POST') {
    await record(store, member.id, body!.way === 'herstelsleutel' ? 'ontgrendelen.herstelsleutel' : 'ontgrendelen.passkey');
    return json(200, { ok: true });
  }
  if (path === '/api/zaken' && method === 'GET') {
    // In pages (inbox-pages.ts): the first rows reach the browser without the whole list.
    const query = request.query ?? new URLSearchParams();
    const asked = query.get('aantal');
    const limit = asked === null ? DEFAULT_PAGE : /^[1-9][0-9]{0,8}$/.test(asked) ? Math.min(Number(asked), MAX_PAGE) : undefined;
    if (limit === undefined) return error(400, `aantal: een heel getal vanaf 1 (ten hoogste ${MAX_PAGE} per keer).`);
    const page = await inboxPage(store, query.get('na') ?? undefined, limit);
    if (!page) return error(400, 'na: geen zaak van deze meldbalie. Vraag de lijst opnieuw op, zonder na.');
    const cases = page.cases.map(({ readBy, body, ...c }) => ({ ...c, unread: !readBy.includes(member.id), sealed: body ? sealedOf(body) : null }));
    return json(200, {
      cases,
      volgende: page.next,
      totaal: await store.countCases(),
      today: today(),
      ackDays: config.ackDays,
      feedbackDays: config.feedbackDays,
    });
  }
  if (path === '/api/namen' && method === 'GET') {
    // Names only, for assigning cases: every member may see who is on the team.
    return json(200, { members: (await store.listMembers()).map(({ id, name }) => ({ id, name })) });
  }
  if (path.startsWith('/api/leden') || path === '/api/uitnodigingen') {
    if (member.role !== 'beheerder') return error(403, 'Alleen een beheerder beheert het team.');
    if (path === '/api/leden' && method === 'GET') return json(200, { members: await store.listMembers() });
    if (path === '/api/uitnodigingen' && method === 'POST') {
      const name = typeof body!.name === 'string' ? body!.name.trim().slice(0, 80) : '';
      const role = body!.role;
      if (!name) return error(400, 'Vul de naam of functie van het nieuwe lid in.');
      if (role !== 'beheerder' && role !== 'behandelaar') return error(400, 'Kies de rol: beheerder of behandelaar.');
      const token = randomBytes(24).toString('base64url');
      await store.addInvitation(hashToken(token), { memberId: randomUUID(), name, role, expiresAt: Math.floor(Date.now() / 1000) + INVITATION_DAYS * 86_400 });
      await record(store, member.id, 'uitnodiging.gemaakt', `${name} (${role})`);
      return json(200, { link: `${config.origin}/uitnodiging/#${token}`, days: INVITATION_DAYS });
    }
    if (path === '/api/leden/verwijderen' && method === 'POST') {
      // Sessions, passkeys and their wrapped key copies go in one transaction: the removed
      // member's next request is a 401 and their passkey signs in nowhere and unlocks nothing.
      const result = typeof body!.memberId === 'string' ? await store.removeMember(body!.memberId) : { refused: 'unknown' as const };
      if ('refused' in result) {
        return result.refused === 'last-beheerder'
          ? error(409, 'Dit is de laatste beheerder. Maak eerst een ander lid beheerder voordat u deze verwijdert.')
          : error(404, 'Dit lid bestaat niet (meer).');
      }
      const { removed } = result;
      await record(store, member.id, 'lid.verwijderd', `${removed.name} (${removed.role})`);
      return json(200, { removed }, removed.id === member.id ? sessionCookie('', 0) : undefined);
    }
    if (path === '/api/leden/sleutel' && method === 'POST') {
      // The desk key, sealed in the beheerder's browser to the new member's transfer key.
      const { credentialId, wrappedIdentity } = body as Record<string, unknown>;
      const credential = typeof credentialId === 'string' ? await store.getCredential(credentialId) : undefined;
      if (!credential?.recipient || credential.wrappedIdentity) return error(400, 'Deze passkey wacht niet op de sleutel.');
      if (typeof wrappedIdentity !== 'string' || !wrappedIdentity.startsWith('-----BEGIN AGE ENCRYPTED FILE-----') || wrappedIdentity.length > MAX_WRAPPED)
        return error(400, 'Verwacht de sleutel, versleuteld (age).');
      await store.updateCredential(credential.id, { wrappedIdentity });
      const receiver = await store.getMember(credential.memberId);
      await record(store, member.id, 'sleutel.gedeeld', receiver ? `${receiver.name} (${receiver.role})` : credential.memberId);
      return json(200, { ok: true });
    }
    return error(404, 'Onbekend adres.');
  }
  if (path.startsWith('/api/sjablonen')) return handleTemplates(desk, member, method, path, body!);
  if (path === '/api/logboek' && method === 'GET') {
    if (!canSeeAudit(member.role)) return error(403, 'Alleen een beheerder ziet het logboek.');
    const rows = await store.audit();
    await record(store, member.id, 'logboek.bekeken');
    // A removed member is no longer in `members`; the log's own joining rows still name them.
    const joined = joinedNames(rows);
    const names: Record<string, string> = {};
    for (const actor of new Set(rows.map((r) => r.actor))) {
      const name = (await store.getMember(actor))?.name ?? joined.get(actor);
      if (name) names[actor] = name;
    }
    return json(200, { rows, broken: verifyChain(rows) ?? null, names });
  }

  if (path.startsWith('/api/cijfers')) {
    // Figures are computed in the beheerder's browser; the server gives metadata and sealed reports.
    if (member.role !== 'beheerder') return error(403, 'Alleen een beheerder maakt cijfers.');
    if (path === '/api/cijfers' && method === 'GET') return json(200, { cases: await figureCases(store), today: today() });
    if (path === '/api/cijfers/geexporteerd' && method === 'POST') {
      await record(store, member.id, 'cijfers.export', 'csv');
      return json(200, { ok: true });
    }
    return error(404, 'Onbekend adres.');
  }

  const match = /^\/api\/zaken\/(msg_[0-9a-f]{32})(?:\/(geopend|status|vraag|notitie|toewijzen|geexporteerd))?$/.exec(path);
  const found = match && (await store.getCase(match[1]));
  if (!match || !found) return error(404, 'Onbekend adres of onbekende zaak.');
  const reportId = match[1];
  const action = match[2];

  if (!action && method === 'GET') {
    const events = (await store.events(reportId)).map((e) => ({ type: e.type, day: e.receivedDay, sealed: sealedOf(e.body) }));
    const written = await store.outgoing(reportId);
    const audit = await store.audit();
    // As in the Logboek: a removed member is named by the log's own joining rows.
    const joined = joinedNames(audit);
    const names = new Map<string, string>();
    for (const o of written)
      if (!names.has(o.memberId)) names.set(o.memberId, (await store.getMember(o.memberId))?.name ?? joined.get(o.memberId) ?? 'oud lid');
    const pick = (kind: 'question' | 'note') =>
      written.filter((o) => o.kind === kind).map((o) => ({ day: o.day, sealed: o.sealed, by: names.get(o.memberId) }));
    const statuses = caseHistories(audit).get(reportId)?.statuses ?? [];
    return json(200, { case: found, events, questions: pick('question'), notes: pick('note'), closingReasons: CLOSING_REASONS, statuses });
  }
  if (action === 'geopend' && method === 'POST') {
    await store.markRead(reportId, member.id);
    await record(store, member.id, 'zaak.geopend', reportId);
    return json(200, { ok: true });
  }
  if (action === 'geexporteerd' && method === 'POST') {
    // The browser made the export (decrypted there); the log says who exported which case, and how.
    const format = body!.format === 'afdruk' ? 'afdruk' : 'json';
    await record(store, member.id, 'zaak.export', `${reportId} ${format}`);
    return json(200, { ok: true });
  }
  const { intake } = await secrets(desk);
  const target = config.siteUrl && intake ? { siteUrl: config.siteUrl, intakeSecret: intake } : undefined;
  if (action === 'status' && method === 'POST') {
    const status = body!.status;
    if (!isReportStatus(status)) return error(400, 'Kies een status: ontvangen, in-behandeling, wacht-op-melder, doorgezet of afgesloten.');
    const reason = body!.reason;
    if (status === 'afgesloten' && !(typeof reason === 'string' && reason in CLOSING_REASONS)) return error(400, 'Kies een reden om af te sluiten.');
    if (!target) return error(503, 'DESK_SITE_URL is niet ingesteld: de melder kan de status niet zien.');
    const sent = await sendStatus(target, reportId, found.replyRecipient, status);
    if (!sent.ok) return error(502, sent.message);
    await store.updateCase(reportId, {
      status,
      closingReason: status === 'afgesloten' ? (reason as string) : null,
      ...(status === 'ontvangen' && !found.acknowledgedDay ? { acknowledgedDay: today() } : {}),
    });
    await record(store, member.id, 'zaak.status', `${reportId} ${status}${status === 'afgesloten' ? ` (${reason})` : ''}`);
    return json(200, { case: await store.getCase(reportId) });
  }
  if (action === 'vraag' && method === 'POST') {
    const { forReporter, forDesk } = body as Record<string, unknown>;
    if (!armored(forReporter) || !armored(forDesk)) return error(400, 'Verwacht forReporter en forDesk, beide versleuteld (age).');
    if (!target) return error(503, 'DESK_SITE_URL is niet ingesteld: de vraag kan niet naar de site.');
    const sent = await postToSite(target, 'report.question', reportId, forReporter);
    if (!sent.ok) return error(502, sent.message);
    await store.addOutgoing({ kind: 'question', reportId, sealed: forDesk, day: today(), memberId: member.id });
    await record(store, member.id, 'zaak.vraag', reportId);
    return json(200, { ok: true });
  }
  if (action === 'toewijzen' && method === 'POST') {
    const assignee = body!.memberId;
    const target = typeof assignee === 'string' ? await store.getMember(assignee) : undefined;
    if (assignee !== null && !target) return error(400, 'Kies een lid van het team, of niemand.');
    await store.updateCase(reportId, { assignee: target?.id ?? null });
    await record(store, member.id, 'zaak.toegewezen', `${reportId} ${target ? target.name : 'niemand'}`);
    return json(200, { case: await store.getCase(reportId) });
  }
  if (action === 'notitie' && method === 'POST') {
    // Sealed to the desk in the browser; it never goes to the site.
    if (!armored(body!.sealed)) return error(400, 'Verwacht sealed: de notitie, versleuteld (age).');
    await store.addOutgoing({ kind: 'note', reportId, sealed: body!.sealed, day: today(), memberId: member.id });
    await record(store, member.id, 'zaak.notitie', reportId);
    return json(200, { ok: true });
  }
  return error(405, 'Deze methode kan hier niet.');
}

const armored = (v: unknown): v is string => typeof v === 'string' && v.startsWith('-----BEGIN AGE ENCRYPTED FILE-----') && v.length < 48 * 1024;
