/**
 * The shape of every content collection. These schemas are the documentation for editors:
 * every field has one sentence saying what it holds. References between collections are
 * plain ids here and are checked together in ./integrity.ts, so a dangling id fails the
 * build with the file, the field and the fix.
 */
import { z } from 'astro/zod';
import {
  functionalEmail,
  httpsUrl,
  idField,
  isoDate,
  phoneNumber,
  province,
  sourceRef,
  sources,
} from './fields.ts';
import { TRANSLATED_LOCALES } from '../../i18n/locales.ts';

/** A document that facts on the site come from. */
export const bronSchema = z.strictObject({
  /** Full title of the document or web page. */
  title: z.string().min(3),
  /** Organisation that published it. */
  publisher: z.string().min(2),
  /** Date of the document (JJJJ-MM-DD); leave out when the document carries no date. */
  date: isoDate.optional(),
  /** Year or period the document covers when it has no exact date, e.g. "2023-2026". */
  period: z.string().optional(),
  /** File name in shared/seeds/ when the document is one of the seed documents. */
  seedFile: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/).optional(),
  /** Public web address of the document, when there is one. */
  url: httpsUrl.optional(),
  /** Anything a reader must know about this source, e.g. that it is old or still to be verified. */
  note: z.string().optional(),
});

/** One phone line of an organisation. */
export const phoneLine = z.strictObject({
  /** The number as it should be shown, e.g. "0800-7000". */
  number: phoneNumber,
  /** What this line is for, when an organisation has more than one. */
  label: z.string().optional(),
  /** When the line is answered, in plain words, e.g. "24 uur per dag, 7 dagen per week". */
  availability: z.string().min(3),
  /** Whether calling is free of charge; leave out when unknown. */
  free: z.boolean().optional(),
});

export const ORGANISATION_KINDS = [
  'noodhulp',
  'meldpunt',
  'politie',
  'hulpverlening',
  'zorgcoordinatie',
  'toezicht',
  'samenwerkingsverband',
  'gemeente',
  'overheid',
] as const;

/** A ketenpartner: an organisation people or professionals can turn to. */
export const organisatieSchema = z
  .strictObject({
    /** Official name, e.g. "Meld Misdaad Anoniem". */
    name: z.string().min(2),
    /** Short name or abbreviation used in running text, e.g. "MMA". */
    shortName: z.string().optional(),
    /** What kind of organisation this is; used to group organisations on the site. */
    kind: z.enum(ORGANISATION_KINDS),
    /** What the organisation does against human trafficking, and for whom (plain Dutch, 1-3 sentences). */
    description: z.string().min(20),
    /** Concrete tasks in the chain, as short phrases. */
    tasks: z.array(z.string().min(3)).default([]),
    /** Public phone lines; functional numbers only, never a person's number. */
    phones: z.array(phoneLine).default([]),
    /** Public website. */
    url: httpsUrl.optional(),
    /** Functional e-mail address (a team or general address, never a person's). */
    email: functionalEmail.optional(),
    /** Whether someone can contact this organisation without giving their name. */
    anonymous: z.boolean().default(false),
    /** Region this organisation works in (id in content/regios/); leave out for national organisations. */
    regio: idField.optional(),
    /** Where these facts come from. */
    sources,
  })
  .refine((org) => org.phones.length > 0 || org.url || org.email, {
    error: 'Geef minstens één manier om contact op te nemen: phones, url of email.',
    path: ['phones'],
  });

/** Which organisation fills a role for a region or municipality. */
const regionalBodies = z.strictObject({
  /** Regionaal Informatie- en Expertise Centrum (id in content/organisaties/). */
  riec: idField.optional(),
  /** Zorg- en Veiligheidshuis. */
  zorgVeiligheidshuis: idField.optional(),
  /** Zorgcoördinator mensenhandel: arranges help and shelter for victims. */
  zorgcoordinator: idField.optional(),
  /** Veilig Thuis organisation of the region. */
  veiligThuis: idField.optional(),
  /** Police team covering the area (organisation id). */
  politie: idField.optional(),
});
export type RegionalBodies = z.infer<typeof regionalBodies>;
export const REGIONAL_BODY_LABELS: Record<keyof RegionalBodies, string> = {
  veiligThuis: 'Veilig Thuis',
  zorgcoordinator: 'Zorgcoördinator mensenhandel',
  zorgVeiligheidshuis: 'Zorg- en Veiligheidshuis',
  politie: 'Politie',
  riec: 'RIEC',
};

/** The official region divisions a municipality belongs to (CBS gebiedsindelingen), by type: the words shown on the site. */
export const GEBIED_TYPES = {
  veiligheidsregio: 'Veiligheidsregio',
  'veilig-thuis-regio': 'Veilig Thuis-regio',
  'politie-eenheid': 'Politie-eenheid',
} as const;
export type GebiedType = keyof typeof GEBIED_TYPES;
/** The letters of the CBS code for each type: VR13, VT01, RE05. */
export const GEBIED_CODE_PREFIX: Record<GebiedType, string> = {
  veiligheidsregio: 'VR',
  'veilig-thuis-regio': 'VT',
  'politie-eenheid': 'RE',
};

/**
 * An official region division (gebied): a veiligheidsregio, a Veilig Thuis region or a
 * regional unit of the police. Generated from CBS data by scripts/generate-gemeenten.ts;
 * members are the municipalities that name it.
 */
export const gebiedSchema = z
  .strictObject({
    /** Name as the CBS data set writes it, e.g. "Amsterdam-Amstelland". */
    name: z.string().min(2),
    /** Which division this is: veiligheidsregio, veilig-thuis-regio or politie-eenheid. */
    type: z.enum(Object.keys(GEBIED_TYPES) as [GebiedType, ...GebiedType[]]),
    /** CBS code of the region: VR, VT or RE followed by two digits, e.g. "VT20". */
    code: z.string().regex(/^(VR|VT|RE)\d{2}$/, {
      error: 'Een gebiedscode is VR, VT of RE gevolgd door twee cijfers, bijvoorbeeld VT20. Neem de code over uit de CBS-gebiedsindeling.',
    }),
    /** Year of the division the membership comes from, e.g. 2025. */
    year: z.number().int().min(2000),
    /** Organisation (id in content/organisaties/) that serves this region, e.g. its own Veilig Thuis; only when a source names it. */
    organisation: idField.optional(),
    /** Where these facts come from. */
    sources,
  })
  .refine((g) => g.code.startsWith(GEBIED_CODE_PREFIX[g.type]), {
    error: 'De code past niet bij het type: een veiligheidsregio heeft een VR-code, een Veilig Thuis-regio een VT-code en een politie-eenheid een RE-code.',
    path: ['code'],
  });

/** A region: a police basisteam, district or set of municipalities working together. */
export const regioSchema = z.strictObject({
  /** Name as used in the seed documents, e.g. "Basisteam Heuvelrug". */
  name: z.string().min(2),
  /** What kind of cooperation this is, in a few words, e.g. "politie-basisteam". */
  kind: z.string().min(2),
  /** Province(s) the region lies in. */
  provinces: z.array(province).min(1),
  /** Plain-Dutch description of how the region works together against human trafficking. */
  description: z.string().min(20),
  /** Organisations that serve every member municipality; a municipality may override one. */
  bodies: regionalBodies.default({}),
  /** Policy documents (ids in content/beleid/) that apply across the region. */
  beleid: z.array(idField).default([]),
  /** Where these facts come from. */
  sources,
});

/** The functional contact of a municipality's aandachtsfunctionaris mensenhandel. */
const liaisonOfficer = z.strictObject({
  /** Where the aandachtsfunctionaris sits and what they do, in plain words. No personal names. */
  description: z.string().min(10),
  /** Functional phone number (e.g. the municipality's 14-number); never a mobile number. */
  phone: phoneNumber.optional(),
  /** Functional e-mail address of the team. */
  email: functionalEmail.optional(),
  /** Where this comes from. */
  source: sourceRef,
});

export const POLICY_KINDS = ['eigen', 'regionaal', 'geen-bekend'] as const;

/** A municipality (gemeente). The file name is the URL slug: content/gemeenten/woerden.yaml → /gemeenten/woerden/. */
export const gemeenteSchema = z
  .strictObject({
    /** Official name, e.g. "Wijk bij Duurstede". */
    name: z.string().min(2),
    /** CBS municipality code: "GM" followed by four digits, e.g. GM0632 for Woerden. */
    cbsCode: z.string().regex(/^GM\d{4}$/, {
      error: 'Een CBS-code is "GM" gevolgd door vier cijfers, bijvoorbeeld GM0632. Zoek de code op in de CBS-gemeentelijst.',
    }),
    /** Province the municipality lies in. */
    province,
    /** Region this municipality works with on this subject (id in content/regios/); leave out when no source names one. */
    regio: idField.optional(),
    /** Veiligheidsregio the municipality lies in (id in content/gebieden/, type veiligheidsregio). */
    veiligheidsregio: idField.optional(),
    /** Regional unit of the police the municipality lies in (id in content/gebieden/, type politie-eenheid). */
    politieEenheid: idField.optional(),
    /** Veilig Thuis region the municipality lies in (id in content/gebieden/, type veilig-thuis-regio). */
    veiligThuisRegio: idField.optional(),
    /** Names of municipalities merged into this one, or its own earlier names, so a search for an old name finds it. */
    formerNames: z.array(z.string().min(2)).default([]),
    /** Which policy applies: its own plan, a regional plan, or none known from the sources. */
    policy: z.strictObject({
      /** eigen = own plan; regionaal = a plan made for the region; geen-bekend = no plan in our sources. */
      kind: z.enum(POLICY_KINDS),
      /** Ids in content/beleid/ of the plans that apply. */
      beleid: z.array(idField).default([]),
      /** One or two sentences explaining the situation, e.g. why a regional plan applies. */
      note: z.string().optional(),
    }),
    /** Municipality's general contact details for residents. */
    contact: z
      .strictObject({
        /** General phone number, usually 14 + area code. */
        phone: phoneNumber.optional(),
        /** Municipality's website. */
        url: httpsUrl.optional(),
      })
      .default({}),
    /** Functional contact of the aandachtsfunctionaris mensenhandel, where public. */
    liaisonOfficer: liaisonOfficer.optional(),
    /** Organisations that differ from the region's (leave out to use the region's). */
    bodies: regionalBodies.default({}),
    /** Name of the police basisteam, e.g. "Basisteam de Copen". */
    policeTeam: z.string().optional(),
    /** Whether the municipality is connected to Meld Misdaad Anoniem, as far as the sources say. */
    meldMisdaadAnoniem: z.enum(['aangesloten', 'onbekend']).default('onbekend'),
    /** Particulars worth knowing, e.g. Mook en Middelaar's orientation to two regions. */
    notes: z.array(z.string().min(10)).default([]),
    /** Where these facts come from. */
    sources,
  })
  .refine((g) => g.policy.kind === 'geen-bekend' || g.policy.beleid.length > 0, {
    error: 'Bij policy.kind "eigen" of "regionaal" hoort minstens één plan in policy.beleid.',
    path: ['policy', 'beleid'],
  });

/** The four roles a municipality has in the approach to human trafficking (Centrum voor Criminaliteitspreventie en Veiligheid). */
export const MUNICIPAL_ROLES = {
  signaleerder: 'Signaleren',
  beleidsmaker: 'Beleid maken',
  regisseur: 'Regie voeren',
  zorgEnOpvang: 'Zorg en opvang',
} as const;

/** One concrete action from a plan. */
const policyAction = z.strictObject({
  /** What will be done. */
  action: z.string().min(5),
  /** Which ambition (its title) the action serves, when the plan groups them. */
  ambition: z.string().optional(),
  /** Who is responsible: an organisation or department, never a person's name. */
  owner: z.string().optional(),
  /** When it should be done, as the plan says it ("2023", "Q2 2022", "doorlopend"). */
  deadline: z.string().optional(),
  /** Money, hours or other means the plan attaches to it. */
  means: z.string().optional(),
});

/** A policy document (beleidsplan, actieprogramma, voorstel) — MDX: frontmatter here, summary in the body. */
export const beleidSchema = z.strictObject({
  /** Title of the document. */
  title: z.string().min(5),
  /** What kind of document this is. */
  kind: z.enum(['beleidsplan', 'actieprogramma', 'voorstel', 'regionale aanpak']),
  /** Who issued it, e.g. "Gemeente Woerden" or "RIEC Oost-Nederland". */
  issuer: z.string().min(2),
  /** Date of the document (JJJJ-MM-DD), or the first day of its period when it has no date. */
  date: isoDate,
  /** Whether that date is the exact document date or only derived from its period. */
  dateIsExact: z.boolean().default(true),
  /** Period the plan covers, e.g. "2022-2024". */
  period: z.string().optional(),
  /** Status as far as the document says: vastgesteld (adopted), voorstel (proposal) or onbekend. */
  status: z.enum(['vastgesteld', 'voorstel', 'onbekend']),
  /** Municipalities the plan covers (ids in content/gemeenten/). */
  gemeenten: z.array(idField).min(1),
  /** One-paragraph summary shown on overview pages. */
  summary: z.string().min(40),
  /** The plan's ambitions or goals. */
  ambitions: z
    .array(z.strictObject({ title: z.string().min(3), description: z.string().optional() }))
    .default([]),
  /** Concrete actions with owner, deadline and means where the plan gives them. */
  actions: z.array(policyAction).default([]),
  /** How the plan fills in each of the four municipal roles. */
  roles: z
    .strictObject({
      signaleerder: z.string().optional(),
      beleidsmaker: z.string().optional(),
      regisseur: z.string().optional(),
      zorgEnOpvang: z.string().optional(),
    })
    .default({}),
  /** Partner organisations that are in content/organisaties/ (ids). */
  partners: z.array(idField).default([]),
  /** Other partners the plan names that have no page of their own. */
  otherPartners: z.array(z.string().min(2)).default([]),
  /** The document itself in content/bronnen/. */
  bron: idField,
});

/** A national or regional figure set, rendered as a chart and a table. */
export const cijferSchema = z.strictObject({
  /** Title of the chart, e.g. "Geregistreerde mogelijke slachtoffers bij CoMensha". */
  title: z.string().min(5),
  /** What the numbers mean, in one or two plain sentences. */
  description: z.string().min(10),
  /** Area the figures cover, e.g. "Nederland" or "Limburg". */
  area: z.string().min(2),
  /** What one unit is, e.g. "slachtoffers". */
  unit: z.string().min(2),
  /** Order on the figures page (low first). */
  order: z.number().int().default(100),
  /** The data points, drawn as a bar chart and listed in a table. */
  values: z
    .array(
      z.strictObject({
        /** Category or year. */
        label: z.string().min(1),
        /** The number. */
        value: z.number().nonnegative(),
      }),
    )
    .default([]),
  /** A range instead of counts, e.g. an estimate of 5,000 to 7,500 a year (shown as text). */
  range: z.strictObject({ low: z.number(), high: z.number(), per: z.string() }).optional(),
  /** Where the figures come from. */
  sources,
}).refine((set) => set.values.length > 0 || set.range, {
  error: 'Geef de cijfers als values (een lijst van label en value) of als range (low, high, per).',
  path: ['values'],
});

/** A plain content page (wat is mensenhandel, hulp, privacy …) written in MDX. */
export const paginaSchema = z.strictObject({
  /** Page title (h1). */
  title: z.string().min(3),
  /** One-sentence description, used in search results and the meta description. */
  description: z.string().min(20),
  /** Where the facts on the page come from, when it states any. */
  sources: z.array(sourceRef).default([]),
  /** Organisations (ids in content/organisaties/) shown as contact cards below the text. */
  contacts: z.array(idField).default([]),
  /** Date of the last content review (JJJJ-MM-DD). */
  reviewed: isoDate,
});

export type { SourceRef } from './fields.ts';
export type Bron = z.infer<typeof bronSchema>;
export type Organisatie = z.infer<typeof organisatieSchema>;
export type Regio = z.infer<typeof regioSchema>;
export type Gebied = z.infer<typeof gebiedSchema>;
export type Gemeente = z.infer<typeof gemeenteSchema>;
export type Beleid = z.infer<typeof beleidSchema>;
export type Cijfer = z.infer<typeof cijferSchema>;
export type Pagina = z.infer<typeof paginaSchema>;

/** Forms of exploitation (article 273f Sr), as used in URLs: /signalen/<vorm>/. */
export const FORMS = {
  'seksuele-uitbuiting': 'Seksuele uitbuiting',
  arbeidsuitbuiting: 'Arbeidsuitbuiting',
  'criminele-uitbuiting': 'Criminele uitbuiting',
  'gedwongen-orgaanverwijdering': 'Gedwongen orgaanverwijdering',
} as const;
export type Form = keyof typeof FORMS;
const formIds = Object.keys(FORMS) as [Form, ...Form[]];

/** Sectors with their own guidance page under /ondernemers/<sector>/ (one file each in content/sectoren/). */
export const SECTORS = {
  'hotels-vakantieparken': 'Hotels en vakantieparken',
  horeca: 'Horeca',
  bouw: 'Bouw',
  'land-tuinbouw': 'Land- en tuinbouw',
  schoonmaak: 'Schoonmaak',
  uitzendbranche: 'Uitzendbranche en arbeidsbemiddeling',
  'nagelstudios-massagesalons': "Nagelstudio's en massagesalons",
  'transport-logistiek': 'Transport en logistiek',
  'verhuur-huisvesting': 'Verhuur en huisvesting',
  'banken-financiele-dienstverlening': 'Banken en financiële dienstverlening',
} as const;
export type Sector = keyof typeof SECTORS;

/** Professional roles with their own page under /signalen/professionals/<rol>/. */
export const ROLES = {
  'balie-brp': 'Balie en BRP-inschrijving',
  'toezicht-handhaving': 'Toezicht en handhaving',
  'sociaal-wijkteam': 'Sociaal wijkteam',
  'leerplicht-onderwijs': 'Leerplicht en onderwijs',
  zorg: 'Zorg',
} as const;
export type Role = keyof typeof ROLES;

/** One signal: something a person can notice that may point to human trafficking. */
export const signaalSchema = z.strictObject({
  /** What someone can see or hear, as one short sentence, e.g. "Iemand heeft zijn eigen paspoort niet." */
  statement: z.string().min(10).max(160),
  /** Why this matters, in one or two plain sentences. */
  explanation: z.string().min(10).optional(),
  /** A short example situation. */
  example: z.string().min(10).optional(),
  /** The forms of exploitation this signal can point to (list all four when it fits every form). */
  forms: z.array(z.enum(formIds)).min(1, { error: 'Noem minstens één vorm van uitbuiting in forms.' }),
  /** Where it plays: binnenland (within the Netherlands), grensoverschrijdend (across borders) or beide. */
  context: z.enum(['binnenland', 'grensoverschrijdend', 'beide']),
  /** Who can notice it. */
  audiences: z.strictObject({
    /** Residents can notice this in daily life. */
    inwoner: z.boolean().default(false),
    /** Business sectors where owners or staff can notice this. */
    ondernemer: z.array(z.enum(Object.keys(SECTORS) as [Sector, ...Sector[]])).default([]),
    /** Professional roles that can notice this in their work. */
    professional: z.array(z.enum(Object.keys(ROLES) as [Role, ...Role[]])).default([]),
  }),
  /** A key signal: printed on every gemeente's signalenkaart (keep to about three per form). */
  key: z.boolean().default(false),
  /** Where this signal comes from. */
  sources,
});

/** A vulnerability factor: something that makes a person easier to exploit (not a signal in itself). */
export const kwetsbaarheidSchema = z.strictObject({
  /** Short description, e.g. "Schulden hebben bij de persoon die werk of reis regelde." */
  statement: z.string().min(10).max(160),
  /** Why it makes someone vulnerable, in plain words. */
  explanation: z.string().min(10).optional(),
  /** Where this comes from. */
  sources,
});

/** Guidance for business owners in one sector (file name = sector id, e.g. bouw.yaml). */
export const sectorSchema = z.strictObject({
  /** One or two sentences: why trafficking can happen in this sector. */
  intro: z.string().min(40),
  /** What a business owner can do to prevent being used (good employer practice, checking intermediaries…). */
  prevention: z.array(z.string().min(10)).min(3),
  /** What the law expects of a business in this sector, in plain words. */
  law: z.array(z.string().min(10)).default([]),
  /** What to do when you see signals. */
  whatToDo: z.array(z.string().min(10)).min(2),
  /** Organisations (ids in content/organisaties/) a business owner in this sector contacts. */
  contacts: z.array(idField).default([]),
  /** Where this guidance comes from. */
  sources,
});

export type Signaal = z.infer<typeof signaalSchema>;
export type Kwetsbaarheid = z.infer<typeof kwetsbaarheidSchema>;
export type SectorGuidance = z.infer<typeof sectorSchema>;

/**
 * Who to contact in a route outcome: a named organisation, or the organisation that fills a
 * role for the reader's municipality (resolved through its region; on the national route the
 * national fallback is used).
 */
export const contactRef = z.union([
  z.strictObject({
    /** Id in content/organisaties/. */
    organisation: idField,
    /** What to ask or tell them, in this situation (optional). */
    note: z.string().optional(),
  }),
  z.strictObject({
    /** A role filled per municipality: veiligThuis, zorgcoordinator, zorgVeiligheidshuis, politie or riec. */
    body: z.enum(['veiligThuis', 'zorgcoordinator', 'zorgVeiligheidshuis', 'politie', 'riec']),
    /** Organisation used where no municipality is chosen or its region names none. */
    fallback: idField,
    note: z.string().optional(),
  }),
]);
export type ContactRef = z.infer<typeof contactRef>;

const routeQuestion = z.strictObject({
  kind: z.literal('vraag'),
  /** The question, in plain words, e.g. "Is iemand nu in gevaar?". */
  question: z.string().min(5),
  /** One or two sentences that help answer it. */
  help: z.string().optional(),
  /** The answers; each leads to another node of this route. */
  options: z.array(z.strictObject({ label: z.string().min(1), next: idField })).min(2),
});

const routeOutcome = z.strictObject({
  kind: z.literal('uitkomst'),
  /** What to do, as a heading, e.g. "Bel 112". */
  title: z.string().min(3),
  /** Who to contact; phone numbers and opening hours come from the organisation files. */
  contacts: z.array(contactRef).min(1, { error: 'Een uitkomst noemt minstens één organisatie in contacts.' }),
  /** Whether contacting them can be done without giving your name. */
  anonymous: z.boolean(),
  /** What happens after you contact them, in plain words. */
  whatHappens: z.string().min(10),
  /** Show the link to this site's anonymous report form. */
  offerForm: z.boolean().default(false),
  /** Show the link to the sector advice for business owners. */
  offerSectorAdvice: z.boolean().default(false),
});

export const routeNode = z.discriminatedUnion('kind', [routeQuestion, routeOutcome]);
export type RouteNode = z.infer<typeof routeNode>;

/**
 * The external reporting route (meldroute) as a decision graph. The national route applies
 * everywhere; a route with `extends` replaces or adds nodes by id for one region or municipality.
 */
export const meldrouteSchema = z.strictObject({
  /** Name of the route, e.g. "Landelijke meldroute". */
  title: z.string().min(5),
  /** Where it applies: the whole country, one region or one municipality. */
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('landelijk') }),
    z.strictObject({ kind: z.literal('regio'), regio: idField }),
    z.strictObject({ kind: z.literal('gemeente'), gemeente: idField }),
  ]),
  /** The route this one changes (id in content/meldroutes/); leave out only on the national route. */
  extends: idField.optional(),
  /** The first question; on the national route this must be the acute-danger question. */
  start: idField.optional(),
  /** Questions and outcomes by id. In an extending route: only the nodes that change or are added. */
  nodes: z.record(idField, routeNode),
  /** Where the route comes from. */
  sources,
});
export type Meldroute = z.infer<typeof meldrouteSchema>;

/** One step of an internal route for municipal staff. */
const internalStep = z.strictObject({
  /** What happens in this step, as a short heading. */
  title: z.string().min(3),
  /** Who acts (a role or department, never a person's name). */
  who: z.string().min(2),
  /** What they do, in plain words. */
  does: z.string().min(10),
  /** Who is informed or involved in this step. */
  informs: z.array(z.string().min(2)).default([]),
});

/** The internal reporting route for municipal staff, as a seed describes it. */
export const interneRouteSchema = z.strictObject({
  /** Title, e.g. "Interne meldroute gemeente Woerden". */
  title: z.string().min(5),
  /** Municipalities whose staff follow this route (ids in content/gemeenten/). */
  gemeenten: z.array(idField).min(1),
  /** One paragraph: when to use this route. */
  intro: z.string().min(20),
  /** Acute situations that skip the steps, e.g. "Bij direct gevaar: bel 112". */
  acute: z.string().min(10),
  /** The steps in order. */
  steps: z.array(internalStep).min(2),
  /** Classifications or outcomes the route uses (e.g. Veilig Thuis's four classifications). */
  classifications: z.array(z.strictObject({ name: z.string().min(2), meaning: z.string().min(5) })).default([]),
  /** Where this route comes from. */
  sources,
});
export type InterneRoute = z.infer<typeof interneRouteSchema>;

/** Text in a translation: trimmed, never empty. */
const translatedText = z.string().trim().min(2, { error: 'Deze vertaling is leeg. Vul de tekst in.' });

/** A translated question of the national reporting route (same options, same order). */
const translatedQuestion = z.strictObject({
  question: translatedText,
  /** Only when the Dutch question has help. */
  help: translatedText.optional(),
  /** The answer labels, in the order of the Dutch options. */
  options: z.array(translatedText).min(1),
});

/** A translated outcome of the national reporting route. */
const translatedOutcome = z.strictObject({
  title: translatedText,
  whatHappens: translatedText,
  /** One per contact, in the Dutch order; "" for a contact without a note. Leave out when no contact has one. */
  notes: z.array(z.string().trim()).optional(),
});

/**
 * Everything a language needs besides its interface strings (src/i18n/<taal>.ts), in one file:
 * content/vertalingen/<taal>.yaml. Completeness against the Dutch content is checked in
 * src/lib/content/translations.ts, so a new signal or route step fails the build until translated.
 */
export const vertalingSchema = z.strictObject({
  /** Language code; must equal the file name (en, pl, ro, bg or uk). */
  taal: z.enum(TRANSLATED_LOCALES),
  /** Every signal of content/signalen/, by id. */
  signalen: z.record(
    idField,
    z.strictObject({
      statement: translatedText,
      /** Only when the Dutch signal has an explanation. */
      explanation: translatedText.optional(),
    }),
  ),
  /** Every step of the national route (content/meldroutes/landelijk.yaml), by step id. */
  meldroute: z.record(idField, z.union([translatedQuestion, translatedOutcome])),
  /** Phone labels and opening times of the organisations on translated pages, by organisation id. */
  organisaties: z.record(
    idField,
    z.strictObject({
      phones: z.array(z.strictObject({ label: translatedText.optional(), availability: translatedText })),
    }),
  ),
  /** A short summary of each policy document (content/beleid/), which itself stays Dutch. */
  beleid: z.record(idField, translatedText.min(40)),
  /** A short summary of each internal staff route (content/interne-routes/), which stays Dutch. */
  interneRoutes: z.record(idField, translatedText.min(40)),
  /** The glossary of key terms: the one translation used everywhere, with a plain explanation. */
  begrippen: z
    .array(z.strictObject({ nl: translatedText, term: translatedText, uitleg: translatedText }))
    .min(1, { error: 'Een vertaling heeft een woordenlijst (begrippen) nodig.' }),
});

/** A translated content page: content/vertalingen/<taal>/<pagina>.mdx, the body in Markdown. */
export const vertaaldePaginaSchema = z.strictObject({
  /** Page title (h1), in the language. */
  title: z.string().min(3),
  /** One-sentence description, in the language. */
  description: z.string().min(20),
  /** Date the translation was last checked against the Dutch page (JJJJ-MM-DD). */
  reviewed: isoDate,
});

export type Vertaling = z.infer<typeof vertalingSchema>;
export type VertaaldePagina = z.infer<typeof vertaaldePaginaSchema>;
