/**
 * The layers of docs/ARCHITECTURE.md as a check: every import under src/ (TypeScript, the
 * frontmatter and scripts of .astro files, .mjs) is read, its target's layer looked up, and an
 * import a layer may not make fails with the file, the import and the rule. The table below is
 * the one in the docs; change both together.
 *
 * Not dependency-cruiser: it cannot read .astro files, and it parses TypeScript through
 * TypeScript's JavaScript API, which TypeScript 7 no longer has. Imports are one statement form
 * each, so reading them is small; the first test shows the reader finds them all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Layer =
  | 'i18n'
  | 'content'
  | 'domain'
  | 'astro-bridge'
  | 'client'
  | 'styles'
  | 'components'
  | 'layout'
  | 'views'
  | 'pages'
  | 'server'
  | 'integrations'
  | 'receiver'
  | 'site-check'
  | 'desk-app'
  | 'desk'
  | 'config';

/** The layer of a file under src/, by its path; the first match wins. */
const LAYER_OF: [RegExp, Layer][] = [
  [/^src\/i18n\//, 'i18n'],
  // The two modules through which lib reads what Astro builds (collections, page titles).
  [/^src\/lib\/(site-data|built-pages)\.ts$/, 'astro-bridge'],
  // The whole-site check: the content's own checks, then the reporting-route graph (domain) over it.
  [/^src\/lib\/content\/(check|check-site)\.ts$/, 'site-check'],
  // Schemas, checks and queries of the content, with the small helpers they share (format, slug).
  [/^src\/lib\/(content\/|[^/]+\.ts$)/, 'content'],
  [/^src\/lib\/(meldroute|signalen|report|theme)\//, 'domain'],
  [/^src\/scripts\//, 'client'],
  [/^src\/styles\//, 'styles'],
  [/^src\/components\//, 'components'],
  [/^src\/layouts\//, 'layout'],
  [/^src\/views\//, 'views'],
  [/^src\/pages\//, 'pages'],
  [/^src\/(server|worker)\//, 'server'],
  [/^src\/integrations\//, 'integrations'],
  [/^src\/receiver\//, 'receiver'],
  // The intake desk, a second app: its Astro project (config, pages, layouts), then its server and browser scripts.
  [/^src\/desk\/(astro\.config\.mjs$|pages\/|layouts\/)/, 'desk-app'],
  [/^src\/desk\//, 'desk'],
  [/^src\/content\.config\.ts$/, 'config'],
];

/** What each layer may import from src/ (its own layer always). Data flows one way: content → lib → components → views → pages. */
const MAY_IMPORT: Record<Layer, Layer[]> = {
  // The languages and their strings sit under lib: lib's messages are interface strings. One way back: see below.
  i18n: [],
  content: ['i18n'],
  domain: ['content', 'i18n'],
  'astro-bridge': ['site-check', 'content', 'domain', 'i18n'],
  // Runs before a build and in `npm run check:content`; the one place content and the route graph meet.
  'site-check': ['content', 'domain', 'i18n'],
  // Browser scripts: bundled for the reader, so no Astro and nothing that reads the content at build.
  client: ['i18n', 'content', 'domain'],
  styles: [],
  components: ['client', 'styles', 'content', 'domain', 'astro-bridge', 'i18n'],
  layout: ['components', 'client', 'styles', 'content', 'domain', 'astro-bridge', 'i18n'],
  views: ['layout', 'components', 'client', 'styles', 'content', 'domain', 'astro-bridge', 'i18n'],
  pages: ['views', 'layout', 'components', 'client', 'styles', 'content', 'domain', 'astro-bridge', 'i18n'],
  // The Node server and the Worker wrap the report service; the headers are shared with the build.
  // The Node host's busy page (src/server/busy-page.mjs) speaks the reader's language: i18n.
  server: ['domain', 'i18n'],
  integrations: ['server', 'site-check', 'content', 'domain'],
  // The reference receiver (a developer tool, not part of the site) speaks the contract through the report service's crypto.
  receiver: ['domain'],
  // The desk shares the report service (the contract, sealing, days) and the site's look (styles, FormField); no layer of the site may import the desk.
  'desk-app': ['desk', 'components', 'domain', 'styles', 'integrations'],
  desk: ['domain'],
  config: ['content'],
};

/** Layers that may import Astro's virtual modules (astro:content, astro:i18n, virtual:…); the rest is plain TypeScript that tests and scripts run without Astro. */
const ASTRO_AWARE = new Set<Layer>(['astro-bridge', 'components', 'layout', 'views', 'pages', 'desk-app', 'config']);
/** The one i18n module that works inside Astro: links for a language (astro:i18n). */
const ASTRO_AWARE_FILES = new Set(['src/i18n/links.ts']);

interface Import {
  file: string;
  specifier: string;
  typeOnly: boolean;
}

const SOURCE = /\.(ts|mts|mjs|js|astro)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // Generated folders (the desk's own .astro/ and Vite cache in node_modules/) are not source.
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : filesUnder(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Block comments and whole-line comments out, so an example in a comment is not an import. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const STATEMENT = /^\s*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string, source: string): Import[] {
  const code = withoutComments(source);
  return [
    ...[...code.matchAll(STATEMENT)].map((m) => ({ file, specifier: m[3], typeOnly: Boolean(m[2]) })),
    ...[...code.matchAll(DYNAMIC)].map((m) => ({ file, specifier: m[1], typeOnly: false })),
  ];
}

const root = resolve(import.meta.dirname, '../..');
const files = filesUnder(join(root, 'src')).map((path) => relative(root, path));
const imports = files.flatMap((file) => importsOf(file, readFileSync(join(root, file), 'utf8')));

function layerOf(file: string): Layer | undefined {
  return LAYER_OF.find(([pattern]) => pattern.test(file))?.[1];
}

/** The file an import points at, relative to the repository ('src/lib/report/core/form' without extension is fine for its layer). */
function target(i: Import): string | undefined {
  if (!i.specifier.startsWith('.')) return undefined;
  return relative(root, resolve(root, dirname(i.file), i.specifier));
}

const isAstroModule = (specifier: string) => /^(astro|virtual):/.test(specifier);

/** Modules of src/ that import nothing from src/: lists of ids and options. */
const leaves = new Set(files.filter((file) => imports.every((i) => i.file !== file || target(i) === undefined)).map((file) => file.replace(SOURCE, '')));

describe('the layers of docs/ARCHITECTURE.md', () => {
  it('reads the imports of every kind of file it checks', () => {
    const sample = `---\nimport type { A } from '../a';\nimport B, { c } from './b.astro';\nimport '../styles/x.css';\n// import nope from 'nope';\nexport { d } from "./d.ts";\n---\n<script>\n  import { e } from '../scripts/e';\n  await import('./f.ts');\n</script>`;
    expect(importsOf('src/x.astro', sample).map((i) => [i.specifier, i.typeOnly])).toEqual([
      ['../a', true],
      ['./b.astro', false],
      ['../styles/x.css', false],
      ['./d.ts', false],
      ['../scripts/e', false],
      ['./f.ts', false],
    ]);
    expect(imports.length).toBeGreaterThan(500);
  });

  it('puts every file under src/ in a layer', () => {
    expect(files.filter((file) => !layerOf(file))).toEqual([]);
  });

  it('lets each layer import only the layers the table allows', () => {
    const broken = imports.flatMap((i) => {
      const to = target(i);
      if (to === undefined) return [];
      if (!to.startsWith('src/')) return [`${i.file}: imports ${i.specifier}, outside src/`];
      const from = layerOf(i.file)!;
      const toLayer = layerOf(to);
      if (!toLayer || toLayer === from || MAY_IMPORT[from].includes(toLayer)) return [];
      // The way back from i18n into lib: the strings' schema names a key per option id, so i18n may
      // import a module that imports nothing from src/ itself (a list of ids or options), and types.
      if (from === 'i18n' && (i.typeOnly || leaves.has(to.replace(SOURCE, '')))) return [];
      return [`${i.file} (${from}) imports ${i.specifier} (${toLayer}); ${from} may import ${MAY_IMPORT[from].join(', ') || 'nothing else'}`];
    });
    expect(broken).toEqual([]);
  });

  it('keeps Astro out of the plain TypeScript that tests and scripts run', () => {
    const astro = imports.filter((i) => isAstroModule(i.specifier) && !ASTRO_AWARE.has(layerOf(i.file)!) && !ASTRO_AWARE_FILES.has(i.file));
    expect(astro.map((i) => `${i.file}: ${i.specifier}`)).toEqual([]);
    const components = imports.filter((i) => i.specifier.endsWith('.astro') && !ASTRO_AWARE.has(layerOf(i.file)!));
    expect(components.map((i) => `${i.file}: ${i.specifier}`)).toEqual([]);
  });
});
