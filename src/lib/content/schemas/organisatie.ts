import { z } from 'astro/zod';
import { functionalEmail, httpsUrl, idField, isoDate, phoneNumber, sources } from '../fields.ts';

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
  /** True only when a source says the line is answered day and night, every day: pages offer it for the night. */
  dayAndNight: z.boolean().default(false),
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
    /** Date (JJJJ-MM-DD) an editor last compared the contact details with their sources; the build warns 12 months later. */
    checked: isoDate.optional(),
    /** Where these facts come from. */
    sources,
  })
  .refine((org) => org.phones.length > 0 || org.url || org.email, {
    error: 'Geef minstens één manier om contact op te nemen: phones, url of email.',
    path: ['phones'],
  });
export type Organisatie = z.infer<typeof organisatieSchema>;
