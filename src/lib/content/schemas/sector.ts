import { z } from 'astro/zod';
import { idField, sources } from '../fields.ts';

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
export type SectorGuidance = z.infer<typeof sectorSchema>;
