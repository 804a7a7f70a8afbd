/**
 * Content collections. Folders and schemas are listed once in src/lib/content/collections.ts
 * (plain TypeScript, shared with the unit tests); this file only wires them to Astro.
 *
 * CONTENT_DIR lets tests build the site from a copy of content/ with a deliberate error.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { COLLECTIONS, type CollectionName } from './lib/content/collections';

const contentDir = process.env.CONTENT_DIR ?? './content';

function collection<Name extends CollectionName>(name: Name) {
  const spec = COLLECTIONS[name];
  const pattern = 'nested' in spec ? `*/*.${spec.extension}` : `*.${spec.extension}`;
  return defineCollection({ loader: glob({ pattern, base: `${contentDir}/${spec.folder}` }), schema: spec.schema });
}

export const collections = {
  bronnen: collection('bronnen'),
  organisaties: collection('organisaties'),
  regios: collection('regios'),
  gebieden: collection('gebieden'),
  gemeenten: collection('gemeenten'),
  beleid: collection('beleid'),
  cijfers: collection('cijfers'),
  paginas: collection('paginas'),
  signalen: collection('signalen'),
  kwetsbaarheden: collection('kwetsbaarheden'),
  sectoren: collection('sectoren'),
  meldroutes: collection('meldroutes'),
  interneRoutes: collection('interneRoutes'),
  vertalingen: collection('vertalingen'),
  vertaaldePaginas: collection('vertaaldePaginas'),
};
