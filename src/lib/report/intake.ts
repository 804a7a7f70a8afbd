/**
 * From an HTTP form post to a committed outbox entry. Reads only the request body and its
 * content type — never addresses, user agents, languages, referrers or cookies; the rate
 * limiter gets the client address from the caller and keeps only a keyed hash in memory.
 *
 * Every outcome is a value, never an exception: accepted (with the reference code), invalid
 * (messages per field in the form's language plus every value as typed), or rejected (a 4xx with
 * a message; in Dutch when the request is refused before its language is known).
 */
import type { FillTimer, RateLimiter } from './abuse.ts';
import type { ProofOfWork } from './proof-of-work.ts';
import type { Outbox } from './outbox.ts';
import { translator, type UiKey } from '../../i18n/index.ts';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { REPORT_FIELDS, fieldErrorValues, type FieldErrors, type FormValues, type ReportField, type ReportSchema } from './form.ts';
import { newReferenceCode, newReportId, receivedHour } from './identifiers.ts';

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

/** A report with a solved proof of work counts for this much in the rate limit. */
export const PROOF_OF_WORK_WEIGHT = 0.25;

/** The body cap: a full report is well under 16 KB of form encoding. */
export const MAX_BODY_BYTES = 32 * 1024;

export interface IntakeContext {
  schema: ReportSchema;
  outbox: Outbox;
  fillTimer: FillTimer;
  rateLimiter: RateLimiter;
  proofOfWork: ProofOfWork;
  municipalities: ReadonlyMap<string, { name: string; cbsCode: string }>;
  signals: ReadonlyMap<string, string>;
  now?: () => number;
}

export type IntakeResult =
  | { kind: 'accepted'; referenceCode: string; language: Locale }
  | { kind: 'invalid'; errors: FieldErrors; values: FormValues; formError?: string }
  | { kind: 'rejected'; status: 400 | 403 | 413 | 415 | 429; message: string }
  /** The outbox could not commit: the report was NOT accepted, and the reader must be told so. */
  | { kind: 'unavailable'; values: FormValues };

const reject = (status: 400 | 403 | 413 | 415 | 429, message: string): IntakeResult => ({ kind: 'rejected', status, message });

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
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return reject(413, 'Uw melding is te groot. Maak de teksten korter en probeer het opnieuw.');
  let text: string;
  try {
    text = await request.text();
  } catch {
    return reject(400, 'Het formulier kwam niet goed aan. Probeer het opnieuw.');
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return reject(413, 'Uw melding is te groot. Maak de teksten korter en probeer het opnieuw.');
  }
  return text;
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
    } else if ((REPORT_FIELDS as string[]).includes(name)) {
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

  const timing = context.fillTimer.check(control[CONTROL_FIELDS.token], now);
  if (timing !== 'ok') {
    // Keep everything the reader typed: they only need to press send again.
    return {
      kind: 'invalid',
      errors: {},
      values,
      formError: t(timing === 'too-fast' ? 'report.error.tooFast' : 'report.error.expired'),
    };
  }

  const proof = await context.proofOfWork.check(control[CONTROL_FIELDS.proofOfWork], now);
  if (proof === 'invalid') {
    return {
      kind: 'invalid',
      errors: {},
      values,
      formError: t('report.error.proofOfWork'),
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

  // Counted only for valid reports, so a person correcting typos is never locked out.
  if (!context.rateLimiter.allow(clientAddress, now, proof === 'valid' ? PROOF_OF_WORK_WEIGHT : 1)) {
    return reject(429, t('report.error.rateLimited'));
  }

  const report = parsed.data;
  const municipality = context.municipalities.get(report.municipality)!;
  const id = newReportId();
  const referenceCode = newReferenceCode();
  const payload = JSON.stringify({
    type: 'melding.mensenhandel.v1',
    id,
    referenceCode,
    receivedHour: receivedHour(now),
    language,
    municipality: { id: report.municipality, ...municipality },
    exploitationForm: report.exploitationForm,
    signals: report.signals.map((signalId) => ({ id: signalId, statement: context.signals.get(signalId) })),
    location: report.location ?? null,
    when: report.when ?? null,
    description: report.description,
    people: report.people ?? null,
    vehicles: report.vehicles ?? null,
    dangerNow: report.dangerNow,
  });
  try {
    context.outbox.enqueue({ id, referenceCode, payload });
  } catch {
    return { kind: 'unavailable', values };
  }
  return { kind: 'accepted', referenceCode, language };
}
