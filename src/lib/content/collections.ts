/**
 * Where each content collection lives and which schema checks it: the one list that both the
 * Astro build (src/content.config.ts) and the plain-Node reader (read-content.ts) use.
 */
import {
  beleidSchema,
  bronSchema,
  cijferSchema,
  gebiedSchema,
  gemeenteSchema,
  interneRouteSchema,
  kwetsbaarheidSchema,
  meldrouteSchema,
  organisatieSchema,
  paginaSchema,
  regioSchema,
  sectorSchema,
  signaalSchema,
  vertaaldePaginaSchema,
  vertalingSchema,
} from './schemas.ts';

export const COLLECTIONS = {
  bronnen: { schema: bronSchema, folder: 'bronnen', extension: 'yaml' },
  organisaties: { schema: organisatieSchema, folder: 'organisaties', extension: 'yaml' },
  regios: { schema: regioSchema, folder: 'regios', extension: 'yaml' },
  gebieden: { schema: gebiedSchema, folder: 'gebieden', extension: 'yaml' },
  gemeenten: { schema: gemeenteSchema, folder: 'gemeenten', extension: 'yaml' },
  beleid: { schema: beleidSchema, folder: 'beleid', extension: 'mdx' },
  cijfers: { schema: cijferSchema, folder: 'cijfers', extension: 'yaml' },
  paginas: { schema: paginaSchema, folder: 'paginas', extension: 'mdx' },
  signalen: { schema: signaalSchema, folder: 'signalen', extension: 'yaml' },
  kwetsbaarheden: { schema: kwetsbaarheidSchema, folder: 'kwetsbaarheden', extension: 'yaml' },
  sectoren: { schema: sectorSchema, folder: 'sectoren', extension: 'yaml' },
  meldroutes: { schema: meldrouteSchema, folder: 'meldroutes', extension: 'yaml' },
  interneRoutes: { schema: interneRouteSchema, folder: 'interne-routes', extension: 'yaml' },
  vertalingen: { schema: vertalingSchema, folder: 'vertalingen', extension: 'yaml' },
  /** One folder per language inside vertalingen/: the id is "<taal>/<pagina>", e.g. "pl/hulp". */
  vertaaldePaginas: { schema: vertaaldePaginaSchema, folder: 'vertalingen', extension: 'mdx', nested: true },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
