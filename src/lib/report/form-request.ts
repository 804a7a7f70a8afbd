/**
 * What the report form page does with a request, in any language: GET shows the form
 * (optionally with ?gemeente= preselected); POST runs intake and either redirects to the receipt
 * (303), refuses with a 4xx text, or shows the form again with messages and every value kept.
 */
import type { SiteContent } from '../content/integrity.ts';
import { translator } from '../../i18n/index.ts';
import { localizedPath, type Locale } from '../../i18n/locales.ts';
import { reportCatalogue } from './catalogue.ts';
import type { FieldErrors, FormValues } from './form.ts';
import { intake } from './intake.ts';
import { reportRuntime } from './runtime.ts';

export type FormPageState =
  | { kind: 'response'; response: Response }
  | { kind: 'form'; status: number; values: FormValues; errors: FieldErrors; formError?: string };

const noStore = { 'Cache-Control': 'no-store' };

export async function handleFormRequest(request: Request, url: URL, clientAddress: string, site: SiteContent, locale: Locale): Promise<FormPageState> {
  const catalogue = reportCatalogue(site);
  if (request.method !== 'POST') {
    const preselected = url.searchParams.get('gemeente');
    const values: FormValues = preselected && catalogue.municipalityMap.has(preselected) ? { municipality: preselected } : {};
    return { kind: 'form', status: 200, values, errors: {} };
  }
  const runtime = reportRuntime();
  const result = await intake(request, clientAddress, {
    schema: catalogue.schema,
    outbox: runtime.outbox,
    fillTimer: runtime.fillTimer,
    rateLimiter: runtime.rateLimiter,
    proofOfWork: runtime.proofOfWork,
    municipalities: catalogue.municipalityMap,
    signals: catalogue.signalMap,
  });
  switch (result.kind) {
    case 'accepted':
      // The receipt is in the language the report was written in, whatever address it was posted to.
      return {
        kind: 'response',
        response: new Response(null, { status: 303, headers: { Location: `${localizedPath(result.language, '/melden/anoniem/ontvangen/')}?code=${result.referenceCode}`, ...noStore } }),
      };
    case 'rejected':
      return {
        kind: 'response',
        response: new Response(`${result.message}\n`, { status: result.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...noStore } }),
      };
    case 'unavailable':
      return { kind: 'form', status: 503, values: result.values, errors: {}, formError: translator(locale)('report.error.unavailable') };
    case 'invalid':
      return { kind: 'form', status: 422, values: result.values, errors: result.errors, formError: result.formError };
  }
}
