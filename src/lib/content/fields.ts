/**
 * Field validators shared by every content schema. Each error message says what is wrong
 * and how to fix it, because editors read these messages in a failed build.
 *
 * Plain TypeScript (no Astro imports) so unit tests can use the same rules as the build.
 */
import { z } from 'astro/zod';

/** A content id: the file name without extension, lowercase words joined by hyphens. */
export const idField = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error: 'Gebruik een id van kleine letters, cijfers en streepjes, bijvoorbeeld "wijk-bij-duurstede".',
});

/** True for a day the calendar has (2024-02-29 yes, 2026-02-30 no). */
function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Calendar date written as YYYY-MM-DD. YAML turns an unquoted date into a Date object;
 * we turn it back into text so dates render exactly as written, without time zones.
 */
export const isoDate = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
      error: 'Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2023-06-13.',
    })
    // A day the calendar has: YAML and Date would silently roll 2026-02-30 over to 2 March.
    .refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || isCalendarDay(value), {
      error: (issue) => `${String(issue.input)} bestaat niet in de kalender. Controleer de dag en de maand.`,
    }),
);

/**
 * Phone numbers we accept. Written any way editors like ("0800-7000", "088 374 47 44");
 * checked on the digits only. Mobile numbers (06) are refused: the site publishes
 * functional numbers of organisations, never the mobile number of a person.
 */
export function phoneDigits(value: string): string {
  return value.replace(/[\s\-().]/g, '');
}

const DUTCH_PHONE = /^(?:112|14\d{3,4}|0800\d{4,7}|0900\d{4,7}|0[1-57-9]\d{8}|\+31[1-57-9]\d{8})$/;

export const phoneNumber = z
  .string()
  .refine((value) => !/^(?:06|\+316)/.test(phoneDigits(value)), {
    error: 'Mobiele nummers (06) publiceren we niet: het kan het nummer van een persoon zijn. Gebruik het algemene nummer van de organisatie.',
  })
  .refine((value) => DUTCH_PHONE.test(phoneDigits(value)), {
    error: 'Dit is geen geldig Nederlands telefoonnummer. Voorbeelden: "112", "0800-7000", "0900-8844", "14 0343", "088-374 47 44".',
  });

/** Website address: https only, so no link on the site downgrades a reader to plain HTTP. */
export const httpsUrl = z.url({
  protocol: /^https$/,
  error: 'Gebruik een volledig webadres dat begint met https://, bijvoorbeeld https://www.veiligthuis.nl/.',
});

/**
 * Functional e-mail addresses only. A local part shaped like a person's name
 * ("j.jansen", "jan.jansen") is refused to keep officials' personal addresses off the site.
 */
export const functionalEmail = z
  .email({ error: 'Dit is geen geldig e-mailadres. Voorbeeld: mensenhandel@gemeente.nl.' })
  .refine((value) => !/^[a-z]{1,3}\.[a-z-]+@|^[a-z]+\.[a-z-]+@/i.test(value), {
    error: 'Dit lijkt een persoonlijk e-mailadres (voornaam.achternaam). Publiceer alleen een algemeen adres, zoals info@ of mensenhandel@.',
  });

/** A pointer to the document a fact comes from: a `bronnen` entry plus, optionally, the section. */
export const sourceRef = z.strictObject({
  /** Id of the entry in content/bronnen/ that holds this fact. */
  bron: idField,
  /** Section, chapter or annex of that document, e.g. "Bijlage Melden". */
  section: z.string().min(1).optional(),
});
export type SourceRef = z.infer<typeof sourceRef>;

/** At least one source: every published fact must be traceable. */
export const sources = z.array(sourceRef).min(1, { error: 'Noem minstens één bron (sources: - bron: <id uit content/bronnen/>).' });

/** Dutch provinces, as written on the site. */
export const PROVINCES = [
  'Groningen',
  'Fryslân',
  'Drenthe',
  'Overijssel',
  'Flevoland',
  'Gelderland',
  'Utrecht',
  'Noord-Holland',
  'Zuid-Holland',
  'Zeeland',
  'Noord-Brabant',
  'Limburg',
] as const;
export const province = z.enum(PROVINCES, {
  error: `Kies een provincie uit: ${PROVINCES.join(', ')}.`,
});
