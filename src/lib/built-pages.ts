/**
 * Finds a built Dutch page on disk, for the notice served at /<taal>/<path>/ when that page has
 * no translation. The server wrapper (scripts/serve.mjs) says where the built pages are; the
 * default is dist/client under the working directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

function clientDir(): string {
  return resolve(process.env.MELDWIJZER_CLIENT_DIR ?? join(process.cwd(), 'dist', 'client'));
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/** The title of the built page at `path` (e.g. "/cijfers/"), or undefined when there is none. */
export function builtPageTitle(path: string): string | undefined {
  if (!path.endsWith('/') || path.includes('\0')) return undefined;
  const root = clientDir();
  const file = resolve(root, `.${path}`, 'index.html');
  // Only files inside the client folder; the URL parser already removes "..", this makes sure.
  if (!file.startsWith(root + sep) || !existsSync(file)) return undefined;
  const title = /<title>([^<]*)<\/title>/.exec(readFileSync(file, 'utf8'))?.[1];
  if (title === undefined) return undefined;
  return title.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]).replace(/ \| Meldwijzer Mensenhandel$/, '');
}
