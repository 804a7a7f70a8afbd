/**
 * The anonymous report form: one definition of its fields that both renders the form
 * (labels, help, limits, options) and validates what the server receives. Field names are
 * also the names in the forwarded JSON (see docs/RECEIVER.md).
 */
import { z } from 'astro/zod';

/** What the reader thinks is going on; labels are UI strings "report.exploitation.<id>". */
export const EXPLOITATION_OPTIONS = [
  'seksuele-uitbuiting',
  'arbeidsuitbuiting',
  'criminele-uitbuiting',
  'gedwongen-orgaanverwijdering',
  'weet-ik-niet',
] as const;

/** Whether there is danger now; labels are UI strings "report.dangerOption.<id>". */
export const DANGER_OPTIONS = ['ja', 'nee', 'weet-niet'] as const;

/** Limits in characters. A report is a few KB; the server also caps the whole body. */
export const LIMITS = {
  description: { min: 20, max: 5000 },
  location: { max: 500 },
  when: { max: 200 },
  people: { max: 2000 },
  vehicles: { max: 1000 },
  signals: { max: 40 },
} as const;

/**
 * The fields, in the order of an intake conversation. A field's label and help are the UI
 * strings "report.field.<field>.label" and ".help" (src/i18n/), so the form reads in every language.
 */
export const REPORT_FIELDS = ['municipality', 'exploitationForm', 'signals', 'location', 'when', 'description', 'people', 'vehicles', 'dangerNow'] as const;

export type ReportField = (typeof REPORT_FIELDS)[number];

/*
 * Error messages are UI string keys, not sentences: intake translates them into the language of
 * the form, filling in {min} and {max} from LIMITS (see fieldErrorValues).
 */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'report.error.tooLong' })
    .optional()
    .transform((value) => (value ? value : undefined));

/** The values an error message of a field can mention. */
export function fieldErrorValues(field: ReportField): Record<string, number> {
  return field in LIMITS ? { ...LIMITS[field as keyof typeof LIMITS] } : {};
}

/**
 * The schema for a report, given the municipalities and signals the site knows. Unknown
 * keys are refused (strictObject), so nothing but the form's own fields can be stored.
 */
export function createReportSchema({ municipalityIds, signalIds }: { municipalityIds: string[]; signalIds: string[] }) {
  return z.strictObject({
    municipality: z.enum(municipalityIds as [string, ...string[]], { error: 'report.error.municipality' }),
    exploitationForm: z.enum(EXPLOITATION_OPTIONS, { error: 'report.error.exploitationForm' }),
    signals: z
      .array(z.enum(signalIds.length ? (signalIds as [string, ...string[]]) : ['-'], { error: 'report.error.signals' }))
      .max(LIMITS.signals.max, { error: 'report.error.signalsMax' })
      .default([]),
    location: optionalText(LIMITS.location.max),
    when: optionalText(LIMITS.when.max),
    description: z
      .string({ error: 'report.error.descriptionMissing' })
      .trim()
      .min(LIMITS.description.min, { error: 'report.error.descriptionShort' })
      .max(LIMITS.description.max, { error: 'report.error.tooLong' }),
    people: optionalText(LIMITS.people.max),
    vehicles: optionalText(LIMITS.vehicles.max),
    dangerNow: z.enum(DANGER_OPTIONS, { error: 'report.error.dangerNow' }),
  });
}

export type ReportSchema = ReturnType<typeof createReportSchema>;
export type ReportFields = z.infer<ReportSchema>;
/** What the reader typed, kept as text so the form can be shown again with every value. */
export type FormValues = Partial<Record<ReportField, string | string[]>>;
export type FieldErrors = Partial<Record<ReportField, string>>;
