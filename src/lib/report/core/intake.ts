/**
 * From an HTTP form post to a committed outbox entry. Reads only the request body and its
 * content type — never addresses, user agents, languages, referrers or cookies; the rate
 * limiter gets the client (client-address.ts) from the caller and the store keeps only a keyed
 * hash of it.
 *
 * Every outcome is a value, never an exception: accepted (with the reference code), invalid
 * (messages per field in the form's language plus every value as typed), limited or
 * unavailable (the form again with every value and a message), or rejected (a 4xx for requests
 * no form of ours sends; in Dutch when refused before the language is known).
 */
import type { FillTimer, RateLimiter } from './abuse.ts';
import type { ProofOfWork } from './proof-of-work.ts';
import type { ReportStore } from '../store/port.ts';
import { translator, type UiKey } from '../../../i18n/index.ts';
import { isLocale, type Locale } from '../../../i18n/locales.ts';
import { REPORT_FIELDS, fieldErrorValues, type FieldErrors, type FormValues, type ReportField, type ReportSchema } from './form.ts';
import { newReportId, receivedHour } from './identifiers.ts';
import { reportEvent } from './events.ts';
import { startConversation, type FollowUpSettings } from './follow-up.ts';
import { seal } from '../crypto/seal.ts';
import { readRequestBody } from '../http/body.ts';

/** Form fields that steer intake but are not part of the report. */
export const CONTROL_FIELDS = {
  /** Signed time the form was shown (see FillTimer). */
  token: 'token',
  /** Honeypot: hidden from people, filled in by naive bots. */
  honeypot: 'website',
  /** Language the form was shown in (any of src/i18n/locales.ts): messages come back in it, and it is forwarded so the report is read as written. */
  language: 'language',
  /** Proof-of-work solution, filled in by the browser when JavaScript runs (see ProofOfWork). */
  proofOfWork: 'altcha',
} as const;

export interface IntakeContext {
  schema: ReportSchema;
  store: ReportStore;
  fillTimer: FillTimer;
  rateLimiter: RateLimiter;
  proofOfWork: ProofOfWork;
  municipalities: ReadonlyMap<string, { name: string; cbsCode: string | null }>;
  signals: ReadonlyMap<string, string>;
  /** Receipt codes, conversations, and the intake desk's keys to seal to. */
  followUp: FollowUpSettings;
  now?: () => number;
}

export type IntakeResult =
  /** Committed. The receipt code is for the reporter's eyes only: it is never stored or forwarded. */
  | { kind: 'accepted'; receiptCode: string; language: Locale }
  | { kind: 'invalid'; errors: FieldErrors; values: FormValues; formError?: string }
  | { kind: 'rejected'; status: 400 | 403 | 413 | 415; message: string }
  /** This client sent too many reports in the last hour: the form again, text kept. */
  | { kind: 'limited'; values: FormValues; formError: string }
  /** The store could not commit: the report was NOT accepted, and the reader must be told so. */
  | { kind: 'unavailable'; values: FormValues };

const reject = (status: 400 | 403 | 413 | 415, message: string): IntakeResult => ({ kind: 'rejected', status, message });

/**
 * Refuses posts made by another site (cross-site request forgery). Browsers send
 * Sec-Fetch-Site on every request; Origin is a fallback for older browsers, but it is "null"
 * on our own form because the site sends Referrer-Policy: no-referrer, so "null" is allowed.
 * Clients that send neither are not browsers, and a forged post needs a browser to matter.
 */
export function isCrossSite(request: Request): boolean {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite !== 'same-origin';
  const origin = request.headers.get('origin');
  return origin !== null && origin !== 'null' && origin !== new URL(request.url).origin;
}

async function readBody(request: Request): Promise<string | IntakeResult> {
  if (isCrossSite(request)) return reject(403, 'Meldingen kunnen alleen via het formulier op deze site worden verstuurd.');
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return reject(415, 'Verstuur het formulier vanaf de meldpagina. Andere soorten berichten nemen we niet aan.');
  }
  const body = await readRequestBody(request, 'report');
  if (body.kind === 'too-large') return reject(413, 'Uw melding is te groot. Maak de teksten korter en probeer het opnieuw.');
  if (body.kind === 'unreadable') return reject(400, 'Het formulier kwam niet goed aan. Probeer het opnieuw.');
  return body.text;
}

/** Splits the body into report values and control values; refuses unknown or repeated fields. */
function readFields(body: string): { values: FormValues; control: Record<string, string> } | IntakeResult {
  const params = new URLSearchParams(body);
  const values: FormValues = {};
  const control: Record<string, string> = {};
  const controlNames = new Set<string>(Object.values(CONTROL_FIELDS));
  for (const [name, value] of params) {
    if (name === 'signals') {
      values.signals = [...((values.signals as string[] | undefined) ?? []), value];
    } else if (controlNames.has(name)) {
      if (name in control) return reject(400, `Het veld "${name}" komt twee keer voor. Verstuur het formulier vanaf de meldpagina.`);
      control[name] = value;
    } else if ((REPORT_FIELDS as readonly string[]).includes(name)) {
      if (name in values) return reject(400, `Het veld "${name}" komt twee keer voor. Verstuur het formulier vanaf de meldpagina.`);
      values[name as ReportField] = value;
    } else {
      return reject(400, `Onbekend veld "${name.slice(0, 40)}". Verstuur het formulier vanaf de meldpagina.`);
    }
  }
  return { values, control };
}

export async function intake(request: Request, clientAddress: string, context: IntakeContext): Promise<IntakeResult> {
  const now = context.now?.() ?? Date.now();
  const body = await readBody(request);
  if (typeof body !== 'string') return body;
  const fields = readFields(body);
  if ('kind' in fields) return fields;
  const { values, control } = fields;

  if (control[CONTROL_FIELDS.honeypot]) return reject(400, 'Het formulier kon niet worden verwerkt.');
  const language = control[CONTROL_FIELDS.language] ?? 'nl';
  if (!isLocale(language)) return reject(400, 'Onbekende taal.');
  const t = translator(language);

  const token = control[CONTROL_FIELDS.token];
  const timing = context.fillTimer.check(token, now);
  if (timing !== 'ok') {
    // Keep everything the reader typed: they only need to press send again.
    return {
      kind: 'invalid',
      errors: {},
      values,
      formError: t(timing === 'too-fast' ? 'report.error.tooFast' : 'report.error.expired'),
    };
  }

  const parsed = context.schema.safeParse(values);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ReportField;
      // The schema's messages are UI string keys (see form.ts).
      errors[field] ??= t(issue.message as UiKey, fieldErrorValues(field));
    }
    return { kind: 'invalid', errors, values };
  }

  try {
    if ((await context.proofOfWork.check(control[CONTROL_FIELDS.proofOfWork], now)) === 'invalid') {
      return { kind: 'invalid', errors: {}, values, formError: t('report.error.proofOfWork') };
    }
    // Each form is accepted once: a replayed or double-sent form is refused (and not counted).
    if (!(await context.fillTimer.consume(token!, now))) {
      return { kind: 'invalid', errors: {}, values, formError: t('report.error.expired') };
    }
    // Counted only for valid reports, so a person correcting typos is never locked out.
    if (!(await context.rateLimiter.allow(clientAddress, now))) {
      return { kind: 'limited', values, formError: t('report.error.rateLimited') };
    }
  } catch {
    return { kind: 'unavailable', values };
  }

  const typed = parsed.data;
  const id = newReportId();
  // Everything the reporter typed or chose; sealed to the intake desk when it has keys.
  const report = {
    receivedHour: receivedHour(now),
    language,
    municipality: { id: typed.municipality, ...context.municipalities.get(typed.municipality)! },
    exploitationForm: typed.exploitationForm,
    signals: typed.signals.map((signalId) => ({ id: signalId, statement: context.signals.get(signalId) })),
    location: typed.location ?? null,
    when: typed.when ?? null,
    description: typed.description,
    people: typed.people ?? null,
    vehicles: typed.vehicles ?? null,
    dangerNow: typed.dangerNow,
  };
  try {
    const { code, replyRecipient, mailbox } = await startConversation(id, context.followUp, now);
    const recipients = context.followUp.recipients;
    const payload = reportEvent('report.created', report.receivedHour, {
      id,
      replyRecipient,
      ...(recipients?.length ? { sealed: await seal(recipients, JSON.stringify(report)) } : { report }),
    });
    await context.store.enqueue({ id, payload }, { mailbox });
    return { kind: 'accepted', receiptCode: code, language };
  } catch {
    return { kind: 'unavailable', values };
  }
}
