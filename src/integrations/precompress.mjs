/**
 * Brotli and gzip copies of the built text files (file.html.br, file.html.gz), and the table
 * of every file the Node server reads at start-up (src/server/static-manifest.mjs). Runs after
 * Pagefind, so the search's own text files (pagefind.js, pagefind-entry.json) are compressed
 * too; its index files are gzip already and stay as they are.
 *
 * Compressing at build time lets Brotli use its best (slowest) setting once instead of a fast
 * one per request. Copies of unchanged files come from a cache (node_modules/.cache), so a
 * rebuild of the same content costs little. Only for the Node target: the Worker's platform
 * compresses its static assets itself (docs/DEPLOY.md).
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { MANIFEST_FILE, MANIFEST_VERSION, MIN_SAVING, isCompressible, manifestRow, siteFiles, addressOf, etagOf } from '../server/static-manifest.mjs';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Files smaller than this fit in one packet either way. */
const MIN_SIZE = 512;
/** Compressions at a time: zlib's async calls run on libuv's thread pool (4 threads). */
const PARALLEL = 4;

/**
 * Brotli's best quality (11) costs about 9 ms for a 10 KB page here, a minute for the 6,300
 * pages; quality 5 takes 0.3 ms and is about 11% larger (measured, docs/BENCHMARKS.md). Pages are
 * small and each is fetched once per visit, so they get 5; the stylesheets, scripts and search
 * files every visitor downloads get 11.
 */
const brotliQuality = (file) => (file.endsWith('.html') ? 5 : 11);

const ENCODERS = {
  br: (bytes, file) =>
    brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality(file), [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  gz: (bytes) => gzip(bytes, { level: 9 }),
};

/**
 * A copy from the cache, or made and cached. The cache key is the content hash, so a changed
 * file never gets an old copy.
 */
async function compressed(cacheDir, file, bytes, encoding, used) {
  const name = `${etagOf(bytes).slice(1, -1)}.${encoding === 'br' ? `${brotliQuality(file)}.br` : encoding}`;
  used.add(name);
  const cached = join(cacheDir, name);
  try {
    return await readFile(cached);
  } catch {
    const copy = await ENCODERS[encoding](bytes, file);
    await writeFile(cached, copy);
    return copy;
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pooled(items, limit, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * Writes the copies and the table for the client folder `clientDir`; the table goes to
 * `tableDir` (the build folder, next to client/, so it is never served).
 * @returns {Promise<{ files: number, compressed: number, bytes: number, brBytes: number }>}
 */
export async function precompress(clientDir, tableDir, cacheDir) {
  await mkdir(cacheDir, { recursive: true });
  const used = new Set();
  const files = await siteFiles(clientDir);
  const table = {};
  const totals = { files: files.length, compressed: 0, bytes: 0, brBytes: 0 };
  await pooled(files, PARALLEL, async (file) => {
    const path = join(clientDir, file);
    const bytes = await readFile(path);
    const copies = {};
    if (isCompressible(file) && bytes.length >= MIN_SIZE) {
      for (const encoding of ['br', 'gz']) {
        const copy = await compressed(cacheDir, file, bytes, encoding, used);
        if (copy.length <= bytes.length * (1 - MIN_SAVING)) {
          await writeFile(`${path}.${encoding}`, copy);
          copies[encoding] = copy.length;
        } else {
          await rm(`${path}.${encoding}`, { force: true });
        }
      }
      if (copies.br) {
        totals.compressed += 1;
        totals.bytes += bytes.length;
        totals.brBytes += copies.br;
      }
    }
    table[addressOf(file)] = manifestRow(file, bytes, copies);
  });
  // Sorted, so the same site gives the same table.
  const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(join(tableDir, MANIFEST_FILE), `${JSON.stringify({ version: MANIFEST_VERSION, files: sorted })}\n`);
  // Copies no file of this build needs any more go, so the cache does not grow without end.
  for (const name of await readdir(cacheDir)) if (!used.has(name)) await rm(join(cacheDir, name), { force: true });
  return totals;
}

/** @returns {import('astro').AstroIntegration} */
export function precompressIntegration() {
  let cacheDir = '';
  return {
    name: 'meldwijzer:precompress',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = join(fileURLToPath(config.cacheDir), 'meldwijzer-precompress');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const clientDir = fileURLToPath(dir);
        const started = performance.now();
        const totals = await precompress(clientDir, join(clientDir, '..'), cacheDir);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        logger.info(
          `Gecomprimeerd: ${totals.compressed} van ${totals.files} bestanden (Brotli ${(totals.brBytes / 1024 / 1024).toFixed(1)} MB van ${(totals.bytes / 1024 / 1024).toFixed(1)} MB, gzip ook) in ${seconds} s`,
        );
      },
    },
  };
}
