/** The intake desk's question API (src/lib/report/http/questions.ts); rendered on demand. */
import type { APIRoute } from 'astro';
import { receiveQuestion } from '../../lib/report/http/questions';
import { reportRuntime } from '../../lib/report/host/runtime';

export const prerender = false;

export const ALL: APIRoute = async ({ request }) => {
  const runtime = await reportRuntime();
  return receiveQuestion(request, {
    store: runtime.store,
    intakeSecret: runtime.config.intakeSecret,
    usedKey: runtime.keys.usedKey,
    retentionDays: runtime.config.retentionDays,
  });
};
