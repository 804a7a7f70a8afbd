/**
 * Content collections. Shapes live in src/lib/content/schemas.ts (plain TypeScript, unit
 * tested); this file only wires each folder of content/ to its schema.
 *
 * CONTENT_DIR lets tests build the site from a copy of content/ with a deliberate error.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import {
  beleidSchema,
  bronSchema,
  cijferSchema,
  gemeenteSchema,
  organisatieSchema,
  interneRouteSchema,
  kwetsbaarheidSchema,
  meldrouteSchema,
  paginaSchema,
  regioSchema,
  sectorSchema,
  signaalSchema,
} from './lib/content/schemas';

const contentDir = process.env.CONTENT_DIR ?? './content';

function folder(name: string, extensions: string) {
  return glob({ pattern: `*.${extensions}`, base: `${contentDir}/${name}` });
}

export const collections = {
  bronnen: defineCollection({ loader: folder('bronnen', 'yaml'), schema: bronSchema }),
  organisaties: defineCollection({ loader: folder('organisaties', 'yaml'), schema: organisatieSchema }),
  regios: defineCollection({ loader: folder('regios', 'yaml'), schema: regioSchema }),
  gemeenten: defineCollection({ loader: folder('gemeenten', 'yaml'), schema: gemeenteSchema }),
  beleid: defineCollection({ loader: folder('beleid', 'mdx'), schema: beleidSchema }),
  cijfers: defineCollection({ loader: folder('cijfers', 'yaml'), schema: cijferSchema }),
  paginas: defineCollection({ loader: folder('paginas', 'mdx'), schema: paginaSchema }),
  signalen: defineCollection({ loader: folder('signalen', 'yaml'), schema: signaalSchema }),
  kwetsbaarheden: defineCollection({ loader: folder('kwetsbaarheden', 'yaml'), schema: kwetsbaarheidSchema }),
  sectoren: defineCollection({ loader: folder('sectoren', 'yaml'), schema: sectorSchema }),
  meldroutes: defineCollection({ loader: folder('meldroutes', 'yaml'), schema: meldrouteSchema }),
  interneRoutes: defineCollection({ loader: folder('interne-routes', 'yaml'), schema: interneRouteSchema }),
};
