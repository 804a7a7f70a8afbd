/**
 * Where is this shown?  npm run where -- <organisatie-id | telefoonnummer | e-mailadres | webadres>
 * Lists the content files that name it and, when the site is built (dist/client), every page
 * that shows it: for an organisation, every page with one of its phone, e-mail or web links.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readContent } from '../src/lib/content/read-content.ts';
import { normalizeTerm, shownFactsOf, usesOf } from '../src/lib/content/where.ts';
import { phoneDigits } from '../src/lib/content/fields.ts';

const term = process.argv.slice(2).join(' ').trim();
if (!term) {
  console.error('Geef een organisatie-id, telefoonnummer, e-mailadres of webadres, bijvoorbeeld: npm run where -- moviera');
  process.exit(2);
}
const contentDir = process.env.CONTENT_DIR ?? 'content';
const clientDir = process.env.DIST_CLIENT ?? join('dist', 'client');
const { site } = readContent(contentDir);

const uses = usesOf(site, term);
console.log(`In de inhoud (${uses.length}):`);
for (const use of uses) console.log(`  ${use.file} → ${use.field}`);

// What to look for in the built HTML: the organisation's links, or the number/address itself.
const wanted = normalizeTerm(term);
const needles =
  wanted.kind === 'id'
    ? shownFactsOf(site, term)
    : wanted.kind === 'phone'
      ? [`tel:${phoneDigits(term).replace(/^\+31/, '0')}`]
      : wanted.kind === 'email'
        ? [`mailto:${wanted.value}`]
        : [term];
if (wanted.kind === 'id' && !site.organisaties.some((o) => o.id === term)) {
  console.log(`"${term}" is geen organisatie; op pagina's zoeken gaat alleen voor een organisatie, een nummer of een adres.`);
  process.exit(uses.length ? 0 : 1);
}
if (!existsSync(clientDir)) {
  console.log(`Er is nog geen gebouwde site in ${clientDir}. Draai npm run build om ook de pagina's te zien.`);
  process.exit(0);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );
}
const attributes = needles.map((n) => `href="${n}"`);
const pages = htmlFiles(clientDir)
  .filter((file) => {
    const html = readFileSync(file, 'utf8');
    return attributes.some((a) => html.includes(a));
  })
  .map((file) => `/${relative(clientDir, file).split(sep).join('/')}`.replace(/index\.html$/, ''))
  .sort();
console.log(`\nOp ${pages.length} pagina's (${needles.join(', ')}):`);
for (const page of pages) console.log(`  ${page}`);
