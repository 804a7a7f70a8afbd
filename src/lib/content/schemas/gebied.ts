import { z } from 'astro/zod';
import { idField, sources } from '../fields.ts';
import { GEBIED_TYPE_IDS, type GebiedType } from './ids.ts';

/** The letters of the CBS code for each type: VR13, VT01, RE05. */
export const GEBIED_CODE_PREFIX: Record<GebiedType, string> = {
  veiligheidsregio: 'VR',
  'veilig-thuis-regio': 'VT',
  'politie-eenheid': 'RE',
};

/**
 * An official region division (gebied): a veiligheidsregio, a Veilig Thuis region or a
 * regional unit of the police. Generated from CBS data by scripts/generate-gemeenten.ts;
 * members are the municipalities that name it.
 */
export const gebiedSchema = z
  .strictObject({
    /** Name as the CBS data set writes it, e.g. "Amsterdam-Amstelland". */
    name: z.string().min(2),
    /** Which division this is: veiligheidsregio, veilig-thuis-regio or politie-eenheid. */
    type: z.enum(GEBIED_TYPE_IDS),
    /** CBS code of the region: VR, VT or RE followed by two digits, e.g. "VT20". */
    code: z.string().regex(/^(VR|VT|RE)\d{2}$/, {
      error: 'Een gebiedscode is VR, VT of RE gevolgd door twee cijfers, bijvoorbeeld VT20. Neem de code over uit de CBS-gebiedsindeling.',
    }),
    /** Year of the division the membership comes from, e.g. 2025. */
    year: z.number().int().min(2000),
    /** Organisation (id in content/organisaties/) that serves this region, e.g. its own Veilig Thuis; only when a source names it. */
    organisation: idField.optional(),
    /** Zorgcoördinator mensenhandel (id in content/organisaties/) for the whole Veilig Thuis region; only when a source names it. */
    zorgcoordinator: idField.optional(),
    /** Zorg- en Veiligheidshuis (id in content/organisaties/) for the whole Veilig Thuis region; only when a source names it. */
    zorgVeiligheidshuis: idField.optional(),
    /** Where these facts come from. */
    sources,
  })
  .refine((g) => g.code.startsWith(GEBIED_CODE_PREFIX[g.type]), {
    error: 'De code past niet bij het type: een veiligheidsregio heeft een VR-code, een Veilig Thuis-regio een VT-code en een politie-eenheid een RE-code.',
    path: ['code'],
  });

export type Gebied = z.infer<typeof gebiedSchema>;
