/**
 * The titles of the built Dutch pages, for the "only in Dutch" notice served on demand at
 * /<taal>/<path>/ (src/pages/[...path].astro). Every host gets them from inside the
 * server bundle, never from dist/ on disk at request time: a Worker has no disk, and the Node
 * server should not depend on where dist/ happens to be.
 *
 * The titles exist only once the pages are prerendered, which is after the server bundle is
 * written. So the bundle imports `virtual:meldwijzer/page-titles`, which is a placeholder string
 * at bundle time; astro:build:done reads the title of every prerendered Dutch page and writes
 * the JSON into that string in the built server files. A build where the placeholder is not
 * found exactly as expected fails, rather than shipping notice pages that all say "not found".
 * Under `astro dev` there is no build: the module answers by fetching the Dutch page itself.
 * Plain JavaScript, like astro.config.mjs that loads it.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULE_ID = 'virtual:meldwijzer/page-titles';
const RESOLVED_ID = `\0${MODULE_ID}`;
/** Replaced, quotes included, by a JSON string literal in the built server files. */
export const PLACEHOLDER = '__MELDWIJZER_PAGE_TITLES_JSON__';
const PLACEHOLDER_LITERAL = new RegExp(`(["'\`])${PLACEHOLDER}\\1`, 'g');
const LOCALE_PREFIX = /^\/(?:en|pl|ro|bg|uk)\//;

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/** The page's own title: <title> without the site name, entities decoded. */
export function titleOf(html) {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
  if (title === undefined) return undefined;
  return title.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]).replace(/ \| Meldwijzer Mensenhandel$/, '');
}

const BUILD_MODULE = `const titles = JSON.parse(${JSON.stringify(PLACEHOLDER)});
export async function dutchPageTitle(path) {
  return Object.hasOwn(titles, path) ? titles[path] : undefined;
}`;

// Dev only: ask the dev server for the Dutch page (there is no build to read titles from).
const DEV_MODULE = `${titleOf.toString()}
const ENTITIES = ${JSON.stringify(ENTITIES)};
export async function dutchPageTitle(path, url) {
  if (!path.endsWith('/') || ${LOCALE_PREFIX}.test(path)) return undefined;
  const response = await fetch(new URL(path, url));
  return response.ok ? titleOf(await response.text()) : undefined;
}`;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.m?js$/.test(entry.name)) yield path;
  }
}

/** @returns {import('astro').AstroIntegration} */
export function pageTitlesIntegration() {
  let serverDir = '';
  let command = 'build';
  return {
    name: 'meldwijzer:page-titles',
    hooks: {
      'astro:config:setup': ({ updateConfig, command: current }) => {
        command = current;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'meldwijzer:page-titles',
                resolveId: (id) => (id === MODULE_ID ? RESOLVED_ID : undefined),
                load: (id) => (id === RESOLVED_ID ? (command === 'dev' ? DEV_MODULE : BUILD_MODULE) : undefined),
              },
            ],
          },
        });
      },
      'astro:config:done': ({ config }) => {
        serverDir = fileURLToPath(config.build.server);
      },
      'astro:build:done': async ({ pages, dir, logger }) => {
        const clientDir = fileURLToPath(dir);
        /** @type {Record<string, string>} */
        const titles = {};
        for (const { pathname } of pages) {
          const path = `/${pathname}`.replace(/\/?$/, '/').replace(/^\/\//, '/');
          if (LOCALE_PREFIX.test(path)) continue;
          const html = await readFile(join(clientDir, path, 'index.html'), 'utf8').catch(() => undefined);
          const title = html === undefined ? undefined : titleOf(html);
          if (title !== undefined) titles[path] = title;
        }
        const literal = JSON.stringify(JSON.stringify(titles));
        let replaced = 0;
        for await (const file of files(serverDir)) {
          const code = await readFile(file, 'utf8');
          if (!code.includes(PLACEHOLDER)) continue;
          const patched = code.replace(PLACEHOLDER_LITERAL, () => {
            replaced += 1;
            return literal;
          });
          if (patched.includes(PLACEHOLDER)) throw new Error(`Paginatitels: onverwachte vorm van ${PLACEHOLDER} in ${file}.`);
          await writeFile(file, patched);
        }
        if (replaced === 0) {
          throw new Error(`Paginatitels: ${PLACEHOLDER} niet gevonden in ${serverDir}. Importeert src/pages/[...path].astro ${MODULE_ID} nog?`);
        }
        logger.info(`Paginatitels: ${Object.keys(titles).length} Nederlandse pagina's in de server gezet`);
      },
    },
  };
}
