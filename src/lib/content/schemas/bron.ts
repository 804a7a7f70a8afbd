import { z } from 'astro/zod';
import { httpsUrl, isoDate } from '../fields.ts';

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
  seedFile: z
    .string()
    .regex(/^\d{3}_[0-9a-f]+\.txt$/)
    .optional(),
  /** Public web address of the document, when there is one. */
  url: httpsUrl.optional(),
  /** Anything a reader must know about this source, e.g. that it is old or still to be verified. */
  note: z.string().optional(),
});
export type Bron = z.infer<typeof bronSchema>;
