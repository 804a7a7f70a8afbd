import { z } from 'astro/zod';
import { idField } from '../fields.ts';
import type { RegionalBody } from './ids.ts';

/** Which organisation fills a role for a region or municipality. */
export const regionalBodies = z.strictObject({
  /** Regionaal Informatie- en Expertise Centrum (id in content/organisaties/). */
  riec: idField.optional(),
  /** Zorg- en Veiligheidshuis. */
  zorgVeiligheidshuis: idField.optional(),
  /** Zorgcoördinator mensenhandel: arranges help and shelter for victims. */
  zorgcoordinator: idField.optional(),
  /** Veilig Thuis organisation of the region. */
  veiligThuis: idField.optional(),
  /** Police team covering the area (organisation id). */
  politie: idField.optional(),
});
export type RegionalBodies = z.infer<typeof regionalBodies>;

/** The roles here must be exactly REGIONAL_BODY_IDS, which have a label each: a type error otherwise. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const BODY_ROLES_HAVE_LABELS: Same<keyof RegionalBodies, RegionalBody> = true;
