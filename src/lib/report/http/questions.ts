/**
 * The intake desk asks a reporter a question: POST /api/vragen/ with Standard Webhooks headers
 * under its own key (REPORT_INTAKE_SECRET; timestamps checked, each webhook-id accepted once) and
 *   { "type": "report.question", "timestamp": "…", "data": { "reportId": "msg_…", "sealed": "<age>" } }
 * where `sealed` is the question encrypted to the report's replyRecipient (from report.created).
 * The same API takes `report.status` (data.sealed: {"status": …} sealed the same way): the
 * handling status the reporter sees on /melden/terugkomen/.
 * The server stores both as they came: it cannot read them. Contract: docs/RECEIVER.md.
 */
import { z } from 'astro/zod';
import type { ReportStore } from '../store/port.ts';
import { TIMESTAMP_TOLERANCE_SECONDS, verify } from '../crypto/signing.ts';
import { isAgeArmor } from '../crypto/seal.ts';
import { toWholeHour, usedKey } from '../core/abuse.ts';
import { dayOf, expiryAfter } from '../core/day.ts';
import { BODY_LIMITS, readRequestBody } from './body.ts';

/** What the desk may send: a question, or the handling status the reporter sees. */
const SENDER = { 'report.question': 'intake', 'report.status': 'status' } as const;

const questionSchema = z.object({
  type: z.enum(['report.question', 'report.status']),
  timestamp: z.string().optional(),
  data: z.object({
    reportId: z.string().regex(/^msg_[0-9a-f]{32}$/),
    // No length of its own: the body cap (BODY_LIMITS.question) bounds it, and answers 413.
    sealed: z.string().refine(isAgeArmor),
  }),
});

export interface QuestionContext {
  store: ReportStore;
  intakeSecret?: string;
  usedKey: Buffer;
  retentionDays: number;
  now?: number;
}

const json = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });

export async function receiveQuestion(request: Request, context: QuestionContext): Promise<Response> {
  const now = context.now ?? Date.now();
  if (!context.intakeSecret) return json(404, { error: 'De vragen-API staat uit: REPORT_INTAKE_SECRET is niet ingesteld.' });
  if (request.method !== 'POST') return json(405, { error: 'Alleen POST.' });
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return json(415, { error: 'content-type moet application/json zijn.' });
  }
  const read = await readRequestBody(request, 'question');
  if (read.kind === 'too-large') return json(413, { error: `Bericht te groot: hoogstens ${BODY_LIMITS.question / 1024} KB.` });
  if (read.kind === 'unreadable') return json(400, { error: 'Het bericht kwam niet goed aan.' });
  const body = read.text;
  const headers = {
    id: request.headers.get('webhook-id') ?? undefined,
    timestamp: request.headers.get('webhook-timestamp') ?? undefined,
    signature: request.headers.get('webhook-signature') ?? undefined,
  };
  const check = verify(context.intakeSecret, headers, body, now);
  if (!check.ok) return json(401, { error: check.reason });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const result = questionSchema.safeParse(parsed);
  if (!result.success) {
    const sealedWrong = result.error.issues.some((issue) => issue.path.join('.') === 'data.sealed');
    return json(400, {
      error: sealedWrong
        ? 'data.sealed is geen age-bestand in ASCII armor (-----BEGIN AGE ENCRYPTED FILE-----, regels van 64 tekens base64). Versleutel de vraag (of de status) met age -a naar de replyRecipient van de melding.'
        : 'Verwacht: {"type":"report.question" of "report.status","data":{"reportId":"msg_…","sealed":"-----BEGIN AGE ENCRYPTED FILE-----…"}}.',
    });
  }
  const question = result.data;
  try {
    // A replayed request (same webhook-id) is refused for as long as its timestamp is accepted.
    const first = await context.store.useOnce(
      usedKey(context.usedKey, 'question', headers.id!),
      toWholeHour(Number(headers.timestamp) + 2 * TIMESTAMP_TOLERANCE_SECONDS),
      now,
    );
    if (!first) return json(409, { error: 'Deze webhook-id is al ontvangen.' });
    const stored = await context.store.addMessage(
      question.data.reportId,
      { from: SENDER[question.type], sealed: question.data.sealed, day: dayOf(now) },
      expiryAfter(now, context.retentionDays),
      now,
    );
    return stored ? json(200, { status: 'stored' }) : json(404, { error: 'Geen gesprek bij deze melding (onbekend of verlopen).' });
  } catch {
    return json(503, { error: 'Opslag tijdelijk niet beschikbaar; probeer het later opnieuw.' });
  }
}
