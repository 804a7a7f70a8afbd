import { z } from 'astro/zod';
import { sources } from '../fields.ts';
import { FORM_IDS, ROLE_IDS, SECTOR_IDS } from './ids.ts';

/** One signal: something a person can notice that may point to human trafficking. */
export const signaalSchema = z.strictObject({
  /** What someone can see or hear, as one short sentence, e.g. "Iemand heeft zijn eigen paspoort niet." */
  statement: z.string().min(10).max(160),
  /** Why this matters, in one or two plain sentences. */
  explanation: z.string().min(10).optional(),
  /** A short example situation. */
  example: z.string().min(10).optional(),
  /** The forms of exploitation this signal can point to (list all four when it fits every form). */
  forms: z.array(z.enum(FORM_IDS)).min(1, { error: 'Noem minstens één vorm van uitbuiting in forms.' }),
  /** Where it plays: binnenland (within the Netherlands), grensoverschrijdend (across borders) or beide. */
  context: z.enum(['binnenland', 'grensoverschrijdend', 'beide']),
  /** Who can notice it. */
  audiences: z.strictObject({
    /** Residents can notice this in daily life. */
    inwoner: z.boolean().default(false),
    /** Business sectors where owners or staff can notice this. */
    ondernemer: z.array(z.enum(SECTOR_IDS)).default([]),
    /** Professional roles that can notice this in their work. */
    professional: z.array(z.enum(ROLE_IDS)).default([]),
  }),
  /** A key signal: printed on every gemeente's signalenkaart (keep to about three per form). */
  key: z.boolean().default(false),
  /** Where this signal comes from. */
  sources,
  /** Concept: true shows it in npm run dev (preview) but never publishes it with npm run build. */
  draft: z.boolean().default(false),
});
export type Signaal = z.infer<typeof signaalSchema>;
