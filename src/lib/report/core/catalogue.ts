/**
 * What the report form and intake need from the content: municipalities (for the choice and
 * the forwarded name and CBS code) and signals (for the checkboxes and their text). The
 * checkboxes read in the form's language; the forwarded signal text is always Dutch, the
 * language of the intake desk, while the reporter's own text goes as written.
 */
import type { SiteContent } from '../../content/integrity.ts';
import { FORMS, type Form } from '../../content/schemas.ts';
import { localizeSignal } from '../../content/localize.ts';
import { translator } from '../../../i18n/index.ts';
import { DEFAULT_LOCALE, type Locale } from '../../../i18n/locales.ts';
import { byName } from '../../format.ts';
import { createReportSchema } from './form.ts';

/**
 * The choice for a reporter who does not know the municipality, or saw it outside the
 * Netherlands: accepted like any municipality and forwarded with `cbsCode: null`.
 */
export const UNKNOWN_MUNICIPALITY = 'onbekend';

export interface MunicipalityOption {
  id: string;
  name: string;
  /** null for UNKNOWN_MUNICIPALITY. */
  cbsCode: string | null;
  /** Earlier names (merged municipalities), so the picker finds the municipality under them. */
  formerNames: string[];
  /** Names people use besides the official one ("Den Haag"), found like the name itself. */
  everydayNames: string[];
}

const cache = new WeakMap<SiteContent, Map<Locale, ReturnType<typeof build>>>();

/** Built once per loaded site and language: the form page runs on every request. */
export function reportCatalogue(site: SiteContent, locale: Locale = DEFAULT_LOCALE) {
  let perLocale = cache.get(site);
  if (!perLocale) cache.set(site, (perLocale = new Map()));
  let catalogue = perLocale.get(locale);
  if (!catalogue) perLocale.set(locale, (catalogue = build(site, locale)));
  return catalogue;
}

function build(site: SiteContent, locale: Locale) {
  const t = translator(locale);
  const collator = new Intl.Collator(locale);
  // "Weet ik niet" first, so it is found without scrolling past 342 names (and without JavaScript).
  const municipalities: MunicipalityOption[] = [
    { id: UNKNOWN_MUNICIPALITY, name: t('report.municipalityUnknown'), cbsCode: null, formerNames: [], everydayNames: [] },
    ...[...site.gemeenten]
      .sort((a, b) => byName(a.data, b.data))
      .map((g) => ({ id: g.id, name: g.data.name, cbsCode: g.data.cbsCode, formerNames: g.data.formerNames, everydayNames: g.data.everydayNames })),
  ];
  const signals = [...site.signalen].sort((a, b) => a.data.statement.localeCompare(b.data.statement, 'nl'));
  const shown = signals.map((s) => localizeSignal(site, locale, s)).sort((a, b) => collator.compare(a.data.statement, b.data.statement));
  // Each signal is listed once, under the first form it points to.
  const signalGroups = (Object.keys(FORMS) as Form[])
    .map((form) => ({
      title: t(`form.${form}`),
      signals: shown.filter((s) => s.data.forms[0] === form).map((s) => ({ id: s.id, statement: s.data.statement })),
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
