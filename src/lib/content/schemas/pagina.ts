import { z } from 'astro/zod';
import { idField, isoDate, sourceRef } from '../fields.ts';

/** A plain content page (wat is mensenhandel, hulp, privacy …) written in MDX. */
export const paginaSchema = z.strictObject({
  /** Page title (h1). */
  title: z.string().min(3),
  /** One-sentence description, used in search results and the meta description. */
  description: z.string().min(20),
  /** Where the facts on the page come from, when it states any. */
  sources: z.array(sourceRef).default([]),
  /** Organisations (ids in content/organisaties/) shown as contact cards below the text. */
  contacts: z.array(idField).default([]),
  /** Date of the last content review (JJJJ-MM-DD). */
  reviewed: isoDate,
  /** Concept: true shows it in npm run dev (preview) but never publishes it with npm run build. */
  draft: z.boolean().default(false),
});
export type Pagina = z.infer<typeof paginaSchema>;
