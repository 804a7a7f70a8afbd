/**
 * Builds the Pagefind search index after Astro has written the static pages, through
 * Pagefind's Node API. Every Pagefind response is checked: an indexing error fails the
 * build instead of shipping a silently empty search (the pattern Starlight uses).
 */
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/** @param {{ errors?: string[] }} response @param {string} step */
function check(response, step) {
  if (response.errors?.length) {
    throw new Error(`Pagefind: ${step} mislukt`, { cause: new Error(response.errors.join('\n')) });
  }
  return response;
}

/** @returns {import('astro').AstroIntegration} */
export function pagefindIntegration() {
  return {
    name: 'meldwijzer:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outputDir = fileURLToPath(dir);
        const { index } = check(await pagefind.createIndex({}), 'index maken');
        if (!index) throw new Error('Pagefind: geen index ontvangen');
        try {
          const { page_count } = check(await index.addDirectory({ path: outputDir }), 'pagina’s toevoegen');
          check(await index.writeFiles({ outputPath: `${outputDir}/pagefind` }), 'index schrijven');
          logger.info(`Pagefind: ${page_count} pagina’s geïndexeerd`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
