import { z } from 'astro/zod';
import { idField, province, sources } from '../fields.ts';
import { regionalBodies } from './bodies.ts';

/** A region: a police basisteam, district or set of municipalities working together. */
export const regioSchema = z.strictObject({
  /** Name as used in the seed documents, e.g. "Basisteam Heuvelrug". */
  name: z.string().min(2),
  /** What kind of cooperation this is, in a few words, e.g. "politie-basisteam". */
  kind: z.string().min(2),
  /** Province(s) the region lies in. */
  provinces: z.array(province).min(1),
  /** Plain-Dutch description of how the region works together against human trafficking. */
  description: z.string().min(20),
  /** Organisations that serve every member municipality; a municipality may override one. */
  bodies: regionalBodies.default({}),
  /** Policy documents (ids in content/beleid/) that apply across the region. */
  beleid: z.array(idField).default([]),
  /** Where these facts come from. */
  sources,
});
export type Regio = z.infer<typeof regioSchema>;
