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
import type { ReportStore } from './store/port.ts';
import { TIMESTAMP_TOLERANCE_SECONDS, verify } from './signing.ts';
import { toWholeHour, usedKey } from './abuse.ts';
import { dayOf, expiryAfter } from './follow-up.ts';
import { armor } from 'age-encryption';

/** Armored age whose content starts with the age v1 header; the site cannot check more. */
function isAge(armored: string): boolean {
  try {
    return new TextDecoder().decode(armor.decode(armored).subarray(0, 22)) === 'age-encryption.org/v1\n';
  } catch {
    return false;
  }
}

const MAX_BODY_BYTES = 64 * 1024;

/** What the desk may send: a question, or the handling status the reporter sees. */
const SENDER = { 'report.question': 'intake', 'report.status': 'status' } as const;

const questionSchema = z.object({
  type: z.enum(['report.question', 'report.status']),
  timestamp: z.string().optional(),
  data: z.object({
    reportId: z.string().regex(/^msg_[0-9a-f]{32}$/),
    sealed: z.string().max(48 * 1024).refine(isAge),
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
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return json(413, { error: 'Bericht te groot.' });
  let body: string;
  try {
    body = await request.text();
  } catch {
    return json(400, { error: 'Het bericht kwam niet goed aan.' });
  }
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return json(413, { error: 'Bericht te groot.' });
  const headers = {
    id: request.headers.get('webhook-id') ?? undefined,
    timestamp: request.headers.get('webhook-timestamp') ?? undefined,
    signature: request.headers.get('webhook-signature') ?? undefined,
  };
  const check = verify(context.intakeSecret, headers, body, now);
  if (!check.ok) return json(401, { error: check.reason });
  let question: z.infer<typeof questionSchema>;
  try {
    question = questionSchema.parse(JSON.parse(body));
  } catch {
    return json(400, { error: 'Verwacht: {"type":"report.question" of "report.status","data":{"reportId":"msg_…","sealed":"-----BEGIN AGE ENCRYPTED FILE-----…"}}.' });
  }
  try {
    // A replayed request (same webhook-id) is refused for as long as its timestamp is accepted.
    const first = await context.store.useOnce(usedKey(context.usedKey, 'question', headers.id!), toWholeHour(Number(headers.timestamp) + 2 * TIMESTAMP_TOLERANCE_SECONDS), now);
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
