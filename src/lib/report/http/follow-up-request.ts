/**
 * What the follow-up page (/melden/terugkomen/) does with a request, in any language. No
 * cookies and no session: the code travels in the form and is checked again on every POST.
 * GET asks for the code; POST action=open opens the conversation; POST action=add adds the
 * reporter's information. Every attempt with a code counts against the reader's limit, and a
 * proof of work sent by a browser with JavaScript must be valid, before the slow hash runs; the
 * hash waits for its turn in the work budget (core/work-budget.ts). There is no limit for
 * everyone together that strangers could use up: under pressure, an attempt needs a proof of work
 * of the level asked at that moment (a reader with JavaScript pays it), and one without is told
 * when to try again (503, Retry-After).
 */
import { translator } from '../../../i18n/index.ts';
import { isLocale, type Locale } from '../../../i18n/locales.ts';
import { CONTROL_FIELDS, isCrossSite } from '../core/intake.ts';
import { addInformation, latestStatus, openConversation, type ShownMessage } from '../core/follow-up.ts';
import type { ReportStatus } from '../core/events.ts';
import { dayOf, expiryAfter } from '../core/day.ts';
import { reportRuntime, requestClient } from '../host/runtime.ts';
import { isWorkRefused } from '../core/work-budget.ts';
import { count } from '../core/counters.ts';
import { readRequestBody } from './body.ts';

export const FOLLOW_UP_TEXT = { min: 2, max: 5000 } as const;
const FIELDS = new Set(['code', 'action', 'text', 'language', CONTROL_FIELDS.proofOfWork]);

export type FollowUpState =
  | { kind: 'response'; response: Response }
  | { kind: 'ask'; status: number; code?: string; error?: string; retryAfter?: number }
  | {
      kind: 'conversation';
      status: number;
      code: string;
      createdDay: string;
      expiresAt: number;
      /** Questions and answers; status changes are not among them. */
      messages: ShownMessage[];
      /** The newest handling status the desk set, if it has read the report. */
      reportStatus?: { status: ReportStatus; day: string };
      added?: boolean;
      text?: string;
      error?: string;
    };

const refuse = (status: number, message: string): FollowUpState => ({
  kind: 'response',
  response: new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } }),
});

export async function handleFollowUpRequest(request: Request, locale: Locale): Promise<FollowUpState> {
  if (request.method !== 'POST') return { kind: 'ask', status: 200 };
  if (isCrossSite(request)) return refuse(403, 'Dit formulier kan alleen via deze site worden verstuurd.');
  if ((request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
    return refuse(415, 'Verstuur het formulier vanaf de pagina Terugkomen op uw melding.');
  }
  const body = await readRequestBody(request, 'followUp');
  if (body.kind === 'too-large') return refuse(413, 'Uw tekst is te lang.');
  if (body.kind === 'unreadable') return refuse(400, 'Het formulier kwam niet goed aan. Probeer het opnieuw.');
  const params = new URLSearchParams(body.text);
  for (const name of params.keys())
    if (!FIELDS.has(name)) return refuse(400, 'Onbekend veld. Verstuur het formulier vanaf de pagina Terugkomen op uw melding.');
  const language = params.get('language') ?? locale;
  const t = translator(isLocale(language) ? language : locale);
  const code = (params.get('code') ?? '').slice(0, 100);
  const action = params.get('action') === 'add' ? 'add' : 'open';
  const text = (params.get('text') ?? '').trim();

  const runtime = await reportRuntime();
  const busy = (retryAfter: number): FollowUpState => ({ kind: 'ask', status: 503, code, retryAfter, error: t('report.error.busy', { seconds: retryAfter }) });
  try {
    if (!(await runtime.followUpLimiter.perClient.allow(requestClient()))) {
      count('follow_up_refused_rate_limit');
      return { kind: 'ask', status: 429, code, error: t('followUp.error.limited') };
    }
    // Sent by browsers with JavaScript: then it must be valid and unused (a replay costs nothing).
    const level = runtime.work.level();
    const proof = await runtime.proofOfWork.check(params.get(CONTROL_FIELDS.proofOfWork) ?? undefined, Date.now(), level);
    if (proof === 'invalid') {
      return { kind: 'ask', status: 200, code, error: t('report.error.proofOfWork') };
    }
    const admission = runtime.work.admit(proof, level);
    if (admission.kind === 'busy') return busy(admission.retryAfter);
    count('follow_up_attempts');
    const conversation = await runtime.work.run(() => openConversation(code, runtime.followUp));
    if (!conversation) {
      return { kind: 'ask', status: 422, code, error: t('followUp.error.notFound', { days: runtime.config.retentionDays }) };
    }
    const messages = conversation.messages.filter((m) => m.from !== 'status');
    const shown = {
      kind: 'conversation' as const,
      code,
      createdDay: conversation.createdDay,
      expiresAt: conversation.expiresAt,
      messages,
      reportStatus: latestStatus(conversation.messages),
    };
    if (action === 'open') return { ...shown, status: 200 };
    if (text.length < FOLLOW_UP_TEXT.min || text.length > FOLLOW_UP_TEXT.max) {
      const error =
        text.length < FOLLOW_UP_TEXT.min ? t('followUp.error.textShort', { min: FOLLOW_UP_TEXT.min }) : t('report.error.tooLong', { max: FOLLOW_UP_TEXT.max });
      return { ...shown, status: 422, text, error };
    }
    try {
      await runtime.work.run(() => addInformation(conversation, text, isLocale(language) ? language : locale, runtime.followUp));
    } catch (error) {
      if (isWorkRefused(error)) return { ...shown, status: 503, text, error: t('report.error.busy', { seconds: error.retryAfter }) };
      return { ...shown, status: 200, text, error: t('followUp.error.unavailable') };
    }
    const now = Date.now();
    return {
      ...shown,
      status: 200,
      added: true,
      expiresAt: expiryAfter(now, runtime.config.retentionDays),
      messages: [...messages, { from: 'reporter', text, day: dayOf(now) }],
    };
  } catch (error) {
    if (isWorkRefused(error)) return busy(error.retryAfter);
    return { kind: 'ask', status: 200, code, error: t('followUp.error.unavailable') };
  }
}
