/**
 * The Dutch words for the ids in ./ids.ts, read from the interface strings (the one home of
 * every label: src/i18n/strings/nl.json). For Dutch-only pages and for values that must not
 * change with the language (search filters); a page in several languages uses t('form.<id>').
 */
import { t, type UiKey } from '../../../i18n/index.ts';
import { FORM_IDS, GEBIED_TYPE_IDS, MUNICIPAL_ROLE_IDS, REGIONAL_BODY_IDS, ROLE_IDS, SECTOR_IDS } from './ids.ts';

function dutchLabels<const Id extends string>(prefix: string, ids: readonly Id[]): Record<Id, string> {
  return Object.fromEntries(ids.map((id) => [id, t(`${prefix}.${id}` as UiKey)])) as Record<Id, string>;
}

export const FORMS = dutchLabels('form', FORM_IDS);
export const SECTORS = dutchLabels('sector', SECTOR_IDS);
export const ROLES = dutchLabels('role', ROLE_IDS);
export const REGIONAL_BODY_LABELS = dutchLabels('body', REGIONAL_BODY_IDS);
export const MUNICIPAL_ROLES = dutchLabels('municipalRole', MUNICIPAL_ROLE_IDS);
/** "Veiligheidsregio", "Veilig Thuis-regio", "Politie-eenheid". */
export const GEBIED_TYPES = dutchLabels('gebiedType', GEBIED_TYPE_IDS);
