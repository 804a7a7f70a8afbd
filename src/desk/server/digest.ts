/**
 * The daily digest (docs/DESK.md, "Digest"): instead of an alert per report, at most one POST a
 * day to DESK_NOTIFY_URL saying how many cases are new and how many are overdue. Two numbers and
 * the day, nothing else: no report ids, no text, no municipality, so a chat channel or mail
 * gateway that receives it learns no more than "there is work". Signed with Standard Webhooks
 * when DESK_NOTIFY_SECRET is set. The day it was sent is kept in the store's settings
 * (`digest_day`), so a restart on the same day does not send it again.
 */
import { randomBytes } from 'node:crypto';
import { signedHeaders } from '../../lib/report/crypto/signing.ts';
import type { Case, DeskStore } from './store.ts';
import { today } from './days.ts';

export interface DigestCounts {
  /** Cases nobody has acknowledged yet (status nieuw). */
  new: number;
  /** Open cases whose running term (acknowledge, then feedback) has passed. */
  overdue: number;
}

/** The same rule as the inbox's "Te laat" (scripts/labels.ts): acknowledge first, then feedback. */
export function countDigest(cases: Pick<Case, 'status' | 'ackDue' | 'feedbackDue' | 'acknowledgedDay'>[], day: string): DigestCounts {
  let fresh = 0;
  let overdue = 0;
  for (const c of cases) {
    if (c.status === 'nieuw') fresh++;
    if (c.status !== 'afgesloten' && (c.acknowledgedDay ? c.feedbackDue : c.ackDue) < day) overdue++;
  }
  return { new: fresh, overdue };
}

export interface DigestTarget {
  url: string;
  secret?: string;
}

export type DigestOutcome = 'sent' | 'already-sent' | 'nothing-to-say' | 'failed';

/**
 * Sends today's digest when it is due. Nothing is sent when there is no new or overdue case.
 * The day is claimed before the POST (and released when it fails, so the next tick retries):
 * two ticks in one process can never both send.
 */
export async function sendDigestIfDue(store: DeskStore, target: DigestTarget, now = Date.now()): Promise<DigestOutcome> {
  const day = today(now);
  if ((await store.getSetting('digest_day')) === day) return 'already-sent';
  const counts = countDigest(await store.listCases(), day);
  if (counts.new === 0 && counts.overdue === 0) return 'nothing-to-say';
  const previous = await store.getSetting('digest_day');
  await store.setSettings({ digest_day: day });
  const body = JSON.stringify({ type: 'desk.digest', timestamp: new Date(now).toISOString(), data: { day, new: counts.new, overdue: counts.overdue } });
  const id = `msg_${randomBytes(16).toString('hex')}`;
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(target.secret ? signedHeaders(target.secret, id, body, now) : {}) },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
    });
    if (response.ok) return 'sent';
  } catch {
    // Unreachable: released below, tried again on the next tick.
  }
  if (previous) await store.setSettings({ digest_day: previous });
  else await store.deleteSetting('digest_day');
  return 'failed';
}

/** Checks every `everyMs` (default an hour) whether today's digest is due; the first check at once. */
export function startDigest(store: DeskStore, target: DigestTarget, everyMs = 3_600_000): () => void {
  const tick = () =>
    void sendDigestIfDue(store, target).then(
      (outcome) => outcome === 'failed' && console.error('Meldbalie: het dagoverzicht kon niet worden verstuurd naar DESK_NOTIFY_URL; over een uur opnieuw.'),
      () => {},
    );
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
