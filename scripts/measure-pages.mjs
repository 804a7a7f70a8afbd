/**
 * Bytes a browser downloads for one page template, from the built files in dist/client:
 * the HTML plus every stylesheet and script it references, raw and gzip-compressed. Scripts
 * count with the workers they start (a built file named in a script, such as the report form's
 * proof-of-work solver). Pages rendered on demand (the report form) are not in dist/client:
 * their HTML is fetched from the built server, started for the run.
 * Usage: npm run build && npm run measure [-- /path/ /other/]
 */
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const root = 'dist/client';
const pages = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['/', '/gemeenten/', '/gemeenten/woerden/', '/beleid/groningen-2022-2024/', '/cijfers/', '/hulp/', '/melden/anoniem/'];

const builtPath = (path) => join(root, path.endsWith('/') ? `${path}index.html` : path);

function file(path) {
  const full = builtPath(path);
  if (!existsSync(full)) throw new Error(`${full} bestaat niet: bouw eerst met npm run build`);
  return readFileSync(full);
}

// On-demand pages need the server; start it only when one is asked for.
let server;
let dataDir;
async function html(page) {
  if (existsSync(builtPath(page))) return file(page);
  if (!server) {
    const { startServer } = await import('../tests/support/processes.ts');
    dataDir = mkdtempSync(join(tmpdir(), 'measure-'));
    server = await startServer({ REPORT_DATA_DIR: dataDir });
  }
  const response = await fetch(`${server.url}${page}`);
  if (!response.ok) throw new Error(`${page} gaf ${response.status}: bestaat de pagina?`);
  return Buffer.from(await response.arrayBuffer());
}

const size = (buffer) => ({ raw: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length });
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });
const nothing = { raw: 0, gzip: 0 };
/** Built scripts a script names, e.g. new Worker("/_astro/proof-of-work.worker-….js"). */
const started = (source) => [...source.matchAll(/["'`](\/_astro\/[\w.-]+\.js)["'`]/g)].map((m) => m[1]);

const rows = [];
try {
  for (const page of pages) {
    const body = await html(page);
    const text = body.toString('utf8');
    const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
    // Small scripts are inlined by Astro (and hashed in the CSP): count them as JavaScript too.
    const inline = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const scripts = new Set([...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]));
    for (const source of [...inline, ...[...scripts].map((p) => file(p).toString('utf8'))]) for (const p of started(source)) scripts.add(p);
    const external = [...scripts].map((p) => size(file(p))).reduce(add, nothing);
    const inlineJs = inline.map((s) => size(Buffer.from(s))).reduce(add, nothing);
    rows.push({ page, html: size(body), css: css.map((p) => size(file(p))).reduce(add, nothing), external, js: add(external, inlineJs) });
  }
} finally {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

const kb = (n) => (n / 1024).toFixed(1);
console.log('| page | HTML raw / gzip (KB) | CSS raw / gzip (KB) | JS raw / gzip (KB, incl. inline and workers) | total gzip (KB) |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  // Inline JS is already inside the HTML bytes: add only the external files.
  const total = r.html.gzip + r.css.gzip + r.external.gzip;
  console.log(
    `| ${r.page} | ${kb(r.html.raw)} / ${kb(r.html.gzip)} | ${kb(r.css.raw)} / ${kb(r.css.gzip)} | ${kb(r.js.raw)} / ${kb(r.js.gzip)} | ${kb(total)} |`,
  );
}
