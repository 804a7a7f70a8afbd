/**
 * Bytes a browser downloads for one page template, from the built files in dist/client:
 * the HTML plus every stylesheet and script it references, raw and gzip-compressed.
 * Usage: npm run build && npm run measure [-- /path/ /other/]
 */
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const root = 'dist/client';
const pages = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['/', '/gemeenten/', '/gemeenten/woerden/', '/beleid/groningen-2022-2024/', '/cijfers/', '/hulp/'];

function file(path) {
  const full = join(root, path.endsWith('/') ? `${path}index.html` : path);
  if (!existsSync(full)) throw new Error(`${full} bestaat niet: bouw eerst met npm run build`);
  return readFileSync(full);
}

const size = (buffer) => ({ raw: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length });

const rows = pages.map((page) => {
  const html = file(page);
  const text = html.toString('utf8');
  const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const js = [...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  const sum = (paths) =>
    paths.map((p) => size(file(p))).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  // Small scripts are inlined by Astro (and hashed in the CSP): count them as JavaScript too.
  const inline = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => Buffer.from(m[1]));
  const inlineJs = inline.map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  const external = sum(js);
  return { page, html: size(html), css: sum(css), external, js: { raw: external.raw + inlineJs.raw, gzip: external.gzip + inlineJs.gzip } };
});

const kb = (n) => (n / 1024).toFixed(1);
console.log('| page | HTML raw / gzip (KB) | CSS raw / gzip (KB) | JS raw / gzip (KB, incl. inline) | total gzip (KB) |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  // Inline JS is already inside the HTML bytes: add only the external files.
  const total = r.html.gzip + r.css.gzip + r.external.gzip;
  console.log(`| ${r.page} | ${kb(r.html.raw)} / ${kb(r.html.gzip)} | ${kb(r.css.raw)} / ${kb(r.css.gzip)} | ${kb(r.js.raw)} / ${kb(r.js.gzip)} | ${kb(total)} |`);
}
