/**
 * The ids that content and URLs use for forms of exploitation, sectors, professional roles,
 * regional bodies, municipal roles and region divisions. Plain lists with no imports: the
 * content schemas check content against them, and src/i18n/schema.ts requires a label
 * ("form.<id>", "sector.<id>" …) for each in every language. The order is the order on the site.
 */

/** Forms of exploitation (article 273f Sr), as used in URLs: /signalen/<vorm>/. */
export const FORM_IDS = ['seksuele-uitbuiting', 'arbeidsuitbuiting', 'criminele-uitbuiting', 'gedwongen-orgaanverwijdering'] as const;
export type Form = (typeof FORM_IDS)[number];

/** Sectors with their own guidance page under /ondernemers/<sector>/ (one file each in content/sectoren/). */
export const SECTOR_IDS = [
  'hotels-vakantieparken',
  'horeca',
  'bouw',
  'land-tuinbouw',
  'schoonmaak',
  'uitzendbranche',
  'nagelstudios-massagesalons',
  'transport-logistiek',
  'verhuur-huisvesting',
  'banken-financiele-dienstverlening',
] as const;
export type Sector = (typeof SECTOR_IDS)[number];

/** Professional roles with their own page under /signalen/professionals/<rol>/. */
export const ROLE_IDS = ['balie-brp', 'toezicht-handhaving', 'sociaal-wijkteam', 'leerplicht-onderwijs', 'zorg'] as const;
export type Role = (typeof ROLE_IDS)[number];

/** Roles an organisation fills for a region or municipality, in the order a gemeente page lists them. */
export const REGIONAL_BODY_IDS = ['veiligThuis', 'zorgcoordinator', 'zorgVeiligheidshuis', 'politie', 'riec'] as const;
export type RegionalBody = (typeof REGIONAL_BODY_IDS)[number];

/** The four roles a municipality has in the approach to human trafficking (Centrum voor Criminaliteitspreventie en Veiligheid). */
export const MUNICIPAL_ROLE_IDS = ['signaleerder', 'beleidsmaker', 'regisseur', 'zorgEnOpvang'] as const;
export type MunicipalRole = (typeof MUNICIPAL_ROLE_IDS)[number];

/** The official region divisions a municipality belongs to (CBS gebiedsindelingen). */
export const GEBIED_TYPE_IDS = ['veiligheidsregio', 'veilig-thuis-regio', 'politie-eenheid'] as const;
export type GebiedType = (typeof GEBIED_TYPE_IDS)[number];

/**
 * Who last checked a translated page, as a role and never a name: a translator who is not a
 * native speaker of the language, or a native speaker. The page shows it in its own language.
 */
export const REVIEWER_ROLE_IDS = ['vertaler-niet-moedertaalspreker', 'moedertaalspreker'] as const;
export type ReviewerRole = (typeof REVIEWER_ROLE_IDS)[number];

/** Why a victim would call an organisation in the help-first block (src/lib/content/care.ts), in the order it lists them. */
export const HELP_PURPOSES = ['care', 'comensha', 'slachtofferhulp', 'fairwork', 'veiligThuis'] as const;
export type HelpPurpose = (typeof HELP_PURPOSES)[number];
