import { z } from 'astro/zod';
import { idField, isoDate } from '../fields.ts';
import { TRANSLATED_LOCALES } from '../../../i18n/locales.ts';
import { REVIEWER_ROLE_IDS } from './ids.ts';

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
 * Everything a language needs besides its interface strings (src/i18n/strings/<taal>.json), in one file:
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
  /** Who did that check, as a role, never a name ("vertaler-niet-moedertaalspreker" while a native speaker's review is pending); the page shows it in its language. */
  reviewedBy: z.enum(REVIEWER_ROLE_IDS, { error: `Kies een rol, geen naam: ${REVIEWER_ROLE_IDS.join(' of ')}.` }).optional(),
});

export type Vertaling = z.infer<typeof vertalingSchema>;
export type VertaaldePagina = z.infer<typeof vertaaldePaginaSchema>;
