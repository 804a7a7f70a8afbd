import { z } from 'astro/zod';
import { sources } from '../fields.ts';

/** A national or regional figure set, rendered as a chart and a table. */
export const cijferSchema = z
  .strictObject({
    /** Title of the chart, e.g. "Geregistreerde mogelijke slachtoffers bij CoMensha". */
    title: z.string().min(5),
    /** What the numbers mean, in one or two plain sentences. */
    description: z.string().min(10),
    /** Area the figures cover, e.g. "Nederland" or "Limburg". */
    area: z.string().min(2),
    /** What one unit is, e.g. "slachtoffers". */
    unit: z.string().min(2),
    /** Order on the figures page (low first). */
    order: z.number().int().default(100),
    /** The data points, drawn as a bar chart and listed in a table. */
    values: z
      .array(
        z.strictObject({
          /** Category or year. */
          label: z.string().min(1),
          /** The number. */
          value: z.number().nonnegative(),
        }),
      )
      .default([]),
    /** A range instead of counts, e.g. an estimate of 5,000 to 7,500 a year (shown as text). */
    range: z.strictObject({ low: z.number(), high: z.number(), per: z.string() }).optional(),
    /** Where the figures come from. */
    sources,
  })
  .refine((set) => set.values.length > 0 || set.range, {
    error: 'Geef de cijfers als values (een lijst van label en value) of als range (low, high, per).',
    path: ['values'],
  });
export type Cijfer = z.infer<typeof cijferSchema>;
