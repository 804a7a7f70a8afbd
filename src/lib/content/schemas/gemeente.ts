import { z } from 'astro/zod';
import { functionalEmail, httpsUrl, idField, phoneNumber, province, sourceRef, sources } from '../fields.ts';
import { regionalBodies } from './bodies.ts';

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
    /** Names people use for the municipality besides its official CBS name ("Den Haag" for 's-Gravenhage), so the filter, the report form's picker and search find it. Written by npm run generate:gemeenten from scripts/data/gemeenten-namen.yaml. */
    everydayNames: z.array(z.string().min(2)).default([]),
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
export type Gemeente = z.infer<typeof gemeenteSchema>;
