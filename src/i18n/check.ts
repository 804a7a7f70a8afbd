/**
 * Checks interface-string files against the schema and against Dutch: missing and extra keys,
 * empty texts, and {placeholders} that differ from nl.json. Works on data in memory, so the
 * checker script reads the real files and the unit tests feed it broken copies.
 * Each problem, like a content problem, names the file, the key (as field) and the fix, in the words an editor reads.
 */
import type { Problem } from '../lib/content/integrity.ts';
import { isPluralKey, uiStringsSchema } from './schema.ts';
import { isPlural, pluralCategories } from './message.ts';

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

/** The language of a strings file, from its name: "src/i18n/strings/pl.json" → "pl". */
const localeOf = (file: string) => /([a-z]{2,3})\.json$/.exec(file)?.[1] ?? 'nl';

/** The forms of a value to check: one text, or each plural form with its category. */
function formsOf(value: unknown): [string, unknown][] {
  return isPlural(value) ? Object.entries(value) : [['', value]];
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
        add(
          key,
          isSource
            ? `Deze tekst ontbreekt. Voeg "${key}" toe; ${SCHEMA} beschrijft waar hij staat.`
            : `Deze tekst ontbreekt. Voeg "${key}" toe met de vertaling van "${String(source)}" (uit ${dutch.file}).`,
        );
        continue;
      }
      if (isPluralKey(key)) {
        const categories = pluralCategories(localeOf(file));
        const have = isPlural(value) ? Object.keys(value) : [];
        if (!isPlural(value) || have.some((c) => !categories.includes(c as never)) || categories.some((c) => !have.includes(c))) {
          add(
            key,
            `Dit is een tekst met meervoudsvormen. Schrijf hem als { ${categories.map((c) => `"${c}": "…"`).join(', ')} }: precies de vormen die ${localeOf(file)} gebruikt (Intl.PluralRules; nu: ${have.length ? have.join(', ') : 'geen'}).`,
          );
          continue;
        }
      } else if (typeof value !== 'string') {
        add(key, 'Dit moet een tekst tussen aanhalingstekens zijn. Zet de tekst tussen "…".');
        continue;
      }
      const sourceText = isPlural(source) ? source.other : source;
      const expected = isSource
        ? placeholders(uiStringsSchema.shape[key as keyof typeof uiStringsSchema.shape].description ?? '')
        : typeof sourceText === 'string'
          ? placeholders(sourceText)
          : undefined;
      for (const [category, form] of formsOf(value)) {
        const where = category ? `${key}.${category}` : key;
        if (typeof form !== 'string' || form.trim() === '') {
          add(where, isSource ? 'De tekst is leeg. Vul de Nederlandse tekst in.' : `De tekst is leeg. Vul de vertaling van "${String(sourceText)}" in.`);
          continue;
        }
        const actual = placeholders(form);
        if (expected && actual.join() !== expected.join()) {
          add(
            where,
            isSource
              ? `De tekst heeft de invulplekken ${list(actual)}, maar ${SCHEMA} noemt ${list(expected)}. Pas de tekst of de beschrijving in ${SCHEMA} aan.`
              : `De tekst moet precies de invulplekken ${list(expected)} hebben, zoals in ${dutch.file}; nu: ${list(actual)}. Neem de namen tussen { } letterlijk over en vertaal ze niet.`,
          );
        }
      }
    }
    for (const key of Object.keys(strings).filter((k) => !KEYS.includes(k))) {
      add(
        key,
        isSource
          ? `Deze sleutel staat niet in ${SCHEMA}. Voeg hem daar toe met een beschrijving, of haal hem hier weg.`
          : `Deze sleutel bestaat niet in ${dutch.file}. Haal hem weg, of hernoem hem naar de sleutel die in ${dutch.file} staat.`,
      );
    }
  }
  return problems;
}
