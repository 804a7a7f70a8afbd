/**
 * Checks the translations without a build:
 *   node scripts/check-translations.ts [taal]
 * Covers the content translations (content/vertalingen/) and the interface strings
 * (src/i18n/strings/<taal>.json). Prints every missing, stale or invalid entry (file, field or
 * key, fix); exits 1 when there are any.
 */
import { readFileSync } from 'node:fs';
import { readContent } from '../src/lib/content/read-content.ts';
import { findTranslationProblems } from '../src/lib/content/translations.ts';
import type { Problem } from '../src/lib/content/integrity.ts';
import { findStringProblems, type StringsFile } from '../src/i18n/check.ts';
import { stringsFile } from '../src/i18n/index.ts';
import { DEFAULT_LOCALE, TRANSLATED_LOCALES } from '../src/i18n/locales.ts';

/** Reads one strings file; a file that is not valid JSON is itself the problem. */
function readStrings(locale: string, problems: Problem[]): StringsFile {
  const file = stringsFile(locale);
  try {
    return { file, strings: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (error) {
    problems.push({ file, field: '(bestand)', message: `Dit bestand is geen geldige JSON (${(error as Error).message}). Controleer aanhalingstekens en komma's.` });
    return { file, strings: {} };
  }
}

const only = process.argv[2];
const { site, problems: schemaProblems } = readContent('content');
const stringProblems: Problem[] = [];
const dutch = readStrings(DEFAULT_LOCALE, stringProblems);
const translations = TRANSLATED_LOCALES.map((locale) => readStrings(locale, stringProblems));
stringProblems.push(...findStringProblems(dutch, translations));

const problems = [...schemaProblems.filter((p) => p.file.includes('vertalingen')), ...findTranslationProblems(site), ...stringProblems]
  .filter((p) => !only || p.file.includes(`vertalingen/${only}`) || p.file === stringsFile(only));
for (const p of problems) console.log(`${p.file} › ${p.field}: ${p.message}`);
console.log(problems.length ? `${problems.length} probleem/problemen.` : 'Geen problemen.');
process.exitCode = problems.length ? 1 : 0;
