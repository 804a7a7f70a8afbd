/**
 * The anonymous report form: one definition of its fields that both renders the form
 * (labels, help, limits, options) and validates what the server receives. Field names are
 * also the names in the forwarded JSON (see docs/RECEIVER.md).
 */
import { z } from 'astro/zod';

export const EXPLOITATION_OPTIONS = {
  'seksuele-uitbuiting': 'Seksuele uitbuiting (bijvoorbeeld gedwongen prostitutie)',
  arbeidsuitbuiting: 'Uitbuiting in werk',
  'criminele-uitbuiting': 'Gedwongen misdaad plegen (bijvoorbeeld drugs verkopen of stelen)',
  'gedwongen-orgaanverwijdering': 'Gedwongen een orgaan afstaan',
  'weet-ik-niet': 'Weet ik niet',
} as const;

export const DANGER_OPTIONS = {
  ja: 'Ja, er is nu gevaar',
  nee: 'Nee',
  'weet-niet': 'Weet ik niet',
} as const;

/** Limits in characters. A report is a few KB; the server also caps the whole body. */
export const LIMITS = {
  description: { min: 20, max: 5000 },
  location: { max: 500 },
  when: { max: 200 },
  people: { max: 2000 },
  vehicles: { max: 1000 },
  signals: { max: 40 },
} as const;

/** Text a reader sees next to each field, in the order of an intake conversation. */
export const FIELD_TEXT = {
  municipality: { label: 'In welke gemeente gebeurt het?', help: 'Kies de gemeente waar u het zag of hoorde.' },
  exploitationForm: { label: 'Wat denkt u dat er aan de hand is?', help: 'U hoeft het niet zeker te weten.' },
  signals: { label: 'Welke signalen zag of hoorde u?', help: 'Kies wat past. Dit hoeft niet.' },
  location: { label: 'Waar gebeurt het?', help: 'Een adres, een plek of een beschrijving, bijvoorbeeld "de nagelstudio naast de bakker".' },
  when: { label: 'Wanneer zag of hoorde u het?', help: 'Een datum of een periode, bijvoorbeeld "elke avond sinds de zomer".' },
  description: { label: 'Wat zag of hoorde u?', help: 'Vertel zo precies mogelijk wat er gebeurt. Schrijf niets over uzelf.' },
  people: { label: 'Om welke mensen gaat het?', help: 'Hoe zien ze eruit, hoe oud zijn ze ongeveer, welke taal spreken ze? Geen informatie over uzelf.' },
  vehicles: { label: 'Welke auto’s of busjes zag u?', help: 'Merk, kleur, kenteken als u dat weet.' },
  dangerNow: { label: 'Is er nu op dit moment gevaar?', help: 'Bij gevaar: bel direct 112. U kunt dit formulier daarna nog versturen.' },
} as const;

export type ReportField = keyof typeof FIELD_TEXT;
export const REPORT_FIELDS = Object.keys(FIELD_TEXT) as ReportField[];

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${what} mag hoogstens ${max} tekens lang zijn. Maak de tekst korter.` })
    .optional()
    .transform((value) => (value ? value : undefined));

/**
 * The schema for a report, given the municipalities and signals the site knows. Unknown
 * keys are refused (strictObject), so nothing but the form's own fields can be stored.
 */
export function createReportSchema({ municipalityIds, signalIds }: { municipalityIds: string[]; signalIds: string[] }) {
  const exploitationIds = Object.keys(EXPLOITATION_OPTIONS) as [keyof typeof EXPLOITATION_OPTIONS, ...string[]];
  const dangerIds = Object.keys(DANGER_OPTIONS) as [keyof typeof DANGER_OPTIONS, ...string[]];
  return z.strictObject({
    municipality: z.enum(municipalityIds as [string, ...string[]], { error: 'Kies de gemeente waar het gebeurt.' }),
    exploitationForm: z.enum(exploitationIds, { error: 'Kies wat u denkt dat er aan de hand is, of kies "Weet ik niet".' }),
    signals: z
      .array(z.enum(signalIds.length ? (signalIds as [string, ...string[]]) : ['-'], { error: 'Kies signalen uit de lijst.' }))
      .max(LIMITS.signals.max, { error: `Kies hoogstens ${LIMITS.signals.max} signalen.` })
      .default([]),
    location: optionalText(LIMITS.location.max, 'De plek'),
    when: optionalText(LIMITS.when.max, 'Wanneer'),
    description: z
      .string({ error: 'Beschrijf wat u zag of hoorde.' })
      .trim()
      .min(LIMITS.description.min, { error: `Beschrijf in minstens ${LIMITS.description.min} tekens wat u zag of hoorde.` })
      .max(LIMITS.description.max, {
        error: `Uw beschrijving mag hoogstens ${LIMITS.description.max} tekens lang zijn. Maak de tekst korter.`,
      }),
    people: optionalText(LIMITS.people.max, 'De beschrijving van de mensen'),
    vehicles: optionalText(LIMITS.vehicles.max, 'De beschrijving van de voertuigen'),
    dangerNow: z.enum(dangerIds, { error: 'Geef aan of er nu gevaar is.' }),
  });
}

export type ReportSchema = ReturnType<typeof createReportSchema>;
export type ReportFields = z.infer<ReportSchema>;
/** What the reader typed, kept as text so the form can be shown again with every value. */
export type FormValues = Partial<Record<ReportField, string | string[]>>;
export type FieldErrors = Partial<Record<ReportField, string>>;
