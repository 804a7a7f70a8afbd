/**
 * Checks the translations without a build, per language:
 *   npm run check:translations [-- <taal>]
 *   npm run check:translations -- --vertaald <taal> [sleutel …]   (records that these are up to date)
 * Prints, per language: errors (file, field or key, fix: the build refuses these), then what
 * waits for a translator: missing (shown in Dutch with a notice), stale (the Dutch text changed
 * after the translation) and dropped parts (shown in Dutch, marked). Exits 1 only on errors:
 * pending translations do not stop publishing.
 */
import { readFileSync } from 'node:fs';
import { readContent } from '../src/lib/content/read-content.ts';
import { resolveContactVia } from '../src/lib/content/contact-via.ts';
import { findPendingTranslations, findTranslationProblems } from '../src/lib/content/translations.ts';
import { dutchSourceHashes, findStaleTranslations, isTranslated, readRecordedHashes, recordHashes } from '../src/lib/content/translation-sources.ts';
import type { Problem } from '../src/lib/content/integrity.ts';
import { findStringProblems, type StringsFile } from '../src/i18n/check.ts';
import { stringsFile } from '../src/i18n/index.ts';
import { DEFAULT_LOCALE, TRANSLATED_LOCALES, type TranslatedLocale } from '../src/i18n/locales.ts';

const contentDir = process.env.CONTENT_DIR ?? 'content';

/** Reads one strings file; a file that is not valid JSON is itself the problem. */
function readStrings(locale: string, problems: Problem[]): StringsFile {
  const file = stringsFile(locale);
  try {
    return { file, strings: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (error) {
    problems.push({
      file,
      field: '(bestand)',
      message: `Dit bestand is geen geldige JSON (${(error as Error).message}). Controleer aanhalingstekens en komma's.`,
    });
    return { file, strings: {} };
  }
}

const isLocale = (value: string | undefined): value is TranslatedLocale => (TRANSLATED_LOCALES as readonly string[]).includes(value ?? '');
const { site: read, problems: schemaProblems } = readContent(contentDir);
const site = resolveContactVia(read);
const current = dutchSourceHashes(site);

if (process.argv[2] === '--vertaald') {
  const [locale, ...keys] = process.argv.slice(3);
  if (!isLocale(locale)) {
    console.error(`Geef een taal: ${TRANSLATED_LOCALES.join(', ')}. Bijvoorbeeld: npm run check:translations -- --vertaald pl signalen.schulden-bij-werkgever`);
    process.exit(2);
  }
  const unknown = keys.filter((k) => !current[k]);
  if (unknown.length) {
    console.error(
      `Onbekende sleutel(s): ${unknown.join(', ')}. Gebruik de sleutels zoals check:translations ze noemt, bijvoorbeeld signalen.<id> of beleid.<id>.`,
    );
    process.exit(2);
  }
  const chosen = (keys.length ? keys : Object.keys(current)).filter((key) => isTranslated(site, locale, key));
  recordHashes(contentDir, locale, current, chosen);
  console.log(`${chosen.length} vertaling(en) in ${locale} vastgelegd als bijgewerkt.`);
  process.exit(0);
}

const only = process.argv[2];
if (only && !isLocale(only)) {
  console.error(`"${only}" is geen taal van de site. Kies uit: ${TRANSLATED_LOCALES.join(', ')}.`);
  process.exit(2);
}

const errors: Problem[] = [];
const dutch = readStrings(DEFAULT_LOCALE, errors);
const translations = TRANSLATED_LOCALES.map((locale) => readStrings(locale, errors));
errors.push(...findStringProblems(dutch, translations));
errors.push(...schemaProblems.filter((p) => p.file.includes('vertalingen')), ...findTranslationProblems(site));
const pending = findPendingTranslations(site);

let errorCount = 0;
for (const locale of only ? [only as TranslatedLocale] : TRANSLATED_LOCALES) {
  const mine = errors.filter((p) => p.file.includes(`vertalingen/${locale}`) || p.file === stringsFile(locale));
  const missing = pending.filter((p) => p.locale === locale);
  const stale = findStaleTranslations(site, locale, current, readRecordedHashes(contentDir, locale));
  // Parts the translation format has no place for: shown in Dutch, marked "(in het Nederlands)".
  const dropped = site.signalen.filter((s) => s.data.example && isTranslated(site, locale, `signalen.${s.id}`)).map((s) => s.id);
  errorCount += mine.length;
  console.log(
    `\n${locale}: ${mine.length} fout(en), ${missing.length} wacht(en) op vertaling, ${stale.length} verouderd, ${dropped.length} voorbeeld(en) in het Nederlands`,
  );
  for (const p of mine) console.log(`  fout        ${p.file} › ${p.field}: ${p.message}`);
  for (const p of missing) {
    const what = p.detail ?? (p.reason === 'ontbreekt' ? 'niet vertaald' : 'de Nederlandse tekst heeft een deel dat de vertaling mist');
    console.log(`  ontbreekt   ${p.file} › ${p.field}: ${what} (bron: ${p.source}); de site toont het Nederlands met een melding.`);
  }
  for (const s of stale) {
    const why = s.recorded ? 'de Nederlandse tekst is veranderd na de vertaling' : 'niet vastgelegd tegen welke Nederlandse tekst dit vertaald is';
    console.log(`  verouderd   ${s.key}: ${why}. Werk de vertaling bij en draai: npm run check:translations -- --vertaald ${locale} ${s.key}`);
  }
  if (dropped.length) console.log(`  weggelaten  voorbeelden (example) van signalen worden niet vertaald en staan in het Nederlands: ${dropped.join(', ')}`);
}
for (const p of errors.filter((p) => !TRANSLATED_LOCALES.some((l) => p.file.includes(`vertalingen/${l}`) || p.file === stringsFile(l)))) {
  errorCount++;
  console.log(`fout ${p.file} › ${p.field}: ${p.message}`);
}
console.log(
  errorCount
    ? `\n${errorCount} fout(en): de build weigert deze. Herstel ze eerst.`
    : '\nGeen fouten. Wat wacht op vertaling staat hierboven; de site toont het tot dan in het Nederlands.',
);
process.exitCode = errorCount ? 1 : 0;
