import { z } from 'astro/zod';
import { sources } from '../fields.ts';

/** A vulnerability factor: something that makes a person easier to exploit (not a signal in itself). */
export const kwetsbaarheidSchema = z.strictObject({
  /** Short description, e.g. "Schulden hebben bij de persoon die werk of reis regelde." */
  statement: z.string().min(10).max(160),
  /** Why it makes someone vulnerable, in plain words. */
  explanation: z.string().min(10).optional(),
  /** Where this comes from. */
  sources,
});
export type Kwetsbaarheid = z.infer<typeof kwetsbaarheidSchema>;
