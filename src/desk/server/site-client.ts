/**
 * The desk → site direction: questions and status changes, posted to the site's /api/vragen/ and
 * signed with Standard Webhooks under the intake secret. Only ciphertext travels: a question is
 * sealed in the browser, a status here, both to the report's own key (replyRecipient).
 */
import { randomBytes } from 'node:crypto';
import { signedHeaders } from '../../lib/report/crypto/signing.ts';
import { seal } from '../../lib/report/crypto/seal.ts';
import type { ReportStatus } from '../../lib/report/core/events.ts';

export interface SiteTarget {
  siteUrl: string;
  intakeSecret: string;
}

export type SiteAnswer = { ok: true } | { ok: false; message: string };

export async function postToSite(target: SiteTarget, type: 'report.question' | 'report.status', reportId: string, sealed: string): Promise<SiteAnswer> {
  const body = JSON.stringify({ type, timestamp: `${new Date().toISOString().slice(0, 13)}:00:00Z`, data: { reportId, sealed } });
  const id = `msg_${randomBytes(16).toString('hex')}`;
  try {
    const response = await fetch(new URL('/api/vragen/', target.siteUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders(target.intakeSecret, id, body) },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
    });
    if (response.ok) return { ok: true };
    const reason = ((await response.json().catch(() => ({}))) as { error?: string }).error ?? '';
    return { ok: false, message: `De site antwoordde ${response.status}${reason ? `: ${reason}` : ''}.` };
  } catch {
    return { ok: false, message: 'De site is niet bereikbaar. Probeer het later opnieuw.' };
  }
}

export async function sendStatus(target: SiteTarget, reportId: string, replyRecipient: string, status: ReportStatus): Promise<SiteAnswer> {
  return postToSite(target, 'report.status', reportId, await seal([replyRecipient], JSON.stringify({ status })));
}
