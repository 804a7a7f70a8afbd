/**
 * Checks the translations against the Dutch content without a build:
 *   node scripts/check-translations.ts [taal]
 * Prints every missing, stale or invalid entry (file, field, fix); exits 1 when there are any.
 */
import { readContent } from '../src/lib/content/read-content.ts';
import { findTranslationProblems } from '../src/lib/content/translations.ts';

const only = process.argv[2];
const { site, problems: schemaProblems } = readContent('content');
const problems = [...schemaProblems.filter((p) => p.file.includes('vertalingen')), ...findTranslationProblems(site)]
  .filter((p) => !only || p.file.includes(`vertalingen/${only}`));
for (const p of problems) console.log(`${p.file} › ${p.field}: ${p.message}`);
console.log(problems.length ? `${problems.length} probleem/problemen.` : 'Geen problemen.');
process.exitCode = problems.length ? 1 : 0;
