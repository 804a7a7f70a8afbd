/**
 * npm run index:search — writes the Pagefind index again over an existing build (dist/client),
 * as the build does, without rebuilding the pages: for tuning what gets indexed.
 */
import { writeSearchIndex } from '../src/integrations/pagefind.mjs';

const started = performance.now();
const { pages, indexed } = await writeSearchIndex('dist/client');
console.log(`Pagefind: ${pages} pagina’s gebouwd, ${indexed} aangeboden aan de zoekindex (${((performance.now() - started) / 1000).toFixed(1)} s)`);
