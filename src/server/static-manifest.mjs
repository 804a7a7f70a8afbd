/**
 * The table of the prerendered site's files, made once when the site is built
 * (src/integrations/precompress.mjs) and read by the Node server at start-up
 * (static-files.mjs): per address the file, its type, a content hash for the ETag and the sizes
 * of its Brotli and gzip copies. The server then needs no file-system lookup, stat, hashing or
 * compression per request. Plain JavaScript so the server starts without a TypeScript step.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the table lives: next to dist/client, so it is never served itself. */
export const MANIFEST_FILE = 'static-files.json';
export const MANIFEST_VERSION = 1;

/** Content types of what the build writes (anything else is sent as octet-stream, like `send` did). */
export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  svg: 'image/svg+xml',
  txt: 'text/plain; charset=utf-8',
  webmanifest: 'application/manifest+json; charset=utf-8',
  ico: 'image/vnd.microsoft.icon',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  woff2: 'font/woff2',
  pdf: 'application/pdf',
  wasm: 'application/wasm',
};

/**
 * Text worth compressing. Pagefind's index files (.pf_*, .pagefind) are gzip already and stay as
 * they are; images and fonts are compressed formats.
 */
export const COMPRESSIBLE = new Set(['html', 'css', 'js', 'mjs', 'json', 'xml', 'svg', 'txt', 'webmanifest']);

/** Copies that save less than this share are not worth a second file. */
export const MIN_SAVING = 0.1;

const extensionOf = (file) => /\.([a-z0-9_]+)$/i.exec(file)?.[1].toLowerCase() ?? '';
export const contentTypeOf = (file) => CONTENT_TYPES[extensionOf(file)] ?? 'application/octet-stream';
export const isCompressible = (file) => COMPRESSIBLE.has(extensionOf(file));
/** Copies made by the build, never listed as files of their own. */
export const isCompressedCopy = (file) => /\.(?:br|gz)$/.test(file) && COMPRESSIBLE.has(extensionOf(file.slice(0, -3)));

/** The address a file is served at: "hulp/index.html" → "/hulp/", "robots.txt" → "/robots.txt". */
export const addressOf = (file) => `/${file.split('\\').join('/')}`.replace(/(^|\/)index\.html$/, '$1');

/** A strong validator from the bytes: the same file in two builds keeps its ETag. */
export const etagOf = (bytes) => `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;

/** Every file under `dir` (relative paths, '/'-separated), without the compressed copies. */
export async function siteFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length)
        .replace(/^[\\/]/, '')
        .split('\\')
        .join('/'),
    )
    .filter((file) => !isCompressedCopy(file))
    .sort();
}

/**
 * One row of the table.
 * @param {string} file relative path
 * @param {Buffer} bytes its content
 * @param {{ br?: number, gz?: number }} copies sizes of the compressed copies next to it
 */
export const manifestRow = (file, bytes, copies = {}) => ({ file, type: contentTypeOf(file), etag: etagOf(bytes), size: bytes.length, ...copies });

/**
 * The table without compressed copies, for a build made before the build wrote one (the
 * server makes it at start-up then, reading every file once).
 * @param {string} dir the client folder
 */
export async function manifestWithoutCopies(dir) {
  const files = {};
  for (const file of await siteFiles(dir)) files[addressOf(file)] = manifestRow(file, await readFile(join(dir, file)));
  return { version: MANIFEST_VERSION, files };
}
