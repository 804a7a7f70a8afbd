/**
 * What the report form page does with a request, in any language: GET shows the form
 * (optionally with ?gemeente= preselected); POST runs intake and either redirects to the
 * one-time receipt link (303), refuses a request no form of ours sends with a 4xx text, or
 * shows the form again with a message and every value kept — also when the client is over its
 * limit or the store is down, so a reporter never loses what they wrote.
 */
import type { SiteContent } from '../../content/integrity.ts';
import { translator } from '../../../i18n/index.ts';
import { localizedPath, type Locale } from '../../../i18n/locales.ts';
import { reportCatalogue } from '../core/catalogue.ts';
import type { FieldErrors, FormValues } from '../core/form.ts';
import { intake } from '../core/intake.ts';
import { reportRuntime, requestClient } from '../host/runtime.ts';

export type FormPageState =
  | { kind: 'response'; response: Response }
  | {
      kind: 'form';
      status: number;
      values: FormValues;
      errors: FieldErrors;
      formError?: string;
      retryAfter?: number;
      /**
       * True only for the blank form on GET: nothing a visitor typed is in it, so it may be
       * compressed (compression.ts). Every answer to a POST keeps what was typed: never set there.
       */
      compressible?: true;
    };

const noStore = { 'Cache-Control': 'no-store' };

/** At most one line a minute about an unavailable store: enough for an operator, no timeline of attempts. */
let lastStoreWarning = 0;

export async function handleFormRequest(request: Request, url: URL, site: SiteContent, locale: Locale): Promise<FormPageState> {
  const catalogue = reportCatalogue(site);
  if (request.method !== 'POST') {
    const preselected = url.searchParams.get('gemeente');
    const values: FormValues = preselected && catalogue.municipalityMap.has(preselected) ? { municipality: preselected } : {};
    // ?gemeente= only ever selects one of the fixed options: no text from the request is shown.
    return { kind: 'form', status: 200, values, errors: {}, compressible: true };
  }
  const runtime = await reportRuntime();
  const result = await intake(request, requestClient(), {
    schema: catalogue.schema,
    store: runtime.store,
    fillTimer: runtime.fillTimer,
    rateLimiter: runtime.rateLimiter,
    proofOfWork: runtime.proofOfWork,
    municipalities: catalogue.municipalityMap,
    signals: catalogue.signalMap,
    followUp: runtime.followUp,
    receiptLinks: runtime.receiptLinks,
    work: runtime.work,
    pendingCap: runtime.pendingCap,
  });
  switch (result.kind) {
    case 'accepted': {
      // The receipt is in the language the report was written in, whatever address it was posted to.
      const link = result.receiptLink!;
      return {
        kind: 'response',
        response: new Response(null, {
          status: 303,
          headers: { Location: `${localizedPath(result.language, '/melden/anoniem/ontvangen/')}?r=${link}`, ...noStore },
        }),
      };
    }
    case 'rejected':
      return {
        kind: 'response',
        response: new Response(`${result.message}\n`, { status: result.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...noStore } }),
      };
    case 'busy':
      // Answered at once, before any costly work: the form again with every value, and when to try again.
      return { kind: 'form', status: 503, values: result.values, errors: {}, formError: result.formError, retryAfter: result.retryAfter };
    case 'limited':
      return { kind: 'form', status: 429, values: result.values, errors: {}, formError: result.formError };
    case 'unavailable':
      if (Date.now() - lastStoreWarning > 60_000) {
        lastStoreWarning = Date.now();
        console.error(
          'Let op: de opslag voor meldingen antwoordt niet. Meldingen worden nu NIET aangenomen; de melders zien het formulier terug met hun tekst.',
        );
      }
      // Not a 5xx: the page itself works, and tells the reporter what to do.
      return { kind: 'form', status: 200, values: result.values, errors: {}, formError: translator(locale)('report.error.unavailable') };
    case 'invalid':
      return { kind: 'form', status: 422, values: result.values, errors: result.errors, formError: result.formError };
  }
}
