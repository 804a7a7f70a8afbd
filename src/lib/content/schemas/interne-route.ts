import { z } from 'astro/zod';
import { idField, sources } from '../fields.ts';

/** One step of an internal route for municipal staff. */
const internalStep = z.strictObject({
  /** What happens in this step, as a short heading. */
  title: z.string().min(3),
  /** Who acts (a role or department, never a person's name). */
  who: z.string().min(2),
  /** What they do, in plain words. */
  does: z.string().min(10),
  /** Who is informed or involved in this step. */
  informs: z.array(z.string().min(2)).default([]),
});

/** The internal reporting route for municipal staff, as a seed describes it. */
export const interneRouteSchema = z.strictObject({
  /** Title, e.g. "Interne meldroute gemeente Woerden". */
  title: z.string().min(5),
  /** Municipalities whose staff follow this route (ids in content/gemeenten/). */
  gemeenten: z.array(idField).min(1),
  /** One paragraph: when to use this route. */
  intro: z.string().min(20),
  /** Acute situations that skip the steps, e.g. "Bij direct gevaar: bel 112". */
  acute: z.string().min(10),
  /** The steps in order. */
  steps: z.array(internalStep).min(2),
  /** Classifications or outcomes the route uses (e.g. Veilig Thuis's four classifications). */
  classifications: z.array(z.strictObject({ name: z.string().min(2), meaning: z.string().min(5) })).default([]),
  /** Where this route comes from. */
  sources,
});
export type InterneRoute = z.infer<typeof interneRouteSchema>;
