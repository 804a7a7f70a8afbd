/**
 * Dutch messages for the schema errors an editor can make, each with the fix. Zod's own
 * defaults are English and say what is wrong but not what to type ("Invalid input: expected
 * string, received number"); `dutchError` replaces them when a content file is checked
 * (read-content.ts). A message a schema sets itself (fields.ts) wins over these.
 */
import type { z } from 'astro/zod';

/** Levenshtein distance, for "bedoelde u …?". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** The closest candidate when it is close enough to be a typo (at most a third of the word differs). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(word.length / 3)) ? best : undefined;
}

/** ' Bedoelde u "x"?' or '' — appended to a message about an unknown name. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match ? ` Bedoelde u "${match}"?` : '';
}

/** The key an unknown-key message (below) suggested for `key`, if any: read back by read-content.ts. */
export function suggestedKey(message: string, key: string): string | undefined {
  for (const m of message.matchAll(/Onbekend veld "([^"]+)"\. Bedoelde u "([^"]+)"\?/g)) if (m[1] === key) return m[2];
  return undefined;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'tekst',
  number: 'een getal',
  boolean: 'true of false',
  array: 'een lijst',
  object: 'velden (ingesprongen onder elkaar)',
  undefined: 'niets',
  null: 'niets',
};

function received(input: unknown): string {
  if (Array.isArray(input)) return 'array';
  if (input === null) return 'null';
  return typeof input;
}

/** "expected string, received number": the usual causes in YAML, with what to type instead. */
function wrongType(expected: string, input: unknown): string {
  const got = received(input);
  if (got === 'undefined') return 'Dit veld ontbreekt. Vul het in (zie docs/EDITORS.md voor de velden van dit bestand).';
  if (expected === 'string' && got === 'number' && Number.isInteger(input) && (input as number) >= 1900 && (input as number) <= 2100) {
    return `YAML leest ${String(input)} als getal. Zet het jaar tussen aanhalingstekens: '${String(input)}'.`;
  }
  if (expected === 'string' && (got === 'number' || got === 'boolean')) {
    return `YAML leest ${String(input)} als ${TYPE_NAMES[got]}, hier hoort tekst. Zet de waarde tussen aanhalingstekens: '${String(input)}'.`;
  }
  if (expected === 'string' && got === 'object' && input instanceof Date) {
    return `Zet de datum tussen aanhalingstekens: '${input.toISOString().slice(0, 10)}'.`;
  }
  if (expected === 'array') return `Hier hoort een lijst, niet ${TYPE_NAMES[got] ?? got}. Zet elk item op een eigen regel die begint met "- ".`;
  if (expected === 'boolean') return `Schrijf true of false, zonder aanhalingstekens (nu: ${JSON.stringify(input)}).`;
  if (expected === 'number') return `Schrijf een getal zonder aanhalingstekens, bijvoorbeeld 2025 (nu: ${JSON.stringify(input)}).`;
  if (expected === 'object')
    return `Hier horen velden, ingesprongen onder deze regel, niet ${TYPE_NAMES[got] ?? got}. Kijk in een ander bestand van deze map hoe het eruitziet.`;
  return `Hier hoort ${TYPE_NAMES[expected] ?? expected}, niet ${TYPE_NAMES[got] ?? got}.`;
}

/** The field names an object schema allows, for "bedoelde u …?" on an unknown key. */
function knownKeys(inst: unknown): string[] {
  const shape = (inst as { _zod?: { def?: { shape?: Record<string, unknown> } } })?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

type RawIssue = z.core.$ZodRawIssue;

export const dutchError = (issue: RawIssue): string => {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(String(issue.expected), input);
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return `Deze tekst is te kort: schrijf minstens ${min} tekens.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Noem er minstens ${min}.`;
      return `Dit getal moet minstens ${min} zijn.`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `Deze tekst is te lang: hoogstens ${max} tekens (nu ${String(input).length}). Maak hem korter.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Noem er hoogstens ${max}.`;
      return `Dit getal mag hoogstens ${max} zijn.`;
    }
    case 'unrecognized_keys': {
      const allowed = knownKeys(issue.inst);
      return issue.keys.map((key) => `Onbekend veld "${key}".${didYouMean(key, allowed)} Toegestaan: ${allowed.join(', ')}.`).join(' ');
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      return `"${String(input)}" kan hier niet.${didYouMean(String(input), values)} Kies uit: ${values.join(', ')}.`;
    }
    case 'invalid_union':
      return `Deze waarde past bij geen van de toegestane vormen. Vergelijk met een ander bestand in deze map.`;
    case 'invalid_format':
      return `"${String(input)}" heeft niet de goede vorm (${issue.format}). Vergelijk met een ander bestand in deze map.`;
    case 'invalid_key':
      return `"${String(input)}" kan hier niet als naam gebruikt worden: gebruik kleine letters, cijfers en streepjes.`;
    default:
      return 'Deze waarde klopt niet. Vergelijk met een ander bestand in deze map of met docs/EDITORS.md.';
  }
};
