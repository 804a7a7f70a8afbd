/**
 * Checks interface-string files against the schema and against Dutch: missing and extra keys,
 * empty texts, and {placeholders} that differ from nl.json. Works on data in memory, so the
 * checker script reads the real files and the unit tests feed it broken copies.
 * Each problem, like a content problem, names the file, the key (as field) and the fix, in the words an editor reads.
 */
import type { Problem } from '../lib/content/integrity.ts';
import { uiStringsSchema } from './schema.ts';

export interface StringsFile {
  /** Path shown in messages, e.g. "src/i18n/strings/pl.json". */
  file: string;
  /** Parsed contents of the file. */
  strings: Record<string, unknown>;
}


const KEYS = Object.keys(uiStringsSchema.shape);
const SCHEMA = 'src/i18n/schema.ts';

/** The {placeholder} names in a text, sorted and without repeats. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

const list = (names: string[]) => (names.length ? names.map((n) => `{${n}}`).join(', ') : '(geen)');

/**
 * `dutch` is the source (nl.json); `translations` are the other languages. Dutch is held to the
 * schema (every key, placeholders as its description names them); every translation to Dutch.
 */
export function findStringProblems(dutch: StringsFile, translations: StringsFile[]): Problem[] {
  const problems: Problem[] = [];
  for (const { file, strings } of [dutch, ...translations]) {
    const isSource = file === dutch.file;
    const add = (field: string, message: string) => problems.push({ file, field, message });
    for (const key of KEYS) {
      const value = strings[key];
      const source = dutch.strings[key];
      if (value === undefined) {
        add(key, isSource
          ? `Deze tekst ontbreekt. Voeg "${key}" toe; ${SCHEMA} beschrijft waar hij staat.`
          : `Deze tekst ontbreekt. Voeg "${key}" toe met de vertaling van "${String(source)}" (uit ${dutch.file}).`);
        continue;
      }
      if (typeof value !== 'string') {
        add(key, 'Dit moet een tekst tussen aanhalingstekens zijn. Zet de tekst tussen "…".');
        continue;
      }
      if (value.trim() === '') {
        add(key, isSource ? 'De tekst is leeg. Vul de Nederlandse tekst in.' : `De tekst is leeg. Vul de vertaling van "${String(source)}" in.`);
        continue;
      }
      const expected = isSource ? placeholders(uiStringsSchema.shape[key as keyof typeof uiStringsSchema.shape].description ?? '') : typeof source === 'string' ? placeholders(source) : undefined;
      const actual = placeholders(value);
      if (expected && actual.join() !== expected.join()) {
        add(key, isSource
          ? `De tekst heeft de invulplekken ${list(actual)}, maar ${SCHEMA} noemt ${list(expected)}. Pas de tekst of de beschrijving in ${SCHEMA} aan.`
          : `De tekst moet precies de invulplekken ${list(expected)} hebben, zoals in ${dutch.file}; nu: ${list(actual)}. Neem de namen tussen { } letterlijk over en vertaal ze niet.`);
      }
    }
    for (const key of Object.keys(strings).filter((k) => !KEYS.includes(k))) {
      add(key, isSource
        ? `Deze sleutel staat niet in ${SCHEMA}. Voeg hem daar toe met een beschrijving, of haal hem hier weg.`
        : `Deze sleutel bestaat niet in ${dutch.file}. Haal hem weg, of hernoem hem naar de sleutel die in ${dutch.file} staat.`);
    }
  }
  return problems;
}
