/**
 * Builds the Pagefind search index after Astro has written the static pages, through
 * Pagefind's Node API. Every Pagefind response is checked: an indexing error fails the
 * build instead of shipping a silently empty search (the pattern Starlight uses).
 * Only the pages search-scope.mjs allows are added (the per-municipality copies are not).
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { isSearchable } from './search-scope.mjs';

/** @param {{ errors?: string[] }} response @param {string} step */
function check(response, step) {
  if (response.errors?.length) {
    throw new Error(`Pagefind: ${step} mislukt`, { cause: new Error(response.errors.join('\n')) });
  }
  return response;
}

/** The URL path of a built HTML file, as Pagefind would derive it: "a/b/index.html" is "/a/b/". */
const urlPathOf = (/** @type {string} */ file) => `/${file.split('\\').join('/')}`.replace(/index\.html$/, '');

async function newIndex() {
  // Source lists (citations under most pages) are not what a reader searches for, and they named
  // municipalities on pages about something else ("Woerden" found signal pages that cite its
  // plan). The explanation under each signal in a list is on the signal's own page.
  const { index } = check(await pagefind.createIndex({ excludeSelectors: ['.sources', '.signal-list .signal > p'] }), 'index maken');
  if (!index) throw new Error('Pagefind: geen index ontvangen');
  return index;
}

/**
 * The pages with the most different words first. Pagefind numbers pages in the order they are
 * added, and every word of a page stores that number in the index chunks: numbers under 24 take
 * one byte, under 256 two, above three. Measured (npm run bench:search): the Dutch index chunks,
 * one of which every query downloads, 5% smaller than in file order, for a first pass that only
 * counts words (a few seconds of build time).
 * @template {{ file: string, url: string, content: string }} P @param {P[]} pages @returns {Promise<P[]>}
 */
async function inIndexOrder(pages) {
  const index = await newIndex();
  const words = new Map();
  for (const page of pages) words.set(page, check(await index.addHTMLFile({ url: page.url, content: page.content }), `${page.file} tellen`).file.uniqueWords);
  await index.deleteIndex();
  // Ties in path order, so the index is the same on every machine.
  return [...pages].sort((a, b) => words.get(b) - words.get(a) || a.url.localeCompare(b.url));
}

/**
 * Indexes the built site in outputDir and writes the index to outputDir/pagefind. Also run on
 * its own over an existing build: `npm run index:search`.
 * @param {string} outputDir @returns {Promise<{ pages: number, indexed: number }>}
 */
export async function writeSearchIndex(outputDir) {
  // A previous index's files would stay beside the new ones (and be counted as its size).
  await rm(join(outputDir, 'pagefind'), { recursive: true, force: true });
  const files = (await readdir(outputDir, { recursive: true })).filter((f) => f.endsWith('.html'));
  const searchable = files.filter((f) => isSearchable(urlPathOf(f)));
  const pages = await Promise.all(searchable.map(async (file) => ({ file, url: urlPathOf(file), content: await readFile(join(outputDir, file), 'utf8') })));
  try {
    const ordered = await inIndexOrder(pages);
    const index = await newIndex();
    for (const { file, url, content } of ordered) check(await index.addHTMLFile({ url, content }), `${file} toevoegen`);
    check(await index.writeFiles({ outputPath: join(outputDir, 'pagefind') }), 'index schrijven');
  } finally {
    await pagefind.close();
  }
  return { pages: files.length, indexed: searchable.length };
}

/** @returns {import('astro').AstroIntegration} */
export function pagefindIntegration() {
  return {
    name: 'meldwijzer:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { pages, indexed } = await writeSearchIndex(fileURLToPath(dir));
        // bench:scale reads the first number as the count of built pages.
        logger.info(`Pagefind: ${pages} pagina’s gebouwd, ${indexed} aangeboden aan de zoekindex (zie search-scope.mjs)`);
      },
    },
  };
}
