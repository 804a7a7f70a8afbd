/**
 * What the report form and intake need from the content: municipalities (for the choice and
 * the forwarded name and CBS code) and signals (for the checkboxes and their text).
 */
import type { SiteContent } from '../content/integrity.ts';
import { FORMS, type Form } from '../content/schemas.ts';
import { byName } from '../format.ts';

export function reportCatalogue(site: SiteContent) {
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
    municipalities,
    signalGroups,
    municipalityMap: new Map(municipalities.map((m) => [m.id, { name: m.name, cbsCode: m.cbsCode }])),
    signalMap: new Map(signals.map((s) => [s.id, s.data.statement])),
  };
}
