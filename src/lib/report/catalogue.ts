/**
 * What the report form and intake need from the content: municipalities (for the choice and
 * the forwarded name and CBS code) and signals (for the checkboxes and their text).
 */
import type { SiteContent } from '../content/integrity.ts';
import { FORMS, type Form } from '../content/schemas.ts';
import { byName } from '../format.ts';
import { createReportSchema } from './form.ts';

const cache = new WeakMap<SiteContent, ReturnType<typeof build>>();

/** Built once per loaded site: the form page runs on every request. */
export function reportCatalogue(site: SiteContent) {
  let catalogue = cache.get(site);
  if (!catalogue) cache.set(site, (catalogue = build(site)));
  return catalogue;
}

function build(site: SiteContent) {
  const municipalities = [...site.gemeenten]
    .sort((a, b) => byName(a.data, b.data))
    .map((g) => ({ id: g.id, name: g.data.name, cbsCode: g.data.cbsCode }));
  const signals = [...site.signalen].sort((a, b) => a.data.statement.localeCompare(b.data.statement, 'nl'));
  // Each signal is listed once, under the first form it points to.
  const signalGroups = (Object.keys(FORMS) as Form[])
    .map((form) => ({
      title: FORMS[form],
      signals: signals.filter((s) => s.data.forms[0] === form).map((s) => ({ id: s.id, statement: s.data.statement })),
    }))
    .filter((group) => group.signals.length > 0);
  return {
    schema: createReportSchema({ municipalityIds: municipalities.map((m) => m.id), signalIds: signals.map((s) => s.id) }),
    municipalities,
    signalGroups,
    municipalityMap: new Map(municipalities.map((m) => [m.id, { name: m.name, cbsCode: m.cbsCode }])),
    signalMap: new Map(signals.map((s) => [s.id, s.data.statement])),
  };
}
