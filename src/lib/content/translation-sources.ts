/**
 * Stale translations: each language records, per translated text, a short hash of the Dutch
 * source it was translated from (content/vertalingen/<taal>.bron.json). When the Dutch text
 * changes, its hash no longer matches and `npm run check:translations` lists the translation as
 * stale (verouderd) until a translator updates it and records the new hash with
 * `npm run check:translations -- --vertaald <taal> [sleutel …]`.
 * The hashes live beside the translations, not in them, so translators never edit them by hand.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteContent } from './integrity.ts';
import type { StaleKeys } from './stale-as-pending.ts';
import { nationalRoute, organisationsOnTranslatedPages } from './translations.ts';
import { readContent } from './read-content.ts';
import { resolveContactVia } from './contact-via.ts';
import { TRANSLATED_PAGES } from '../../i18n/routes.ts';
import { TRANSLATED_LOCALES, type TranslatedLocale } from '../../i18n/locales.ts';

export type SourceHashes = Record<string, string>;

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/**
 * Every text a language translates, by the key the translation uses ("signalen.<id>",
 * "meldroute.<stap>", "beleid.<id>", "paginas.<pagina>" …), with a hash of its Dutch source.
 * Whole documents (plans, pages) are hashed as files: their summary or translation follows the text.
 */
export function dutchSourceHashes(site: SiteContent, projectDir = process.cwd()): SourceHashes {
  const file = (path: string) => readFileSync(join(projectDir, path), 'utf8');
  const sources: SourceHashes = {};
  for (const s of site.signalen) sources[`signalen.${s.id}`] = hash(JSON.stringify([s.data.statement, s.data.explanation ?? '']));
  for (const [id, node] of Object.entries(nationalRoute(site)?.data.nodes ?? {})) sources[`meldroute.${id}`] = hash(JSON.stringify(node));
  for (const id of organisationsOnTranslatedPages(site)) {
    const phones = site.organisaties.find((o) => o.id === id)?.data.phones ?? [];
    if (phones.length) sources[`organisaties.${id}`] = hash(JSON.stringify(phones.map((p) => [p.label ?? '', p.availability])));
  }
  for (const b of site.beleid) sources[`beleid.${b.id}`] = hash(file(b.filePath));
  for (const r of site.interneRoutes) sources[`interneRoutes.${r.id}`] = hash(JSON.stringify(r.data));
  for (const page of site.paginas) {
    if ((TRANSLATED_PAGES as readonly string[]).includes(page.id)) sources[`paginas.${page.id}`] = hash(file(page.filePath));
  }
  return sources;
}

export function hashFile(contentDir: string, locale: TranslatedLocale): string {
  return join(contentDir, 'vertalingen', `${locale}.bron.json`);
}

export function readRecordedHashes(contentDir: string, locale: TranslatedLocale): SourceHashes {
  const path = hashFile(contentDir, locale);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as SourceHashes) : {};
}

/** Records the current Dutch hashes for `keys` (or every translated key) of one language. */
export function recordHashes(contentDir: string, locale: TranslatedLocale, current: SourceHashes, keys: string[]): void {
  const recorded = readRecordedHashes(contentDir, locale);
  for (const key of keys) if (current[key]) recorded[key] = current[key];
  const sorted = Object.fromEntries(Object.entries(recorded).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(hashFile(contentDir, locale), `${JSON.stringify(sorted, null, 2)}\n`);
}

/** Whether a language has a translation for a key (a translated page counts when its file exists). */
export function isTranslated(site: SiteContent, locale: TranslatedLocale, key: string): boolean {
  const [field, id] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
  if (field === 'paginas') return site.vertaaldePaginas.some((p) => p.id === `${locale}/${id}`);
  const translation = site.vertalingen.find((v) => v.id === locale)?.data as Record<string, Record<string, unknown>> | undefined;
  return Boolean(translation?.[field]?.[id]);
}

/** Translated keys whose Dutch source changed since the translation was recorded (or was never recorded). */
export function findStaleTranslations(site: SiteContent, locale: TranslatedLocale, current: SourceHashes, recorded: SourceHashes) {
  return Object.keys(current)
    .filter((key) => isTranslated(site, locale, key) && recorded[key] !== current[key])
    .map((key) => ({ key, recorded: recorded[key] !== undefined }));
}

/**
 * Per language, the keys whose translation is stale, computed from the files on disk exactly as
 * `npm run check:translations` does (same reading, same hashes), so the build and the check agree.
 */
export function staleTranslationKeys(contentDir: string, projectDir = process.cwd()): StaleKeys {
  const site = resolveContactVia(readContent(contentDir, projectDir).site);
  const current = dutchSourceHashes(site, projectDir);
  return Object.fromEntries(
    TRANSLATED_LOCALES.map((locale) => [
      locale,
      new Set(findStaleTranslations(site, locale, current, readRecordedHashes(contentDir, locale)).map((s) => s.key)),
    ]),
  );
}

// Re-exported for the scripts and tests that work out and apply stale keys in one place.
export { withStaleAsPending, type StaleKeys } from './stale-as-pending.ts';
